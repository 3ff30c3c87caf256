// The registry of scheduled sweeps. Each domain owns its sweep function; this file only lists them.
import { getEnv } from "../config/env.server";
import { db } from "../db/db.server";
import { drainOutbox } from "../mail/sender.server";
import { expireReporterSessions } from "../hotline/follow-up.server";
import { expireSubmissionReceipts } from "../hotline/receipt-redisplay.server";
import { sendReportDigest } from "../hotline/intake-limits.server";
import { sendClockReminders } from "../cases/clocks.server";
import { purgeExpiredCases } from "../cases/retention.server";
import { refreshConflicts } from "../cases/conflicts.server";
import { forgetSpentFormKeys } from "../http/form-key.server";

export type Sweep = {
  name: string;
  /** How long after one run finishes the next is due. */
  everyMs: number;
  /**
   * `signal` is aborted when the scheduler stops or this instance lost the lease: a long sweep
   * should check it between batches and return. (The lease itself is the scheduler's: short, and
   * renewed while the sweep runs, ADR 0022.)
   */
  run: (ctx: { now: Date; signal: AbortSignal }) => Promise<void>;
};

/** Removes rows that only exist to expire: sessions, reset tokens, stale throttle counters. */
async function expireAuthRows({ now }: { now: Date }) {
  await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { absoluteExpiresAt: { lt: now } }] } });
  await db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  await db.throttle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 86_400_000) } } });
}

const STUCK_SWEEP: Sweep = { name: "test.stuck", everyMs: 60_000, run: () => new Promise<void>(() => undefined) };

export const SWEEPS: Sweep[] = [
  { name: "auth.expire", everyMs: 15 * 60_000, run: expireAuthRows },
  // Reporter sessions left idle (a used one is also removed when met expired).
  { name: "hotline.reporterSessions", everyMs: 15 * 60_000, run: expireReporterSessions },
  // Receipts kept for a repeated post of the same form, once their few minutes have passed.
  { name: "hotline.submissionReceipts", everyMs: 5 * 60_000, run: expireSubmissionReceipts },
  // Hourly, so that during a flood of web reports the leads get one digest an hour (ADR 0016).
  {
    name: "hotline.reportDigest",
    everyMs: 60 * 60_000,
    run: async ({ now }) => {
      await sendReportDigest({ now });
    },
  },
  // Every few seconds, so queued mail leaves promptly; a drain is bounded (batches, 2 min budget).
  {
    name: "mail.outbox",
    everyMs: 5_000,
    run: async ({ now, signal }) => {
      await drainOutbox({ now, signal });
    },
  },
  // Hourly: a reminder goes out within the hour a clock enters its lead time.
  {
    name: "cases.clockReminders",
    everyMs: 60 * 60_000,
    run: async ({ now }) => {
      await sendClockReminders({ now });
    },
  },
  // Daily: the directory changes (a new manager above someone involved, a new account for them), and
  // the exclusions a case's links produce must follow it without anyone re-linking.
  {
    name: "cases.conflicts",
    everyMs: 24 * 60 * 60_000,
    run: async ({ now }) => {
      await refreshConflicts({ now });
    },
  },
  // Daily: one-time form keys are remembered for a month (ADR 0018).
  { name: "forms.spentKeys", everyMs: 24 * 60 * 60_000, run: forgetSpentFormKeys },
  {
    name: "cases.retention",
    everyMs: 24 * 60 * 60_000,
    run: async ({ now }) => {
      await purgeExpiredCases({ now });
    },
  },
];

/**
 * The sweeps this process runs: SWEEPS, and last, test-only (NODE_ENV=test and
 * SUNLINE_TEST_STUCK_SWEEP=1), a sweep that never finishes and ignores its signal, for the tests of
 * shutdown (test/e2e/shutdown.spec.ts). Read at run time through getEnv: the build inlines
 * `process.env.NODE_ENV`, which would remove the test sweep from the built server.
 */
export function registeredSweeps(): Sweep[] {
  const env = getEnv();
  return env.NODE_ENV === "test" && env.SUNLINE_TEST_STUCK_SWEEP === "1" ? [...SWEEPS, STUCK_SWEEP] : SWEEPS;
}
