// The reporter's side as the tests need it: opening the follow-up with a receipt, as its form does.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "~/modules/db/db.server";
import { formatReceipt, RECEIPT_ALPHABET, REFERENCE_LENGTH, SECRET_LENGTH, type Receipt } from "~/modules/hotline/receipt";
import { action as followUpAction } from "~/routes/report.follow-up/route";
import { loader as reportFormLoader } from "~/routes/report._index/route";
import { callAction, cookieSetBy, getRequest } from "./requests";

export const FOLLOW_UP_PATH = "/report/follow-up";

/** The one-time submission key a fresh report form carries (the form's hidden field). */
export async function reportFormKey(): Promise<string> {
  const res = (await reportFormLoader({ request: getRequest("/report"), params: {}, context: {} })) as Response;
  return ((await res.json()) as { submissionKey: string }).submissionKey;
}

/** Opens the report with its receipt (the page answers 303); returns the Cookie header the browser sends back. */
export async function openFollowUp(receipt: Receipt): Promise<string> {
  const res = await callAction(followUpAction, FOLLOW_UP_PATH, { intent: "open", receipt: formatReceipt(receipt) });
  expect(res.status).toBe(303);
  const cookie = cookieSetBy(res, "sunline_report");
  if (!cookie) throw new Error("the follow-up set no reporter cookie");
  return cookie;
}

/** `n` random symbols of the receipt alphabet. */
export function receiptSymbols(n: number): string {
  return Array.from(randomBytes(n), (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]).join("");
}

/** The receipt as typed with its own reference and a different (wrong) secret. */
export function wrongSecretFor(receipt: Pick<Receipt, "reference" | "secret">): string {
  let secret = receiptSymbols(SECRET_LENGTH);
  while (secret === receipt.secret) secret = receiptSymbols(SECRET_LENGTH);
  return formatReceipt({ reference: receipt.reference, secret });
}

/** A well-formed receipt, as typed, whose reference no report has. */
export async function unknownReceipt(): Promise<string> {
  for (;;) {
    const reference = receiptSymbols(REFERENCE_LENGTH);
    if (!(await db.report.findUnique({ where: { reference }, select: { id: true } }))) return formatReceipt({ reference, secret: receiptSymbols(SECRET_LENGTH) });
  }
}
