// The administrator's view of the outbox (/admin/outbox): paginated lists with counts per status,
// one message with its rendered content, and re-queuing a failed message (audited).
import { db } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { appendAuditEvent } from "../audit/audit.server";
import { pageWindow } from "../http/pagination";
import { DomainError } from "../http/domain-error";
import { OUTBOX_DETAIL_SELECT, OUTBOX_LIST_SELECT } from "./outbox-rows";

export type OutboxFilter = "queued" | "sent" | "failed";
type Status = "QUEUED" | "SENT" | "FAILED";

const toStatus = (f: OutboxFilter): Status => f.toUpperCase() as Status;

export async function listOutbox(opts: { status: OutboxFilter | null; page: number }) {
  const where = opts.status ? { status: toStatus(opts.status) } : {};
  const [rows, total, grouped] = await Promise.all([
    db.outboxEmail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(opts.page),
      select: OUTBOX_LIST_SELECT,
    }),
    db.outboxEmail.count({ where }),
    db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts: Record<Status, number> = { QUEUED: 0, SENT: 0, FAILED: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return { rows, total, counts };
}

// A base64url/hex run this long in a link's path or query is a one-time token (ours are 43
// characters). The host is skipped: a long domain name is not a secret.
const TOKEN_IN_URL = /(https?:\/\/[^\s"'<>/]+[^\s"'<>]*?[/=])[A-Za-z0-9_-]{24,}/g;

/** Hides the tokens in links: they belong to the recipient, not to whoever reads the outbox. */
export function redactLinkTokens(body: string): string {
  let previous: string;
  let out = body;
  // A link may carry several tokens (path and query): repeat until none is left.
  do {
    previous = out;
    out = out.replace(TOKEN_IN_URL, "$1…");
  } while (out !== previous);
  return out;
}

/**
 * One message as the administrator reads it. With real SMTP delivery the links' one-time tokens
 * are hidden (a password-reset link would otherwise let the reader take over the account); with the
 * local demo transport the outbox is the only place the mail arrives, so it is shown whole.
 */
export async function getOutboxEmail(id: string) {
  const row = await db.outboxEmail.findUnique({
    where: { id },
    select: OUTBOX_DETAIL_SELECT,
  });
  if (!row) return null;
  const redacted = getEnv().MAIL_TRANSPORT === "smtp";
  const shown = redacted ? { ...row, textBody: redactLinkTokens(row.textBody), htmlBody: redactLinkTokens(row.htmlBody) } : row;
  // Not sent (or no longer sendable) because the link inside has expired: the page says so.
  const linkExpired = row.status !== "SENT" && row.expiresAt !== null && row.expiresAt.getTime() <= Date.now();
  return { ...shown, redacted, linkExpired, htmlPreview: withoutStyleAttributes(shown.htmlBody) };
}

/**
 * The HTML for the sandboxed preview frame. A srcdoc frame inherits the page's CSP, which refuses
 * inline styles (and reports each refusal): they are dropped here, so the preview is plain.
 */
function withoutStyleAttributes(html: string): string {
  return html.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, "");
}

/** A retry refused: the message is gone (404), or not failed / past its deadline (409). */
/** Codes are keys of the outbox page's error catalogue (i18n mail.outbox.errors). */
type OutboxRetryCode = "notFound" | "notRetryable" | "linkExpired";

export class OutboxRetryError extends DomainError<OutboxRetryCode> {
  constructor(code: OutboxRetryCode) {
    super("outbox", code, { status: code === "notFound" ? 404 : 409 });
  }
}

/** Puts a FAILED message back in the queue with a fresh attempt count; audited as mail.retry. */
export async function retryOutboxEmail({ emailId: id, actorUserId, now = new Date() }: { emailId: string; actorUserId: string; now?: Date }) {
  await db.$transaction(async (tx) => {
    const row = await tx.outboxEmail.findUnique({ where: { id }, select: { status: true, attempts: true, template: true, expiresAt: true } });
    if (!row) throw new OutboxRetryError("notFound");
    // Its link no longer works: re-sending would deliver a dead link. A new one must be issued.
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw new OutboxRetryError("linkExpired");
    // Conditional, so a double submit (or two administrators) re-queues it once.
    const updated = await tx.outboxEmail.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "QUEUED", attempts: 0, nextAttemptAt: now, claimedBy: null, claimedUntil: null },
    });
    if (updated.count !== 1) throw new OutboxRetryError("notRetryable");
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: "mail.retry",
      objectType: "OutboxEmail",
      objectId: id,
      details: { template: row.template, previousAttempts: row.attempts },
    });
  });
}
