import { useRouteLoaderData } from "@remix-run/react";
import { getMessages, type Messages } from "./messages";
import { DEFAULT_LOCALE, type AppLocale } from "./locales";
import { dateTimeFormat } from "../modules/time/formatters";

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

const MOMENT_STYLES = {
  date: { dateStyle: "medium" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  /** With seconds: the audit log and the outbox, where the order of events matters. */
  dateTimeSeconds: { dateStyle: "medium", timeStyle: "medium" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Formats a moment in the reader's language and the organisation's zone: "25 Nov 2026" (date),
 * "25 Nov 2026, 10:24" (dateTime, the default), "25 Nov 2026, 10:24:05" (dateTimeSeconds).
 */
export function useDateTime(style: keyof typeof MOMENT_STYLES = "dateTime"): (at: string | Date) => string {
  const format = dateTimeFormat(useLocale(), { ...MOMENT_STYLES[style], timeZone: useTimeZone() });
  return (at) => format.format(new Date(at));
}
