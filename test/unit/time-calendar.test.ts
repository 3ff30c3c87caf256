// Case clocks count calendar days and months in the organisation's zone, not fixed UTC spans.
import { describe, expect, it } from "vitest";
import { addCalendarDays, addCalendarMonths } from "~/modules/time/calendar";

describe("case clocks", () => {
  it("keeps the wall-clock time across a daylight-saving change", () => {
    // 27 March 2026, 10:00 in Berlin (UTC+1); seven days later Berlin is on summer time (UTC+2).
    const at = new Date("2026-03-27T09:00:00Z");
    expect(addCalendarDays(at, 7, "Europe/Berlin").toISOString()).toBe("2026-04-03T08:00:00.000Z");
    expect(addCalendarDays(at, 7, "Asia/Shanghai").toISOString()).toBe("2026-04-03T09:00:00.000Z");
  });

  it("counts days by the zone's date, not UTC's", () => {
    // 23:30 on 31 December in Shanghai is still 31 December there (15:30 UTC).
    const at = new Date("2026-12-31T15:30:00Z");
    expect(addCalendarDays(at, 1, "Asia/Shanghai").toISOString()).toBe("2027-01-01T15:30:00.000Z");
  });

  it("ends a month early when the target month is shorter", () => {
    const endOfJanuary = new Date("2028-01-31T02:00:00Z"); // 10:00 in Shanghai
    expect(addCalendarMonths(endOfJanuary, 1, "Asia/Shanghai").toISOString()).toBe("2028-02-29T02:00:00.000Z");
    expect(addCalendarMonths(new Date("2027-01-31T02:00:00Z"), 1, "Asia/Shanghai").toISOString()).toBe("2027-02-28T02:00:00.000Z");
    // Across a year end, and for a date the target month has.
    expect(addCalendarMonths(new Date("2026-11-15T02:00:00Z"), 3, "Asia/Shanghai").toISOString()).toBe("2027-02-15T02:00:00.000Z");
  });

  it("uses the zone's date when it differs from UTC's", () => {
    // 1 March 00:30 in Shanghai is 28 February in UTC; three months later is 1 June in Shanghai.
    const at = new Date("2026-02-28T16:30:00Z");
    expect(addCalendarMonths(at, 3, "Asia/Shanghai").toISOString()).toBe("2026-05-31T16:30:00.000Z");
  });
});
