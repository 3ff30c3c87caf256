// Queuing email (ADR 0007). Call enqueueEmail with the transaction that causes the email: the
// message exists exactly when the change does. The outbox sweep (mail/sender.server.ts) sends it.
import type { Tx } from "../db/db.server";
import { chunked } from "../db/chunks";
import { toDbLocale, type AppLocale } from "../../i18n/locales";
import { SHORT_LIVED_TEMPLATES } from "./sender.server";
import { renderEmail, type TemplateName, type TemplateParams } from "./templates.server";

/** Seven columns a row: 100 rows a statement stays far below both databases' parameter limits. */
const EMAILS_PER_STATEMENT = 100;

export type EmailRequest<T extends TemplateName> = {
  to: string;
  locale: AppLocale;
  template: T;
  params: TemplateParams<T>;
  /** Shown in the greeting; omit for a generic greeting-free email. */
  recipientName?: string | null;
};

/**
 * When a mail's link stops working: the templates whose params carry the link's lifetime in
 * minutes (password reset, invitation). Past it the sender does not send the row.
 */
export function linkExpiry(params: unknown, now = new Date()): Date | null {
  const minutes = (params as { minutes?: unknown } | null)?.minutes;
  return typeof minutes === "number" && minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null;
}

function outboxRow<T extends TemplateName>(req: EmailRequest<T>) {
  const rendered = renderEmail({ template: req.template, locale: req.locale, params: req.params, recipientName: req.recipientName ?? null });
  return {
    toAddress: req.to,
    locale: toDbLocale(req.locale),
    template: req.template,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
    expiresAt: SHORT_LIVED_TEMPLATES.has(req.template) ? linkExpiry(req.params) : null,
  };
}

/** Queues one email in the caller's transaction; returns its row's id. */
export async function enqueueEmail<T extends TemplateName>(tx: Tx, req: EmailRequest<T>) {
  return tx.outboxEmail.create({ data: outboxRow(req), select: { id: true } });
}

/** Queues many emails in the caller's transaction, a few statements in all; returns how many. */
export async function enqueueEmails<T extends TemplateName>(tx: Tx, reqs: readonly EmailRequest<T>[]): Promise<number> {
  let count = 0;
  for (const piece of chunked(reqs, EMAILS_PER_STATEMENT)) count += (await tx.outboxEmail.createMany({ data: piece.map(outboxRow) })).count;
  return count;
}
