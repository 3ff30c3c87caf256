// Dates, days and quarters on the organisation's wall calendar: across daylight-saving changes (a
// day of 23 or 25 hours, a quarter an hour short or long) and across year ends, where the zone's
// date and UTC's differ. The expected instants are worked out by hand from each zone's rules.
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "~/modules/time/calendar";
import { addDaysToDate, dateInZone, dateTimeInZone, startOfDayInZone, startOfNextDay, timeOfDayInZone } from "~/modules/time/dates";
import { clockState, DUE_SOON_MS } from "~/modules/time/deadlines";
import { dateTimeFormat } from "~/modules/time/formatters";
import { nextQuarter, parseQuarter, previousQuarter, quarterEnd, quarterKey, quarterLabel, quarterOf, quarterRange, quarterStart } from "~/modules/time/quarters";
import { isTimeZone, startOfToday, wallClock } from "~/modules/time/zone";

const HOUR = 3_600_000;
const iso = (d: Date) => d.toISOString();

describe("days across daylight-saving changes", () => {
  it("New York: the day clocks go forward has 23 hours", () => {
    // 8 March 2026, 02:00 EST → 03:00 EDT.
    const start = startOfDayInZone("2026-03-08", "America/New_York");
    const next = startOfNextDay("2026-03-08", "America/New_York");
    expect(iso(start)).toBe("2026-03-08T05:00:00.000Z");
    expect(iso(next)).toBe("2026-03-09T04:00:00.000Z");
    expect(next.getTime() - start.getTime()).toBe(23 * HOUR);
    // Noon EST on the 7th plus one day is noon EDT on the 8th: 23 hours later, same wall clock.
    expect(iso(addCalendarDays(new Date("2026-03-07T17:00:00Z"), 1, "America/New_York"))).toBe("2026-03-08T16:00:00.000Z");
    // At 08:00 EDT the day began at midnight EST.
    expect(iso(startOfToday(new Date("2026-03-08T12:00:00Z"), "America/New_York"))).toBe("2026-03-08T05:00:00.000Z");
  });

  it("London: the day clocks go back has 25 hours", () => {
    // 25 October 2026, 02:00 BST → 01:00 GMT.
    const start = startOfDayInZone("2026-10-25", "Europe/London");
    const next = startOfNextDay("2026-10-25", "Europe/London");
    expect(iso(start)).toBe("2026-10-24T23:00:00.000Z");
    expect(iso(next)).toBe("2026-10-26T00:00:00.000Z");
    expect(next.getTime() - start.getTime()).toBe(25 * HOUR);
    expect(iso(addCalendarDays(new Date("2026-10-24T08:00:00Z"), 1, "Europe/London"))).toBe("2026-10-25T09:00:00.000Z");
    // The repeated hour: 01:30 BST and 01:30 GMT are an hour apart and both on the 25th.
    expect(dateInZone(new Date("2026-10-25T00:30:00Z"), "Europe/London")).toBe("2026-10-25");
    expect(timeOfDayInZone(new Date("2026-10-25T00:30:00Z"), "Europe/London")).toBe("01:30");
    expect(timeOfDayInZone(new Date("2026-10-25T01:30:00Z"), "Europe/London")).toBe("01:30");
  });

  it("Sydney: summer time ends in April and starts in October (southern hemisphere)", () => {
    // 5 April 2026, 03:00 AEDT → 02:00 AEST; 4 October 2026, 02:00 AEST → 03:00 AEDT.
    expect(iso(addCalendarDays(new Date("2026-04-03T22:00:00Z"), 1, "Australia/Sydney"))).toBe("2026-04-04T23:00:00.000Z");
    expect(iso(startOfDayInZone("2026-10-04", "Australia/Sydney"))).toBe("2026-10-03T14:00:00.000Z");
    expect(iso(startOfDayInZone("2026-10-05", "Australia/Sydney"))).toBe("2026-10-04T13:00:00.000Z");
    expect(wallClock(new Date("2026-10-04T13:00:00Z"), "Australia/Sydney")).toMatchObject({ year: 2026, month: 9, day: 5, hour: 0, minute: 0 });
  });
});

describe("year ends", () => {
  it("Shanghai: New Year comes eight hours before UTC's", () => {
    const lastMoment = new Date("2026-12-31T15:59:59.999Z");
    const newYear = new Date("2026-12-31T16:00:00.000Z");
    expect(dateInZone(lastMoment, "Asia/Shanghai")).toBe("2026-12-31");
    expect(dateInZone(newYear, "Asia/Shanghai")).toBe("2027-01-01");
    expect(dateTimeInZone(new Date("2026-12-31T16:05:00Z"), "Asia/Shanghai")).toBe("2027-01-01 00:05");
    expect(quarterOf(lastMoment, "Asia/Shanghai")).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(newYear, "Asia/Shanghai")).toEqual({ year: 2027, quarter: 1 });
    expect(iso(quarterEnd({ year: 2026, quarter: 4 }, "Asia/Shanghai"))).toBe("2026-12-31T16:00:00.000Z");
    expect(iso(quarterStart({ year: 2027, quarter: 1 }, "Asia/Shanghai"))).toBe("2026-12-31T16:00:00.000Z");
    expect(iso(startOfNextDay("2026-12-31", "Asia/Shanghai"))).toBe("2026-12-31T16:00:00.000Z");
  });

  it("UTC: the zone and UTC agree", () => {
    expect(quarterOf(new Date("2026-12-31T23:59:59.999Z"), "UTC")).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date("2027-01-01T00:00:00.000Z"), "UTC")).toEqual({ year: 2027, quarter: 1 });
    expect(quarterRange({ year: 2026, quarter: 4 }, "UTC")).toEqual({ gte: new Date("2026-10-01T00:00:00Z"), lt: new Date("2027-01-01T00:00:00Z") });
    expect(dateTimeInZone(new Date("2026-12-31T16:05:00Z"), "UTC")).toBe("2026-12-31 16:05");
  });

  it("counts calendar dates over month, leap-day and year ends", () => {
    expect(addDaysToDate("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysToDate("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDaysToDate("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDaysToDate("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDaysToDate("2026-01-31", 365)).toBe("2027-01-31");
  });

  it("steps quarters over the year end", () => {
    expect(previousQuarter({ year: 2027, quarter: 1 })).toEqual({ year: 2026, quarter: 4 });
    expect(previousQuarter({ year: 2026, quarter: 3 })).toEqual({ year: 2026, quarter: 2 });
    expect(nextQuarter({ year: 2026, quarter: 4 })).toEqual({ year: 2027, quarter: 1 });
  });
});

describe("quarters across daylight-saving changes", () => {
  it("New York Q1 is an hour short of 90 days: it starts on EST and ends on EDT", () => {
    const q = { year: 2026, quarter: 1 } as const;
    expect(iso(quarterStart(q, "America/New_York"))).toBe("2026-01-01T05:00:00.000Z");
    expect(iso(quarterEnd(q, "America/New_York"))).toBe("2026-04-01T04:00:00.000Z");
    expect(quarterEnd(q, "America/New_York").getTime() - quarterStart(q, "America/New_York").getTime()).toBe(90 * 24 * HOUR - HOUR);
    // The last moment of 31 March (EDT) is still Q1 there, though UTC says 1 April.
    expect(quarterOf(new Date("2026-04-01T03:59:59.999Z"), "America/New_York")).toEqual(q);
    expect(quarterOf(new Date("2026-04-01T04:00:00.000Z"), "America/New_York")).toEqual({ year: 2026, quarter: 2 });
  });

  it("London Q4 is an hour longer than 92 days: it starts on BST and ends on GMT", () => {
    const q = { year: 2026, quarter: 4 } as const;
    expect(quarterRange(q, "Europe/London")).toEqual({ gte: new Date("2026-09-30T23:00:00Z"), lt: new Date("2027-01-01T00:00:00Z") });
    expect(quarterOf(new Date("2026-09-30T23:30:00Z"), "Europe/London")).toEqual(q);
  });

  it("Sydney's quarters change offset the other way round", () => {
    // Q2 starts on summer time (UTC+11) and ends on standard time (UTC+10).
    expect(quarterRange({ year: 2026, quarter: 2 }, "Australia/Sydney")).toEqual({
      gte: new Date("2026-03-31T13:00:00Z"),
      lt: new Date("2026-06-30T14:00:00Z"),
    });
    // Q4 starts on standard time and ends on summer time, over the year end.
    expect(quarterRange({ year: 2026, quarter: 4 }, "Australia/Sydney")).toEqual({
      gte: new Date("2026-09-30T14:00:00Z"),
      lt: new Date("2026-12-31T13:00:00Z"),
    });
    expect(quarterOf(new Date("2026-12-31T13:00:00Z"), "Australia/Sydney")).toEqual({ year: 2027, quarter: 1 });
  });
});

describe("quarter names", () => {
  it("reads and writes the filter's form", () => {
    expect(parseQuarter("2026-Q3")).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter(" 2026-q4 ")).toEqual({ year: 2026, quarter: 4 });
    for (const bad of ["2026-Q5", "2026-Q0", "2026Q3", "Q3-2026", "1800-Q1", ""]) expect(parseQuarter(bad)).toBeNull();
    expect(quarterKey({ year: 2026, quarter: 3 })).toBe("2026-Q3");
    expect(parseQuarter(quarterKey({ year: 2027, quarter: 1 }))).toEqual({ year: 2027, quarter: 1 });
  });

  it("labels a quarter in both languages", () => {
    expect(quarterLabel({ year: 2026, quarter: 3 }, "en")).toBe("2026 Q3");
    expect(quarterLabel({ year: 2026, quarter: 3 }, "zh-CN")).toBe("2026年第三季度");
    expect(quarterLabel({ year: 2027, quarter: 1 }, "zh-CN")).toBe("2027年第一季度");
    expect(quarterLabel({ year: 2026, quarter: 4 }, "zh-CN")).toBe("2026年第四季度");
  });
});

describe("zones and deadlines", () => {
  it("knows a zone name from a made-up one", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("says where a clock stands", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(clockState(new Date(now.getTime() - 1), null, now)).toBe("overdue");
    expect(clockState(new Date(now.getTime() + DUE_SOON_MS), null, now)).toBe("dueSoon");
    expect(clockState(new Date(now.getTime() + DUE_SOON_MS + 1), null, now)).toBe("running");
    expect(clockState(new Date(now.getTime() - 1), now, now)).toBe("met");
  });
});

describe("dateTimeFormat", () => {
  it("builds each formatter once and gives the same answers as a new one", () => {
    const options = { timeZone: "Asia/Shanghai", dateStyle: "medium" } as const;
    const first = dateTimeFormat("zh-CN", options);
    expect(dateTimeFormat("zh-CN", { ...options })).toBe(first);
    expect(dateTimeFormat("en", options)).not.toBe(first);
    const at = new Date("2026-12-31T16:30:00Z");
    expect(first.format(at)).toBe(new Intl.DateTimeFormat("zh-CN", options).format(at));
    expect(first.format(at)).toContain("2027");
  });

  it("refuses an unknown zone every time, keeping nothing for it", () => {
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
    expect(() => dateTimeFormat("en", { timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
  });
});
