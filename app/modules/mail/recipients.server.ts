// Writing to a user: in their language, greeted by their name. Whoever picks the recipients selects
// RECIPIENT_SELECT and hands each row to emailRecipient.
import type { Tx } from "../db/db.server";
import { DEFAULT_LOCALE, fromDbLocale, type AppLocale, type DbLocale } from "../../i18n/locales";
import { enqueueEmail } from "./outbox.server";
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

/** Queues one email to this user, in the caller's transaction. */
export async function emailRecipient<T extends TemplateName>(tx: Tx, user: LocaleHolder & { email: string }, template: T, params: TemplateParams<T>) {
  const locale = recipientLocale(user);
  return enqueueEmail(tx, { to: user.email, locale, template, params, recipientName: recipientName(user, locale) });
}
