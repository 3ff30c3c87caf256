// Case clocks (acknowledge within days, feedback within months) counted in the organisation's time
// zone: "3 months after 31 August, 22:00 in Shanghai" is 30 November, 22:00 in Shanghai, whatever
// UTC date that is. Pure and client-safe.

import { fromWallClock, wallClock } from "../time/zone";

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

export type ClockState = "met" | "overdue" | "dueSoon" | "running";

/** Within this much of its due time a running clock shows as "due soon" (and reminders go out). */
export const DUE_SOON_MS = 2 * 24 * 3_600_000;

/** Where a clock stands: met when done (whenever that was), else overdue, due soon or running. */
export function clockState(dueAt: Date | string, doneAt: Date | string | null, now: Date = new Date()): ClockState {
  if (doneAt !== null) return "met";
  const due = new Date(dueAt).getTime();
  if (due <= now.getTime()) return "overdue";
  return due - now.getTime() <= DUE_SOON_MS ? "dueSoon" : "running";
}
