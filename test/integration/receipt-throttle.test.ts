// The receipt check's throttle and the reporter session: wrong receipts slow down
// with a growing delay per case reference and under a site-wide ceiling; an unknown reference counts
// and answers exactly like a wrong secret; a correct receipt clears its reference's counter; the
// session ends after the idle time. Time is simulated with the `now` parameters.
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { backoffBlockMs, checkThrottle, clearThrottle, recordFailure, recordFailureWithBackoff, throttleKey } from "~/modules/auth/throttle.server";
import {
  openWithReceipt,
  readReporterSession,
  REFERENCE_BACKOFF,
  referenceThrottleKey,
  SITE_CEILING,
  siteThrottleKey,
  expireReporterSessions,
} from "~/modules/hotline/follow-up.server";
import { formatReceipt } from "~/modules/hotline/receipt";
import { SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { fileReportWithReceipt } from "../factories/cases";
import { unknownReceipt, wrongSecretFor } from "../factories/hotline";

const MINUTE = 60_000;

/** A report with its receipt, and the receipt as the reporter types it. */
async function fileCase() {
  const { reportId, receipt } = await fileReportWithReceipt({ category: "OTHER", answers: { whatHappened: "throttle fixture" } });
  return { reportId, receipt, typed: formatReceipt(receipt) };
}

function cookieHeader(setCookie: string): string {
  return setCookie.split(";")[0];
}

beforeAll(async () => {
  await clearThrottle(siteThrottleKey());
});

afterEach(async () => {
  // The site-wide counter is shared by every test: each starts from zero.
  await clearThrottle(siteThrottleKey());
});

describe("receipt throttle", () => {
  it("allows three wrong receipts, then blocks 1, 2, 4, 8 minutes; a blocked check does not count", async () => {
    const { receipt } = await fileCase();
    const key = referenceThrottleKey(receipt.reference);
    let now = new Date(Date.now());
    expect(await openWithReceipt(wrongSecretFor(receipt), now)).toEqual({ kind: "refused", retryAfterMs: null });
    expect(await openWithReceipt(wrongSecretFor(receipt), now)).toEqual({ kind: "refused", retryAfterMs: null });
    expect(await openWithReceipt(wrongSecretFor(receipt), now)).toEqual({ kind: "refused", retryAfterMs: MINUTE });

    // While blocked, even the right receipt waits, and nothing is counted.
    const halfway = new Date(now.getTime() + 30_000);
    expect(await openWithReceipt(formatReceipt(receipt), halfway)).toEqual({ kind: "referenceBlocked", retryAfterMs: 30_000 });
    expect(await openWithReceipt(wrongSecretFor(receipt), halfway)).toEqual({ kind: "referenceBlocked", retryAfterMs: 30_000 });
    expect((await db.throttle.findUniqueOrThrow({ where: { key } })).failures).toBe(3);

    for (const minutes of [2, 4, 8]) {
      const previous = (await checkThrottle(key, db, now)) as { blocked: true; retryAfterMs: number };
      now = new Date(now.getTime() + previous.retryAfterMs);
      expect(await openWithReceipt(wrongSecretFor(receipt), now)).toEqual({ kind: "refused", retryAfterMs: minutes * MINUTE });
    }
    expect(await checkThrottle(key, db, new Date(now.getTime() + 8 * MINUTE - 1))).toMatchObject({ blocked: true });
    expect(await checkThrottle(key, db, new Date(now.getTime() + 8 * MINUTE))).toEqual({ blocked: false });
  });

  it("caps the block at a day", () => {
    const rule = { key: "k", ...REFERENCE_BACKOFF };
    expect([1, 2, 3, 4, 5, 13].map((n) => backoffBlockMs(rule, n) / MINUTE)).toEqual([0, 0, 1, 2, 4, 1024]);
    expect(backoffBlockMs(rule, 14)).toBe(24 * 60 * MINUTE);
    expect(backoffBlockMs(rule, 500)).toBe(24 * 60 * MINUTE);
  });

  it("loses no count when failures arrive together, and the longest block wins", async () => {
    const rule = { key: throttleKey("test.backoff", randomBytes(8).toString("hex")), ...REFERENCE_BACKOFF };
    const now = new Date();
    await Promise.all(Array.from({ length: 10 }, () => recordFailureWithBackoff(rule, db, now)));
    const row = await db.throttle.findUniqueOrThrow({ where: { key: rule.key } });
    expect(row.failures).toBe(10);
    expect(row.blockedUntil?.getTime()).toBe(now.getTime() + 128 * MINUTE);
  });

  it("forgets a reference after a quiet day", async () => {
    const rule = { key: throttleKey("test.quiet", randomBytes(8).toString("hex")), ...REFERENCE_BACKOFF };
    const t0 = new Date(Date.now() - 3 * 24 * 60 * MINUTE);
    for (let i = 0; i < 4; i += 1) await recordFailureWithBackoff(rule, db, t0);
    expect(await recordFailureWithBackoff(rule, db, new Date(t0.getTime() + 25 * 60 * MINUTE))).toEqual({ blocked: false });
    expect((await db.throttle.findUniqueOrThrow({ where: { key: rule.key } })).failures).toBe(1);
  });

  it("a correct receipt opens the report and clears its reference's counter", async () => {
    const { receipt, typed } = await fileCase();
    const now = new Date();
    await openWithReceipt(wrongSecretFor(receipt), now);
    await openWithReceipt(wrongSecretFor(receipt), now);
    expect(await db.throttle.count({ where: { key: referenceThrottleKey(receipt.reference) } })).toBe(1);
    // Typed loosely: lower case, spaces instead of dashes.
    const opened = await openWithReceipt(typed.toLowerCase().replace(/-/g, " "), now);
    expect(opened.kind).toBe("opened");
    expect(await db.throttle.count({ where: { key: referenceThrottleKey(receipt.reference) } })).toBe(0);
    // Counting starts again from zero: three more wrong tries before any wait.
    expect(await openWithReceipt(wrongSecretFor(receipt), now)).toEqual({ kind: "refused", retryAfterMs: null });
  });

  it("answers an unknown reference exactly like a wrong secret, and throttles it the same way", async () => {
    const { receipt } = await fileCase();
    const unknown = await unknownReceipt();
    const now = new Date();
    const results = { known: [] as unknown[], unknown: [] as unknown[] };
    for (let i = 0; i < 4; i += 1) {
      results.known.push(await openWithReceipt(wrongSecretFor(receipt), now));
      results.unknown.push(await openWithReceipt(unknown, now));
    }
    expect(results.unknown).toEqual(results.known);
    expect(results.known.at(-1)).toEqual({ kind: "referenceBlocked", retryAfterMs: MINUTE });
    // The unknown reference has its own HMAC-keyed row, like any other; no raw reference is stored.
    const rows = await db.throttle.findMany({ select: { key: true } });
    expect(rows.some((r) => r.key.includes(receipt.reference))).toBe(false);
  });

  it("refuses text that is not a receipt without counting it", async () => {
    expect(await openWithReceipt("")).toEqual({ kind: "format", error: "empty" });
    expect(await openWithReceipt("K7QM-3TXD-0000")).toEqual({ kind: "format", error: "characters" });
    expect(await openWithReceipt("K7QM-3TXD")).toEqual({ kind: "format", error: "length" });
    expect((await checkThrottle(siteThrottleKey())).blocked).toBe(false);
    expect(await db.throttle.findUnique({ where: { key: siteThrottleKey() } })).toBeNull();
  });

  it("makes every receipt check wait once the site has seen too many failures, then lets them through", async () => {
    const { typed } = await fileCase();
    const now = new Date();
    // 99 failures elsewhere on the site (counted directly: 99 Argon2 runs would only slow the test)…
    for (let i = 1; i < SITE_CEILING.limit; i += 1) await recordFailure({ key: siteThrottleKey(), ...SITE_CEILING }, db, now);
    // …and the hundredth is a real wrong receipt.
    expect((await openWithReceipt(await unknownReceipt(), now)).kind).toBe("refused");
    const later = new Date(now.getTime() + MINUTE);
    expect(await openWithReceipt(typed, later)).toEqual({ kind: "siteBlocked", retryAfterMs: SITE_CEILING.blockMs - MINUTE });
    expect(await openWithReceipt(await unknownReceipt(), later)).toEqual({ kind: "siteBlocked", retryAfterMs: SITE_CEILING.blockMs - MINUTE });
    const after = new Date(now.getTime() + SITE_CEILING.blockMs);
    expect((await openWithReceipt(typed, after)).kind).toBe("opened");
  });
});

describe("reporter session", () => {
  const idle = SETTING_DEFAULTS["hotline.reporterIdleMinutes"] * MINUTE;

  it("lasts while used, moves its expiry at most once a minute, and ends after the idle time", async () => {
    const { reportId, typed } = await fileCase();
    const t0 = new Date();
    const opened = await openWithReceipt(typed, t0);
    if (opened.kind !== "opened") throw new Error(JSON.stringify(opened));
    const request = (at: string) => new Request(`http://localhost:3999/report/follow-up?${at}`, { headers: { Cookie: cookieHeader(opened.setCookie) } });
    const row = () => db.reporterSession.findFirstOrThrow({ where: { reportId } });
    expect((await row()).expiresAt.getTime()).toBe(t0.getTime() + idle);

    expect(await readReporterSession(request("a"), new Date(t0.getTime() + 30_000))).toMatchObject({ reportId });
    expect((await row()).expiresAt.getTime()).toBe(t0.getTime() + idle);

    const used = new Date(t0.getTime() + idle - MINUTE);
    expect(await readReporterSession(request("b"), used)).toMatchObject({ reportId });
    expect((await row()).expiresAt.getTime()).toBe(used.getTime() + idle);

    expect(await readReporterSession(request("c"), new Date(used.getTime() + idle))).toBeNull();
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(0);
  });

  it("is not found by a cookie that is not a session's, and idle rows are swept", async () => {
    const { reportId, typed } = await fileCase();
    const t0 = new Date();
    await openWithReceipt(typed, t0);
    expect(await readReporterSession(new Request("http://localhost:3999/report/follow-up", { headers: { Cookie: "sunline_report=forged" } }))).toBeNull();
    await expireReporterSessions({ now: new Date(t0.getTime() + idle - 1) });
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(1);
    await expireReporterSessions({ now: new Date(t0.getTime() + idle + 1) });
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(0);
  });
});
