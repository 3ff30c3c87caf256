// Calendar dates (hire dates) in the organisation's time zone. A date typed as 2024-03-01 is stored
// as the instant that day begins in the org zone, so "hired this quarter" computed in that zone
// later agrees with what the administrator typed. Pure and client-safe.

import { fromWallClock } from "../time/zone";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2023-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1900 || y > 2200) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The instant the calendar day `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError("not a YYYY-MM-DD date");
  return fromWallClock(
    { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]), hour: 0, minute: 0, second: 0, ms: 0 },
    timeZone,
  );
}

/** The calendar day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function dateInZone(at: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
    typeof at === "string" ? new Date(at) : at,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
