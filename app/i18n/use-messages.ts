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
