// The reporter's side as the tests need it: opening the follow-up with a receipt, as its form does.
import { expect } from "vitest";
import { formatReceipt, type Receipt } from "~/modules/hotline/receipt";
import { action as followUpAction } from "~/routes/report.follow-up/route";
import { callAction, cookieSetBy } from "./requests";

export const FOLLOW_UP_PATH = "/report/follow-up";

/** Opens the report with its receipt (the page answers 303); returns the Cookie header the browser sends back. */
export async function openFollowUp(receipt: Receipt): Promise<string> {
  const res = await callAction(followUpAction, FOLLOW_UP_PATH, { intent: "open", receipt: formatReceipt(receipt) });
  expect(res.status).toBe(303);
  const cookie = cookieSetBy(res, "sunline_report");
  if (!cookie) throw new Error("the follow-up set no reporter cookie");
  return cookie;
}
