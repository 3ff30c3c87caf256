// Calendar spans on instants (acknowledge within days, feedback within months, retention in
// months) counted in the organisation's time zone: "3 months after 31 August, 22:00 in Shanghai" is
// 30 November, 22:00 in Shanghai, whatever UTC date that is, and a day across a DST change is the
// same wall-clock time the next day, not 24 hours. Pure and client-safe.

import { fromWallClock, wallClock } from "./zone";

export function addCalendarDays(at: Date, days: number, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  const shifted = new Date(Date.UTC(w.year, w.month, w.day + days));
  return fromWallClock({ ...w, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate() }, timeZone);
}

/** Adds calendar months; a day the target month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(at: Date, months: number, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  const firstOfTarget = new Date(Date.UTC(w.year, w.month + months, 1));
  const year = firstOfTarget.getUTCFullYear();
  const month = firstOfTarget.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromWallClock({ ...w, year, month, day: Math.min(w.day, lastDay) }, timeZone);
}
