// Which language a request is answered in: the account's choice, else the person's, else the
// `lang` cookie set by the switcher (it holds only "en" or "zh-CN", nothing identifying), else
// Accept-Language, else zh-CN. On the anonymous hotline's pages a `?lang=` in the address comes
// first: the language chosen there is never put in a cookie nor on an account.
import { DEFAULT_LOCALE, isAppLocale, negotiateLocale, type AppLocale } from "../../i18n/locales";
import { LANGUAGE_COOKIE, readCookie, setCookie } from "./cookies.server";
import { isAnonymousPath, langFromSearch, withLang } from "../hotline/anonymous";

export function localeFromCookie(request: Request): AppLocale | null {
  const value = readCookie(request, LANGUAGE_COOKIE.name);
  return isAppLocale(value) ? value : null;
}

/** The `?lang=` of a hotline page (only there: elsewhere the switcher's cookie and the account decide). */
export function localeFromHotlineQuery(request: Request): AppLocale | null {
  const url = new URL(request.url);
  return isAnonymousPath(url.pathname) ? langFromSearch(url.searchParams) : null;
}

/** A hotline redirect's target, keeping the language chosen in the request's address. */
export function hotlineRedirectPath(path: string, request: Request): string {
  return withLang(path, new URL(request.url).searchParams);
}

export function resolveLocale(request: Request, accountLocale?: AppLocale | null): AppLocale {
  return (
    localeFromHotlineQuery(request) ??
    accountLocale ??
    localeFromCookie(request) ??
    negotiateLocale(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}

/** The Set-Cookie value that remembers the language chosen (the switcher, sign-in, the account page). */
export function localeCookie(locale: AppLocale): string {
  return setCookie(LANGUAGE_COOKIE, locale);
}
