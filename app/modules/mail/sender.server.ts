// The outbox sender (ADR 0007), run by the "mail.outbox" sweep. Rows are claimed with a conditional
// update before sending, so any number of instances can drain the outbox and none sends a row
// another one holds. Delivery is at-least-once with a narrow window: if the process dies between
// the SMTP server's "250 OK" and the SENT update, the row is sent again once its claim expires.
// Claims are short (a little more than one message's deadline) and renewed for the rest of the batch
// before each message, so a live sender keeps its rows while a dead one's are free within a minute.
import { randomBytes } from "node:crypto";
import { db as defaultDb, type Db } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { logError, logInfo } from "../http/log.server";
import { getMailTransport, type MailTransport, type OutgoingMail } from "./transport.server";
import { OUTBOX_SENDING_SELECT } from "./outbox-rows";

export const OUTBOX_BATCH_SIZE = 50;
/** A message the server keeps refusing becomes FAILED at this many attempts (admin can retry). */
export const OUTBOX_MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** Mail carrying a link that expires (reset, invitation): waiting an hour would outlive the link. */
const SHORT_LIVED_BACKOFF_MAX_MS = 2 * 60_000;
export const SHORT_LIVED_TEMPLATES: ReadonlySet<string> = new Set(["passwordReset", "accountInvitation"]);
/** Outage retries grow at most to this, however long the server stays away. */
const OUTAGE_RETRY_MAX_MS = 30_000;
/** Claim margin over the per-message deadline: the claim is renewed before each message. */
const CLAIM_MARGIN_MS = 15_000;
/** What lastError says for a row whose link expired before it could be sent (shown on /admin/outbox). */
export const EXPIRED_ERROR = "expired: the link in this message expired before it could be sent";
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
  // Our own per-message deadline: a server this slow is as good as unavailable.
  "EDEADLINE",
  "EABORT",
]);

/**
 * Delay before the next attempt after `attempts` failed ones: 30 s, 1 min, 2 min, … capped at 1 h,
 * or at 2 min for a short-lived template.
 */
export function backoffMs(attempts: number, template?: string): number {
  const cap = template && SHORT_LIVED_TEMPLATES.has(template) ? SHORT_LIVED_BACKOFF_MAX_MS : BACKOFF_MAX_MS;
  return Math.min(cap, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The claim's length for a given per-message deadline. */
export function outboxClaimMs(deadlineMs = getEnv().MAIL_SEND_DEADLINE_MS): number {
  return deadlineMs + CLAIM_MARGIN_MS;
}

/** Sends one message, abandoning it (the connection closed) once the deadline passes. */
async function sendWithDeadline(transport: MailTransport, mail: OutgoingMail, deadlineMs: number, stop?: AbortSignal) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("send deadline passed")), deadlineMs);
  const onStop = () => controller.abort(new Error("sender stopped"));
  if (stop?.aborted) onStop();
  stop?.addEventListener("abort", onStop, { once: true });
  try {
    return await Promise.race([
      transport.sendMail({ ...mail, signal: controller.signal }),
      // A transport that ignores the signal (a test double, an old nodemailer) is still not waited on.
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () =>
          reject(Object.assign(new Error(`Send abandoned after ${deadlineMs} ms (deadline)`), { code: "EDEADLINE" })),
        ),
      ),
    ]);
  } finally {
    clearTimeout(timer);
    stop?.removeEventListener("abort", onStop);
  }
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
  /** Defaults to MAIL_SEND_DEADLINE_MS. */
  deadlineMs?: number;
  /** Defaults to MAIL_OUTAGE_RETRY_MS. */
  outageRetryMs?: number;
  /**
   * The sweep's stop signal (shutdown, a lost lease): no new batch is claimed, the message being
   * sent is abandoned, and the rest of the batch is handed back, no attempt counted.
   */
  signal?: AbortSignal;
};

export type DrainResult = { sent: number; deferred: number; failed: number; released: number };

/** Sends due QUEUED messages in bounded batches until none are due, the server is down, or time is up. */
export async function drainOutbox(opts: DrainOptions = {}): Promise<DrainResult> {
  const db = opts.db ?? defaultDb;
  const transport = opts.transport ?? getMailTransport();
  const env = getEnv();
  const from = opts.from ?? env.MAIL_FROM;
  const deadlineMs = opts.deadlineMs ?? env.MAIL_SEND_DEADLINE_MS;
  const outageRetryMs = Math.min(OUTAGE_RETRY_MAX_MS, opts.outageRetryMs ?? env.MAIL_OUTAGE_RETRY_MS);
  const claimMs = outboxClaimMs(deadlineMs);
  const batchSize = opts.batchSize ?? OUTBOX_BATCH_SIZE;
  const startedAt = Date.now();
  const base = (opts.now ?? new Date()).getTime();
  const clock = () => new Date(base + (Date.now() - startedAt));
  // One token per drain: two drains in one process must not mistake each other's claims for their own.
  const claimToken = `${process.pid}:${randomBytes(6).toString("hex")}`;
  const result: DrainResult = { sent: 0, deferred: 0, failed: 0, released: 0 };

  const stopped = () => opts.signal?.aborted === true || Date.now() - startedAt >= TIME_BUDGET_MS;
  while (!stopped()) {
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
      data: { claimedBy: claimToken, claimedUntil: new Date(now.getTime() + claimMs) },
    });
    const claimed = await db.outboxEmail.findMany({
      where: { id: { in: ids }, claimedBy: claimToken, status: "QUEUED" },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      select: OUTBOX_SENDING_SELECT,
    });

    let outage: { message: string; retryAt: Date } | null = null;
    for (const [index, row] of claimed.entries()) {
      if (outage || stopped()) {
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
      // Renew the claims of this row and the rest of the batch: each lasts one deadline plus a
      // margin, so they hold while this sender lives and lapse within a minute if it dies.
      const renewed = await db.outboxEmail.updateMany({
        where: { id: { in: claimed.slice(index).map((r) => r.id) }, claimedBy: claimToken, status: "QUEUED" },
        data: { claimedUntil: new Date(clock().getTime() + claimMs) },
      });
      if (renewed.count === 0) break;
      if (row.expiresAt && row.expiresAt.getTime() <= clock().getTime()) {
        // The link inside no longer works: sending it would only confuse the recipient.
        await db.outboxEmail.updateMany({
          where: { id: row.id, claimedBy: claimToken },
          data: { status: "FAILED", lastError: EXPIRED_ERROR, claimedBy: null, claimedUntil: null },
        });
        result.failed++;
        logInfo("outbox.expired", { id: row.id, template: row.template });
        continue;
      }
      const attempts = row.attempts + 1;
      let messageId: string | null;
      try {
        const info = await sendWithDeadline(
          transport,
          {
            from,
            to: row.toAddress,
            subject: row.subject,
            text: row.textBody,
            html: row.htmlBody,
            headers: { "Content-Language": row.locale === "zh_CN" ? "zh-CN" : "en" },
          },
          deadlineMs,
          opts.signal,
        );
        messageId = info.messageId ?? null;
      } catch (e) {
        const err = errorInfo(e);
        // An outage never fails a message and is not held against it: the attempt is not counted,
        // and the next try comes soon (MAIL_OUTAGE_RETRY_MS), so mail leaves shortly after the
        // server answers again instead of waiting out a back-off grown during the outage.
        const counted = err.unavailable ? row.attempts : attempts;
        const fail = !err.unavailable && attempts >= OUTBOX_MAX_ATTEMPTS;
        const retryAt = new Date(clock().getTime() + (err.unavailable ? outageRetryMs : backoffMs(attempts, row.template)));
        await db.outboxEmail.updateMany({
          where: { id: row.id, claimedBy: claimToken },
          data: {
            status: fail ? "FAILED" : "QUEUED",
            attempts: counted,
            lastError: err.message,
            nextAttemptAt: retryAt,
            claimedBy: null,
            claimedUntil: null,
          },
        });
        if (fail) result.failed++;
        else result.deferred++;
        // Code and response code only: the error text may quote the recipient's address.
        const fields = { id: row.id, attempts: counted, code: err.code, responseCode: err.responseCode };
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
