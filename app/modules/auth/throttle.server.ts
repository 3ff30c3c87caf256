// Failure counters in the database, so every instance of the server agrees (login per account and
// per address today; the anonymous hotline's receipt checks later). A key is an HMAC of a purpose
// and a value, never the raw email or address. A counter counts failures within a fixed window
// that starts at the first failure; reaching the limit blocks the key for `blockMs`. When the window
// or the block has passed, the next failure starts a new window.
//
// Every write is a single conditional statement or a native upsert, so concurrent requests cannot
// lose increments or reset each other's counters, on SQLite and on PostgreSQL alike.
import { db, type Db, type Tx } from "../db/db.server";
import { hmacHex } from "../crypto/crypto.server";

type Client = Db | Tx;

export type ThrottleRule = {
  key: string;
  /** Failures allowed within the window; the failure that reaches it starts the block. */
  limit: number;
  windowMs: number;
  blockMs: number;
};

export type ThrottleStatus = { blocked: false } | { blocked: true; retryAfterMs: number };

/** The stored key for a purpose ("login.account") and a value (an email, an address). */
export function throttleKey(purpose: string, value: string): string {
  return hmacHex(`throttle:${purpose}`, value);
}

/** Whole minutes to tell a person to wait: never "0 minutes". */
export function minutesToWait(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}

export async function checkThrottle(key: string, client: Client = db, now = new Date()): Promise<ThrottleStatus> {
  const row = await client.throttle.findUnique({ where: { key }, select: { blockedUntil: true } });
  if (row?.blockedUntil && row.blockedUntil > now) {
    return { blocked: true, retryAfterMs: row.blockedUntil.getTime() - now.getTime() };
  }
  return { blocked: false };
}

/** The most restrictive of several checks (e.g. account and address). */
export async function checkThrottles(keys: readonly string[], client: Client = db, now = new Date()): Promise<ThrottleStatus> {
  let worst: ThrottleStatus = { blocked: false };
  for (const key of keys) {
    const status = await checkThrottle(key, client, now);
    if (status.blocked && (!worst.blocked || status.retryAfterMs > worst.retryAfterMs)) worst = status;
  }
  return worst;
}

/** Counts one failure and returns the key's state afterwards (blocked if this failure reached the limit). */
export async function recordFailure(rule: ThrottleRule, client: Client = db, now = new Date()): Promise<ThrottleStatus> {
  const windowCutoff = new Date(now.getTime() - rule.windowMs);
  // A stale window or a finished block starts over. Conditional, so of two concurrent requests only
  // the first resets; the second no longer matches and simply increments below.
  await client.throttle.updateMany({
    where: { key: rule.key, OR: [{ windowStart: { lt: windowCutoff } }, { blockedUntil: { lte: now } }] },
    data: { failures: 0, windowStart: now, blockedUntil: null },
  });
  // One statement that creates or increments (a native upsert on both databases: the where and
  // create share the one unique field and nothing is nested).
  const row = await client.throttle.upsert({
    where: { key: rule.key },
    create: { key: rule.key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 } },
    select: { failures: true },
  });
  if (row.failures < rule.limit) return { blocked: false };
  const blockedUntil = new Date(now.getTime() + rule.blockMs);
  // Only the request that crosses the limit sets the block; later ones must not extend it.
  await client.throttle.updateMany({ where: { key: rule.key, blockedUntil: null }, data: { blockedUntil } });
  const current = await checkThrottle(rule.key, client, now);
  return current.blocked ? current : { blocked: true, retryAfterMs: rule.blockMs };
}

/** Forgets a key's failures (after a success). */
export async function clearThrottle(key: string, client: Client = db): Promise<void> {
  await client.throttle.deleteMany({ where: { key } });
}

/**
 * True the first time a key is marked, false every later time: a one-time-use marker (e.g. a TOTP
 * time step already used), kept in the same table so the expiry sweep removes it after a day.
 */
export async function markOnce(key: string, client: Client = db, now = new Date()): Promise<boolean> {
  const row = await client.throttle.upsert({
    where: { key },
    create: { key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 } },
    select: { failures: true },
  });
  return row.failures === 1;
}

export type BackoffRule = {
  key: string;
  /** Failures before the first block (the one that reaches it blocks for `firstBlockMs`). */
  freeFailures: number;
  firstBlockMs: number;
  /** Each further failure doubles the block, up to this. */
  maxBlockMs: number;
  /** A key quiet for this long (no failure, no block running) starts from zero again. */
  forgetAfterMs: number;
};

/** The block after the n-th failure: none before `freeFailures`, then first, 2×, 4×… capped. */
export function backoffBlockMs(rule: BackoffRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 40);
  return Math.min(rule.firstBlockMs * 2 ** doublings, rule.maxBlockMs);
}

/**
 * Counts one failure under a growing delay: the counter is not windowed but kept until a success
 * clears it or the key has been quiet for `forgetAfterMs`; `windowStart` holds the last failure.
 * Same conditional style as recordFailure: concurrent failures each count, and the block only ever
 * moves later (the request with the highest count sets the longest block).
 */
export async function recordFailureWithBackoff(rule: BackoffRule, client: Client = db, now = new Date()): Promise<ThrottleStatus> {
  const quietCutoff = new Date(now.getTime() - rule.forgetAfterMs);
  await client.throttle.updateMany({
    where: { key: rule.key, windowStart: { lt: quietCutoff }, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
    data: { failures: 0, windowStart: now, blockedUntil: null },
  });
  const row = await client.throttle.upsert({
    where: { key: rule.key },
    create: { key: rule.key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 }, windowStart: now },
    select: { failures: true },
  });
  const blockMs = backoffBlockMs(rule, row.failures);
  if (blockMs === 0) return { blocked: false };
  const blockedUntil = new Date(now.getTime() + blockMs);
  await client.throttle.updateMany({
    where: { key: rule.key, OR: [{ blockedUntil: null }, { blockedUntil: { lt: blockedUntil } }] },
    data: { blockedUntil },
  });
  return checkThrottle(rule.key, client, now);
}
