// The signed-in person's own account: language, password, second factor.
import { db } from "../db/db.server";
import { toDbLocale, type AppLocale } from "../../i18n/locales";

export async function setAccountLocale(userId: string, locale: AppLocale) {
  await db.user.update({ where: { id: userId }, data: { locale: toDbLocale(locale) } });
}
