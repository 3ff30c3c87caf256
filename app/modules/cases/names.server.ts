// Handlers' names on case pages (queue assignees, message authors, timeline actors): the directory
// name in the reader's language, else the account's email. Looked up in one query per page by ids,
// never one query per row.
import { db } from "../db/db.server";
import type { AppLocale } from "../../i18n/locales";
import { localized } from "../../i18n/localized";

export const USER_NAME_SELECT = { id: true, email: true, person: { select: { nameZh: true, nameEn: true } } } as const;

export type NamedUser = { email: string; person: { nameZh: string; nameEn: string } | null };

export function userDisplayName(user: NamedUser, locale: AppLocale): string {
  return user.person ? localized(user.person, "name", locale) : user.email;
}

/** id → display name for the given ids (unknown ids are simply absent). */
export async function userNames({ ids, locale }: { ids: Iterable<string | null | undefined>; locale: AppLocale }): Promise<Record<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string"))];
  if (unique.length === 0) return {};
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: USER_NAME_SELECT });
  return Object.fromEntries(users.map((u) => [u.id, userDisplayName(u, locale)]));
}
