// Showing a receipt again to the browser that sent the form (ADR 0017). With JavaScript off, a quick
// double click sends the form twice and the browser shows only the second answer; a response lost
// after the commit is resent the same way. Both carry the same one-time submission key, which the
// form was given when it was shown and which only that browser holds. So the receipt is kept for a
// few minutes sealed under a key derived from the submission key, and the row is found by an HMAC
// of it: the database holds neither the submission key nor anything that opens the receipt.
import { hkdfSync } from "node:crypto";
import { hmacHex, seal, unseal } from "../crypto/crypto.server";
import { db, type Tx } from "../db/db.server";
import type { Receipt } from "./receipt";

/** How long a repeated post of the same form shows the receipt again. */
export const REDISPLAY_MINUTES = 10;

/** What Report.submissionKey and SubmissionReceipt.keyHash hold: never the key itself. */
export function submissionKeyHash(submissionKey: string): string {
  return hmacHex("report.submissionKey", submissionKey);
}

/**
 * The receipt's sealing key, from the submission key alone. Not from the HMAC key: whoever holds
 * the configuration and a database copy must still need the browser's form to open a receipt.
 */
function redisplayKey(submissionKey: string, keyHash: string): Buffer {
  return Buffer.from(hkdfSync("sha256", submissionKey, "sunline.receipt-redisplay.v1", keyHash, 32));
}

const context = (keyHash: string) => `SubmissionReceipt:${keyHash}:receipt`;

/** Writes the sealed receipt in the report's own transaction, so a committed report always has it. */
export async function keepReceiptForRedisplay(tx: Tx, args: { submissionKey: string; reportId: string; receipt: Receipt; now: Date }) {
  const keyHash = submissionKeyHash(args.submissionKey);
  const plain = JSON.stringify({ reference: args.receipt.reference, secret: args.receipt.secret });
  await tx.submissionReceipt.create({
    data: {
      keyHash,
      reportId: args.reportId,
      sealedReceipt: seal(plain, context(keyHash), redisplayKey(args.submissionKey, keyHash)),
      expiresAt: new Date(args.now.getTime() + REDISPLAY_MINUTES * 60_000),
    },
    select: { keyHash: true },
  });
}

/**
 * The receipt of the report filed with this submission key, while its window lasts; null once it
 * has passed (the time is checked here, so a row the sweep has not reached yet is never used).
 */
export async function redisplayableReceipt(submissionKey: string, now = new Date()): Promise<{ reportId: string; receipt: Receipt } | null> {
  const keyHash = submissionKeyHash(submissionKey);
  const row = await db.submissionReceipt.findFirst({ where: { keyHash, expiresAt: { gt: now } }, select: { reportId: true, sealedReceipt: true } });
  if (!row) return null;
  try {
    const receipt = JSON.parse(unseal(row.sealedReceipt, context(keyHash), redisplayKey(submissionKey, keyHash))) as Receipt;
    return { reportId: row.reportId, receipt: { reference: receipt.reference, secret: receipt.secret } };
  } catch {
    return null;
  }
}

/** The sweep: receipts past their window are deleted. */
export async function expireSubmissionReceipts({ now }: { now: Date }) {
  await db.submissionReceipt.deleteMany({ where: { expiresAt: { lte: now } } });
}
