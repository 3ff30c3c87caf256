// Scheduled sweeps with leases in the database (ADR 0007, ADR 0022). Any number of instances may run
// the scheduler; for each sweep, a conditional UPDATE lets exactly one of them take the lease when
// the sweep is due, and the schedule (nextRunAt) lives in the row, not in process memory.
//
// Each sweep has its own loop, so a sweep that hangs (mail on a trickling SMTP server) delays only
// itself. Leases are short (SCHEDULER_LEASE_MS) and renewed while the sweep runs: a live holder
// keeps its sweep however long it takes, and a dead one's sweep is taken over within about a lease.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getEnv } from "../config/env.server";
import { db, Prisma } from "../db/db.server";
import { logError, logInfo } from "../http/log.server";
import { registeredSweeps, type Sweep } from "./sweeps.server";

/** Identifies this process in Job.leaseOwner (diagnostics, and which leases a stop releases). */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * Creates the sweep's row, due at `now`, if it is missing. Not an upsert: on PostgreSQL two instances
 * upserting a new row at once both try the INSERT, and one fails on the unique name. And not
 * the column's default: now() at insert is later than `now`, so a new sweep would miss its first tick.
 */
async function ensureJobRow(name: string, now: Date) {
  if (await db.job.findUnique({ where: { name }, select: { name: true } })) return;
  try {
    await db.job.create({ data: { name, nextRunAt: now } });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
}

export type RunOptions = {
  owner?: string;
  now?: Date;
  /** Ignores the schedule (not the lease): tests and `npm run worker -- --once` use it. */
  force?: boolean;
  /** How long a claim or a renewal holds the lease; SCHEDULER_LEASE_MS by default. */
  leaseMs?: number;
  /** Aborted when the scheduler stops: the sweep is told to stop, its lease is no longer renewed. */
  signal?: AbortSignal;
};

/**
 * Runs the sweep if it is due and no other instance holds its lease. Returns whether it ran.
 * While the sweep runs, the lease is renewed every third of its length; a renewal that finds the
 * lease taken (this instance was paused longer than a lease, and another took over) aborts the
 * sweep's signal and leaves the row to the new holder.
 */
export async function runSweepIfDue({ sweep, ...opts }: { sweep: Sweep } & RunOptions) {
  const owner = opts.owner ?? INSTANCE_ID;
  const now = opts.now ?? new Date();
  const leaseMs = opts.leaseMs ?? getEnv().SCHEDULER_LEASE_MS;
  if (opts.signal?.aborted) return false;
  await ensureJobRow(sweep.name, now);
  const claim = await db.job.updateMany({
    where: {
      name: sweep.name,
      ...(opts.force ? {} : { nextRunAt: { lte: now } }),
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now },
  });
  if (claim.count !== 1) return false;

  const controller = new AbortController();
  let lost = false;
  let heldUntil = Date.now() + leaseMs;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    const until = Date.now() + leaseMs;
    try {
      const renewed = await db.job.updateMany({ where: { name: sweep.name, leaseOwner: owner }, data: { leaseUntil: new Date(until) } });
      if (renewed.count === 1) heldUntil = until;
      else lost = true;
    } catch (e) {
      // A failed renewal is not yet a lost lease; once the lease has run out without one, it is.
      logError("scheduler.renew", e, { sweep: sweep.name });
      if (Date.now() >= heldUntil) lost = true;
    }
    if (lost && !controller.signal.aborted) {
      logInfo("scheduler.leaseLost", { sweep: sweep.name, instance: owner });
      stopRenewing();
      controller.abort(new Error(`lease of ${sweep.name} lost`));
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, Math.max(1, Math.floor(leaseMs / 3)));
  const stopRenewing = () => clearInterval(timer);
  const onStop = () => {
    stopRenewing();
    controller.abort(opts.signal?.reason);
  };
  opts.signal?.addEventListener("abort", onStop, { once: true });

  let error: string | null = null;
  try {
    await sweep.run({ now, signal: controller.signal });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    if (!controller.signal.aborted) logError("sweep.failed", e, { sweep: sweep.name });
  } finally {
    stopRenewing();
    opts.signal?.removeEventListener("abort", onStop);
  }
  await renewing;
  // Another instance holds the row now: whatever this run did, the record is theirs to write.
  if (lost) return true;
  if (opts.signal?.aborted) {
    // Stopped part-way: free the lease but keep the schedule, so another instance runs it when due.
    await releaseLeases(owner, [sweep.name]);
    return true;
  }
  const finished = new Date();
  await db.job.updateMany({
    where: { name: sweep.name, leaseOwner: owner },
    data: {
      leaseOwner: null,
      leaseUntil: null,
      lastFinishedAt: finished,
      lastError: error,
      runs: { increment: 1 },
      nextRunAt: new Date(finished.getTime() + sweep.everyMs),
    },
  });
  return true;
}

/** Frees the leases `owner` holds on these sweeps, leaving their schedule as it is. */
async function releaseLeases(owner: string, names: string[]) {
  await db.job.updateMany({ where: { leaseOwner: owner, name: { in: names } }, data: { leaseOwner: null, leaseUntil: null } });
}

export function findSweep(name: string): Sweep {
  const sweep = registeredSweeps().find((s) => s.name === name);
  if (!sweep) throw new Error(`Unknown sweep ${name}`);
  return sweep;
}

export type StopScheduler = (opts?: { waitMs?: number }) => Promise<void>;

/**
 * Starts one loop per sweep: each tries its sweep every tick and waits for its own run only.
 * Returns `stop`: it ends the loops, aborts running sweeps' signals, waits for them at most
 * `waitMs` (a sweep that ignores its signal is abandoned), and releases this instance's leases,
 * so another instance can take the sweeps at once.
 */
export function startScheduler(
  opts: { sweeps?: Sweep[]; owner?: string; tickMs?: number; leaseMs?: number } = {},
): StopScheduler {
  const env = getEnv();
  const sweeps = opts.sweeps ?? registeredSweeps();
  const owner = opts.owner ?? INSTANCE_ID;
  const tickMs = opts.tickMs ?? env.SCHEDULER_TICK_MS;
  const leaseMs = opts.leaseMs ?? env.SCHEDULER_LEASE_MS;
  const stopping = new AbortController();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  const tick = (sweep: Sweep) => {
    if (stopping.signal.aborted) return;
    const run = runSweepIfDue({ sweep, owner, leaseMs, signal: stopping.signal }).then(
      () => undefined,
      (e: unknown) => logError("scheduler.tick", e, { sweep: sweep.name }),
    );
    running.set(sweep.name, run);
    void run.then(() => {
      running.delete(sweep.name);
      if (!stopping.signal.aborted) timers.set(sweep.name, setTimeout(() => tick(sweep), tickMs));
    });
  };
  for (const sweep of sweeps) tick(sweep);
  logInfo("scheduler.started", { instance: owner, sweeps: sweeps.map((s) => s.name).join(",") });

  return async ({ waitMs = 5_000 } = {}) => {
    if (!stopping.signal.aborted) stopping.abort(new Error("scheduler stopping"));
    for (const timer of timers.values()) clearTimeout(timer);
    // A referenced timer: with the loops stopped and a hung sweep awaiting nothing, it is what keeps
    // the process alive until the leases are released.
    let waited: NodeJS.Timeout | undefined;
    const abandoned = await Promise.race([
      Promise.all(running.values()).then(() => false),
      new Promise<boolean>((resolve) => (waited = setTimeout(() => resolve(true), waitMs))),
    ]);
    clearTimeout(waited);
    if (abandoned) logInfo("scheduler.abandoned", { instance: owner, sweeps: [...running.keys()].join(",") });
    await releaseLeases(owner, sweeps.map((s) => s.name));
  };
}
