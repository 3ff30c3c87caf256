// Message catalogues. English is the reference shape; the zh-CN catalogue is typed against it, so a
// missing or extra key fails `tsc`. One file per domain in each language folder keeps edits local.
// Interpolation is plain functions: `m.people.count(3)`. No user-facing string lives outside here.
import { en } from "./en";
import { zhCN } from "./zh-CN";
import type { AppLocale } from "./locales";

export type Messages = typeof en;

const catalogues: Record<AppLocale, Messages> = { en, "zh-CN": zhCN };

export function getMessages(locale: AppLocale): Messages {
  return catalogues[locale];
}
