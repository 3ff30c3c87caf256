// Values stored in both languages side by side (a person's nameZh/nameEn, a question's
// labelZh/labelEn and its choices' zh/en, the settings' org.nameZh/org.nameEn), read in the
// reader's language. One rule everywhere: the reader's language, else the other one when that is
// empty (an administrator may fill in only one). Client-safe.
import type { AppLocale } from "./locales";

type Suffix = "Zh" | "En";
type Text = string | null | undefined;

/** A `{ zh, en }` pair in the reader's language, else the other language when that one is empty. */
export function localizedText<V extends Text>(pair: { zh: V; en: V }, locale: AppLocale): V {
  return locale === "en" ? pair.en || pair.zh : pair.zh || pair.en;
}

/** The field holding `key` in the reader's language: localizedKey("name", "en") is "nameEn" (e.g. to sort by). */
export function localizedKey<K extends string>(key: K, locale: AppLocale): `${K}${Suffix}` {
  return `${key}${locale === "en" ? "En" : "Zh"}`;
}

/**
 * `localized(person, "name", locale)` reads person.nameEn for an English reader and person.nameZh
 * for a Chinese one, falling back to the other language when that one is empty or missing.
 */
export function localized<K extends string, T extends { [P in `${K}${Suffix}`]: Text }>(values: T, key: K, locale: AppLocale): T[`${K}${Suffix}`] {
  // TypeScript cannot index a generic object by a computed template key; the signature checks both keys exist.
  const read = values as Record<string, Text>;
  return localizedText({ zh: read[`${key}Zh`], en: read[`${key}En`] }, locale) as T[`${K}${Suffix}`];
}
