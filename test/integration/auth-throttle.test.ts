// The generic throttle under concurrency: no failure is lost and the block starts exactly at the limit.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { checkThrottle, clearThrottle, markOnce, recordFailure, throttleKey } from "~/modules/auth/throttle.server";

describe("throttle", () => {
  it("counts every one of many concurrent failures and blocks at the limit", async () => {
    const rule = { key: throttleKey("test.concurrent", `k-${process.pid}`), limit: 25, windowMs: 60_000, blockMs: 120_000 };
    const results = await Promise.all(Array.from({ length: 20 }, () => recordFailure(rule)));
    expect(results.every((r) => !r.blocked)).toBe(true);
    const row = await db.throttle.findUniqueOrThrow({ where: { key: rule.key } });
    expect(row.failures).toBe(20);
    expect(row.blockedUntil).toBeNull();

    const more = await Promise.all(Array.from({ length: 10 }, () => recordFailure(rule)));
    expect(more.filter((r) => r.blocked)).toHaveLength(6);
    const status = await checkThrottle(rule.key);
    expect(status.blocked).toBe(true);
    if (status.blocked) expect(status.retryAfterMs).toBeGreaterThan(110_000);
  });

  it("starts a new window when the old one has passed, and forgets a key when cleared", async () => {
    const rule = { key: throttleKey("test.window", `k-${process.pid}`), limit: 3, windowMs: 60_000, blockMs: 60_000 };
    const t0 = new Date(Date.now() - 10 * 60_000);
    await recordFailure(rule, db, t0);
    await recordFailure(rule, db, t0);
    const later = await recordFailure(rule);
    expect(later.blocked).toBe(false);
    expect((await db.throttle.findUniqueOrThrow({ where: { key: rule.key } })).failures).toBe(1);
    await clearThrottle(rule.key);
    expect(await db.throttle.count({ where: { key: rule.key } })).toBe(0);
  });

  it("marks a one-time key once, even when many requests race for it", async () => {
    const key = throttleKey("test.once", `k-${process.pid}`);
    const results = await Promise.all(Array.from({ length: 8 }, () => markOnce(key)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
