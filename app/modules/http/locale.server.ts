// Which language a request is answered in: the account's choice, else the person's, else the
// `lang` cookie set by the switcher (it holds only "en" or "zh-CN", nothing identifying), else
// Accept-Language, else zh-CN.
import { DEFAULT_LOCALE, isAppLocale, negotiateLocale, type AppLocale } from "../../i18n/locales";

export const LOCALE_COOKIE = "lang";

export function localeFromCookie(request: Request): AppLocale | null {
  const header = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lang=([^;]+)/.exec(header);
  const value = match ? decodeURIComponent(match[1]) : null;
  return isAppLocale(value) ? value : null;
}

export function resolveLocale(request: Request, accountLocale?: AppLocale | null): AppLocale {
  return (
    accountLocale ??
    localeFromCookie(request) ??
    negotiateLocale(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}

export function localeCookie(locale: AppLocale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
