// The two languages Sunline speaks. "zh-CN" is the default: the source organisation's language.
export const LOCALES = ["zh-CN", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = "zh-CN";

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The database enum spells zh-CN as zh_CN (enum values cannot hold a dash). */
export type DbLocale = "zh_CN" | "en";
export const toDbLocale = (l: AppLocale): DbLocale => (l === "zh-CN" ? "zh_CN" : "en");
export const fromDbLocale = (l: DbLocale | null | undefined): AppLocale | null =>
  l === "zh_CN" ? "zh-CN" : l === "en" ? "en" : null;

/** Best supported match from an Accept-Language header, honouring q-values. */
export function negotiateLocale(acceptLanguage: string | null | undefined): AppLocale | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === "en" || tag.startsWith("en-")) return "en";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
  }
  return null;
}
