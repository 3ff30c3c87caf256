// Wall-clock time in the organisation's time zone, the one piece every date rule builds on (hire
// dates, case clocks, quarters). Pure and client-safe; Intl supplies the zone rules, so no zone
// table ships with the app and a zone's rule changes arrive with the runtime.

import { dateTimeFormat } from "./formatters";

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

/** True for a zone name this runtime knows (an IANA name such as Asia/Shanghai). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What a clock on the wall in `timeZone` shows at the instant `at` (month 0-based, as in Date). */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month") - 1,
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    ms: at.getTime() - Math.floor(at.getTime() / 1000) * 1000,
  };
}

function offsetMs(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  return Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms) - at;
}

/** The instant showing this wall clock in the zone (two passes: the offset may change across DST). */
export function fromWallClock(w: WallClock, timeZone: string): Date {
  const naive = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
  let instant = naive - offsetMs(naive, timeZone);
  instant = naive - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** The instant a calendar day begins in the zone; `month` 0-based and `day` may overflow (Date.UTC normalises 32 March to 1 April). */
export function midnight(year: number, month: number, day: number, timeZone: string): Date {
  const d = new Date(Date.UTC(year, month, day));
  return fromWallClock({ year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: 0, minute: 0, second: 0, ms: 0 }, timeZone);
}

/** The start of the day `now` falls on in the zone: an active action whose due day began before it is overdue. */
export function startOfToday(now: Date, timeZone: string): Date {
  const w = wallClock(now, timeZone);
  return midnight(w.year, w.month, w.day, timeZone);
}
