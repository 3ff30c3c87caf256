// The outbox sender (ADR 0007), run by the "mail.outbox" sweep. Rows are claimed with a conditional
// update before sending, so any number of instances can drain the outbox and none sends a row
// another one holds. Delivery is at-least-once with a narrow window: if the process dies between
// the SMTP server's "250 OK" and the SENT update, the row is sent again once its claim expires.
import { randomBytes } from "node:crypto";
import { db as defaultDb, type Db } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { logError, logInfo } from "../http/log.server";
import { getMailTransport, type MailTransport } from "./transport.server";

export const OUTBOX_BATCH_SIZE = 50;
/** A message the server keeps refusing becomes FAILED at this many attempts (admin can retry). */
export const OUTBOX_MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** Longer than one batch can take (see the time budget and the transport's time-outs). */
export const OUTBOX_CLAIM_MS = 5 * 60_000;
/** One drain stops claiming new batches after this long, so the sweep's lease is never outrun. */
const TIME_BUDGET_MS = 2 * 60_000;
const LAST_ERROR_MAX = 500;

/**
 * Errors that say nothing about the message: the server is unreachable, times out, or refuses our
 * credentials. Retrying the rest of the batch now would only wait on the same failure.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ETLS",
  "EPROTOCOL",
  "EAUTH",
  "ENOAUTH",
  "EPROXY",
  "ECONFIG",
  "ECONNREFUSED",
  "ECONNRESET",
]);

/** Delay before the next attempt after `attempts` failed ones: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

function errorInfo(e: unknown) {
  const err = (e ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof err.code === "string" ? err.code : null;
  const responseCode = typeof err.responseCode === "number" ? err.responseCode : null;
  const message = typeof err.message === "string" && err.message ? err.message : String(e);
  // 421: "service not available" at any stage of the dialogue is the server's problem, not the message's.
  const unavailable = (code !== null && UNAVAILABLE_CODES.has(code)) || responseCode === 421;
  return { code, responseCode, unavailable, message: message.slice(0, LAST_ERROR_MAX) };
}

export type DrainOptions = {
  /** Defaults to the configured transport (MAIL_TRANSPORT). */
  transport?: MailTransport;
  /** The logical time: claims, back-off and sentAt are computed from it (tests pass a future one). */
  now?: Date;
  db?: Db;
  batchSize?: number;
  from?: string;
};

export type DrainResult = { sent: number; deferred: number; failed: number; released: number };

/** Sends due QUEUED messages in bounded batches until none are due, the server is down, or time is up. */
export async function drainOutbox(opts: DrainOptions = {}): Promise<DrainResult> {
  const db = opts.db ?? defaultDb;
  const transport = opts.transport ?? getMailTransport();
  const from = opts.from ?? getEnv().MAIL_FROM;
  const batchSize = opts.batchSize ?? OUTBOX_BATCH_SIZE;
  const startedAt = Date.now();
  const base = (opts.now ?? new Date()).getTime();
  const clock = () => new Date(base + (Date.now() - startedAt));
  // One token per drain: two drains in one process must not mistake each other's claims for their own.
  const claimToken = `${process.pid}:${randomBytes(6).toString("hex")}`;
  const result: DrainResult = { sent: 0, deferred: 0, failed: 0, released: 0 };

  while (Date.now() - startedAt < TIME_BUDGET_MS) {
    const now = clock();
    const free = { status: "QUEUED" as const, nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] };
    const candidates = await db.outboxEmail.findMany({
      where: free,
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: batchSize,
      select: { id: true },
    });
    if (candidates.length === 0) break;
    const ids = candidates.map((c) => c.id);
    // The conditional update is the claim: a row another sender claimed after our SELECT no longer
    // matches `free` (PostgreSQL re-checks the WHERE after waiting for its row lock).
    await db.outboxEmail.updateMany({
      where: { id: { in: ids }, ...free },
      data: { claimedBy: claimToken, claimedUntil: new Date(now.getTime() + OUTBOX_CLAIM_MS) },
    });
    const claimed = await db.outboxEmail.findMany({
      where: { id: { in: ids }, claimedBy: claimToken, status: "QUEUED" },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      select: { id: true, toAddress: true, locale: true, subject: true, textBody: true, htmlBody: true, attempts: true },
    });

    let outage: { message: string; retryAt: Date } | null = null;
    for (const [index, row] of claimed.entries()) {
      if (outage || Date.now() - startedAt >= TIME_BUDGET_MS) {
        // Not tried: hand the rest of the batch back untouched apart from the reason, no attempt counted.
        const rest = claimed.slice(index).map((r) => r.id);
        const released = await db.outboxEmail.updateMany({
          where: { id: { in: rest }, claimedBy: claimToken },
          data: {
            claimedBy: null,
            claimedUntil: null,
            ...(outage ? { nextAttemptAt: outage.retryAt, lastError: outage.message } : {}),
          },
        });
        result.released += released.count;
        break;
      }
      const attempts = row.attempts + 1;
      let messageId: string | null;
      try {
        const info = await transport.sendMail({
          from,
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
          headers: { "Content-Language": row.locale === "zh_CN" ? "zh-CN" : "en" },
        });
        messageId = info.messageId ?? null;
      } catch (e) {
        const err = errorInfo(e);
        // An outage never fails a message: it waits (back-off capped at an hour) until the server is back.
        const fail = !err.unavailable && attempts >= OUTBOX_MAX_ATTEMPTS;
        const retryAt = new Date(clock().getTime() + backoffMs(attempts));
        await db.outboxEmail.updateMany({
          where: { id: row.id, claimedBy: claimToken },
          data: {
            status: fail ? "FAILED" : "QUEUED",
            attempts,
            lastError: err.message,
            nextAttemptAt: retryAt,
            claimedBy: null,
            claimedUntil: null,
          },
        });
        if (fail) result.failed++;
        else result.deferred++;
        // Code and response code only: the error text may quote the recipient's address.
        const fields = { id: row.id, attempts, code: err.code, responseCode: err.responseCode };
        if (fail) logError("outbox.failed", err.code ?? "error", fields);
        else logInfo("outbox.deferred", fields);
        if (err.unavailable) outage = { message: err.message, retryAt };
        continue;
      }
      // Outside the try: if this write fails the message was still sent, and must not be counted
      // as a failed attempt and rescheduled. The drain stops; the claim expires (see the top).
      await db.outboxEmail.updateMany({
        where: { id: row.id, claimedBy: claimToken },
        data: { status: "SENT", attempts, sentAt: clock(), messageId, lastError: null, claimedBy: null, claimedUntil: null },
      });
      result.sent++;
      logInfo("outbox.sent", { id: row.id, attempts });
    }
    // Fewer candidates than a batch: nothing more is due. (Losing some to another sender is no reason to stop.)
    if (outage || candidates.length < batchSize) break;
  }
  return result;
}
