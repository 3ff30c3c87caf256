import { useRouteLoaderData } from "@remix-run/react";
import { getMessages, type Messages } from "./messages";
import { DEFAULT_LOCALE, type AppLocale } from "./locales";

type RootData = { locale: AppLocale; timeZone: string };

/** The current request's locale (from the root loader; zh-CN if the root loader did not run). */
export function useLocale(): AppLocale {
  return useRouteLoaderData<RootData>("root")?.locale ?? DEFAULT_LOCALE;
}

export function useMessages(): Messages {
  return getMessages(useLocale());
}

/** The organisation's time zone, for formatting dates the way the organisation reads them. */
export function useTimeZone(): string {
  return useRouteLoaderData<RootData>("root")?.timeZone ?? "Asia/Shanghai";
}

/** Formats a moment as a date and time ("25 Nov 2026, 10:24") in the reader's language and the organisation's zone. */
export function useDateTime(): (at: string | Date) => string {
  const format = new Intl.DateTimeFormat(useLocale(), { dateStyle: "medium", timeStyle: "short", timeZone: useTimeZone() });
  return (at) => format.format(new Date(at));
}
