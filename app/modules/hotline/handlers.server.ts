// The handlers a reporter may keep away from their report (issue 3, point 1). The list is public (the
// form needs no account), so it says only what a reporter needs to recognise someone: the display
// name. No email, role or department, and only people with a directory entry (an account without one
// has no name to show, and its email address must not be published).
import { db } from "../db/db.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_HANDLERS } from "../auth/permissions";
import type { AppLocale } from "../../i18n/locales";
import { localized } from "../../i18n/localized";

/** A bound on the public list; a real installation has a handful of handlers. */
const MAX_LISTED = 200;

export type ExcludableHandler = { id: string; name: string };

export async function listExcludableHandlers(locale: AppLocale): Promise<ExcludableHandler[]> {
  const users = await db.user.findMany({
    where: { ...holdingPermission(CASE_HANDLERS), person: { isNot: null } },
    select: { id: true, person: { select: { nameEn: true, nameZh: true } } },
    orderBy: { id: "asc" },
    take: MAX_LISTED,
  });
  const collator = new Intl.Collator(locale);
  return users
    .filter((u) => u.person !== null)
    .map((u) => ({ id: u.id, name: localized(u.person!, "name", locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
