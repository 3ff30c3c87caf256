// Case clocks (acknowledge within days, feedback within months) counted in the organisation's time
// zone: "3 months after 31 August, 22:00 in Shanghai" is 30 November, 22:00 in Shanghai, whatever
// UTC date that is. Pure and client-safe.

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
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
function fromWallClock(w: WallClock, timeZone: string): Date {
  const naive = Date.UTC(w.year, w.month, w.day, w.hour, w.minute, w.second, w.ms);
  let instant = naive - offsetMs(naive, timeZone);
  instant = naive - offsetMs(instant, timeZone);
  return new Date(instant);
}

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
