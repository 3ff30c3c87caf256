// Calendar dates written YYYY-MM-DD (hire dates, due dates, filter bounds, grant ends), read and
// stored in the organisation's time zone. A date typed as 2024-03-01 is stored as the instant that
// day begins in the org zone, so "hired this quarter" computed in that zone later agrees with what
// the administrator typed. Pure and client-safe.

import { midnight, wallClock } from "./zone";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError("not a YYYY-MM-DD date");
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const two = (n: number) => String(n).padStart(2, "0");

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1900 || y > 2200) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The date `days` after `date` (YYYY-MM-DD in, YYYY-MM-DD out; negative counts back). Zone-free: a day is a day on the calendar. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant the calendar day `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const [y, m, d] = parts(date);
  return midnight(y, m - 1, d, timeZone);
}

/** The instant the day after `date` (YYYY-MM-DD) begins in the zone: "on or before" bounds are inclusive. */
export function startOfNextDay(date: string, timeZone: string): Date {
  const [y, m, d] = parts(date);
  return midnight(y, m - 1, d + 1, timeZone);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function dateInZone(at: Date | string, timeZone: string): string {
  const w = wallClock(typeof at === "string" ? new Date(at) : at, timeZone);
  return `${w.year}-${two(w.month + 1)}-${two(w.day)}`;
}

/** "22:05": the time of day an instant shows in the zone (24-hour clock). */
export function timeOfDayInZone(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${two(w.hour)}:${two(w.minute)}`;
}

/** "2026-09-07 22:05": date and time of day in the zone, the same in every language (mail, the reporter's page). */
export function dateTimeInZone(at: Date, timeZone: string): string {
  return `${dateInZone(at, timeZone)} ${timeOfDayInZone(at, timeZone)}`;
}
