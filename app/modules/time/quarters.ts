// Calendar quarters in the organisation's time zone: the remediation list's quarter filter today,
// the audit pack's reporting periods next. A quarter is January–March, April–June, July–September
// or October–December on the organisation's wall calendar, so a report filed at 23:30 on 31 March
// in Shanghai belongs to Q1 there even though UTC already says April. Pure and client-safe.

import { getMessages } from "../../i18n/messages";
import type { AppLocale } from "../../i18n/locales";
import { midnight, wallClock } from "./zone";

export type QuarterNumber = 1 | 2 | 3 | 4;
export type Quarter = { year: number; quarter: QuarterNumber };

/** "2026-Q4" (as typed in a filter, any case) → the quarter; null when it is not one. */
export function parseQuarter(value: string): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/i.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1900 || year > 2200) return null;
  return { year, quarter: Number(match[2]) as QuarterNumber };
}

/** "2026-Q4": the form a filter takes and parseQuarter reads back. Not for display: see quarterLabel. */
export function quarterKey(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

/** The quarter an instant falls in on the organisation's calendar. */
export function quarterOf(at: Date, timeZone: string): Quarter {
  const w = wallClock(at, timeZone);
  return { year: w.year, quarter: (Math.floor(w.month / 3) + 1) as QuarterNumber };
}

/** The instant the quarter begins: midnight on its first day in the zone. */
export function quarterStart(q: Quarter, timeZone: string): Date {
  return midnight(q.year, (q.quarter - 1) * 3, 1, timeZone);
}

/** The instant the quarter ends, exclusive: the start of the next one (a quarter is `start <= t < end`). */
export function quarterEnd(q: Quarter, timeZone: string): Date {
  return quarterStart(nextQuarter(q), timeZone);
}

/** Both bounds in the shape a database filter takes: `{ gte: start, lt: end }`. */
export function quarterRange(q: Quarter, timeZone: string): { gte: Date; lt: Date } {
  return { gte: quarterStart(q, timeZone), lt: quarterEnd(q, timeZone) };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as QuarterNumber };
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as QuarterNumber };
}

/** "2026 Q3" / "2026年第三季度": a quarter as people read it, in their language. */
export function quarterLabel(q: Quarter, locale: AppLocale): string {
  return getMessages(locale).common.quarter(q.year, q.quarter);
}
