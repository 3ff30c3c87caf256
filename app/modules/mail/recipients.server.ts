// Writing to a user: in their language, greeted by their name. Whoever picks the recipients selects
// RECIPIENT_SELECT and hands the row to emailRecipient, or all the rows to emailRecipients.
import type { Tx } from "../db/db.server";
import { DEFAULT_LOCALE, fromDbLocale, type AppLocale, type DbLocale } from "../../i18n/locales";
import { enqueueEmail, enqueueEmails, type EmailRequest } from "./outbox.server";
import type { TemplateName, TemplateParams } from "./templates.server";
import { localized } from "../../i18n/localized";

export const RECIPIENT_SELECT = { id: true, email: true, locale: true, person: { select: { locale: true, nameZh: true, nameEn: true } } } as const;

type LocaleHolder = { locale: DbLocale | null; person?: { locale: DbLocale; nameZh: string; nameEn: string } | null };

/** The language to write to someone in: the account's, else the person's, else zh-CN. */
export function recipientLocale(user: LocaleHolder): AppLocale {
  return fromDbLocale(user.locale) ?? fromDbLocale(user.person?.locale) ?? DEFAULT_LOCALE;
}

export function recipientName(user: LocaleHolder, locale: AppLocale): string | null {
  if (!user.person) return null;
  return localized(user.person, "name", locale);
}

type Recipient = LocaleHolder & { email: string };

function requestFor<T extends TemplateName>(user: Recipient, template: T, params: TemplateParams<T>): EmailRequest<T> {
  const locale = recipientLocale(user);
  return { to: user.email, locale, template, params, recipientName: recipientName(user, locale) };
}

/** Queues one email to this user, in the caller's transaction. */
export async function emailRecipient<T extends TemplateName>(tx: Tx, { user, template, params }: { user: Recipient; template: T; params: TemplateParams<T> }) {
  return enqueueEmail(tx, requestFor(user, template, params));
}

/** Queues the same email to each of these users (each in their own language), in the caller's transaction; returns how many. */
export async function emailRecipients<T extends TemplateName>(
  tx: Tx,
  { users, template, params }: { users: readonly Recipient[]; template: T; params: TemplateParams<T> },
): Promise<number> {
  return enqueueEmails(tx, users.map((user) => requestFor(user, template, params)));
}
