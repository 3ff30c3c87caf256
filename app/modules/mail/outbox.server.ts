// Queuing email (ADR 0007). Call enqueueEmail with the transaction that causes the email: the
// message exists exactly when the change does. The outbox sweep (mail/sender.server.ts) sends it.
import type { Tx } from "../db/db.server";
import { toDbLocale, type AppLocale } from "../../i18n/locales";
import { renderEmail, type TemplateName, type TemplateParams } from "./templates.server";

export type EmailRequest<T extends TemplateName> = {
  to: string;
  locale: AppLocale;
  template: T;
  params: TemplateParams<T>;
  /** Shown in the greeting; omit for a generic greeting-free email. */
  recipientName?: string | null;
};

export async function enqueueEmail<T extends TemplateName>(tx: Tx, req: EmailRequest<T>) {
  const rendered = renderEmail(req.template, req.locale, req.params, req.recipientName ?? null);
  return tx.outboxEmail.create({
    data: {
      toAddress: req.to,
      locale: toDbLocale(req.locale),
      template: req.template,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
    },
    select: { id: true },
  });
}
