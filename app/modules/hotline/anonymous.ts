// The anonymous hotline's pages: the start page (/hotline) and everything under /report. On them the
// server withholds the client's address, no response may be cached, and no cookie identifies the
// visitor — so a language chosen there travels in the address (`?lang=`), carried by the hotline's
// own links and forms, instead of the switcher's one-year cookie. Client-safe.
import { isAppLocale, type AppLocale } from "../../i18n/locales";

export const HOTLINE_START = "/hotline";
export const LANG_PARAM = "lang";

export function isAnonymousPath(pathname: string): boolean {
  return pathname === HOTLINE_START || /^\/report(\/|$)/.test(pathname);
}

/** The language chosen on a hotline page, from its query string (`?lang=en`), or null. */
export function langFromSearch(search: string | URLSearchParams): AppLocale | null {
  const value = (typeof search === "string" ? new URLSearchParams(search) : search).get(LANG_PARAM);
  return isAppLocale(value) ? value : null;
}

/**
 * `path` with the language chosen on the current hotline page (from `search`) carried along, so the
 * next page comes in the same language without a cookie. Any other query of `path` is kept.
 */
export function withLang(path: string, search: string | URLSearchParams): string {
  const lang = langFromSearch(search);
  if (!lang) return path;
  const [base, query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  params.set(LANG_PARAM, lang);
  return `${base}?${params.toString()}`;
}
