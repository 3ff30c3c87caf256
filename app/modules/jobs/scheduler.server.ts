// Scheduled sweeps with leases in the database (ADR 0007). Any number of instances may run the
// scheduler; for each sweep, a conditional UPDATE lets exactly one of them take the lease when the
// sweep is due, and the schedule (nextRunAt) lives in the row, not in process memory.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db, Prisma } from "../db/db.server";
import { logError, logInfo } from "../http/log.server";
import { SWEEPS, type Sweep } from "./sweeps.server";

const TICK_MS = 5_000;

/** Identifies this process in Job.leaseOwner (diagnostics only). */
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

/**
 * Runs the sweep if it is due and no other instance holds its lease. Returns whether it ran.
 * `force` ignores the schedule (not the lease): tests and `npm run worker -- --once` use it.
 */
export async function runSweepIfDue(sweep: Sweep, opts: { owner?: string; now?: Date; force?: boolean } = {}) {
  const owner = opts.owner ?? INSTANCE_ID;
  const now = opts.now ?? new Date();
  await ensureJobRow(sweep.name, now);
  const claim = await db.job.updateMany({
    where: {
      name: sweep.name,
      ...(opts.force ? {} : { nextRunAt: { lte: now } }),
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + sweep.leaseMs), lastStartedAt: now },
  });
  if (claim.count !== 1) return false;
  let error: string | null = null;
  try {
    await sweep.run({ now });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    logError("sweep.failed", e, { sweep: sweep.name });
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

export function findSweep(name: string): Sweep {
  const sweep = SWEEPS.find((s) => s.name === name);
  if (!sweep) throw new Error(`Unknown sweep ${name}`);
  return sweep;
}

/** Starts ticking; returns a function that stops and waits for a running sweep to finish. */
export function startScheduler(): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      for (const sweep of SWEEPS) {
        if (stopped) return;
        try {
          await runSweepIfDue(sweep);
        } catch (e) {
          logError("scheduler.tick", e, { sweep: sweep.name });
        }
      }
    })();
  };
  const timer = setInterval(() => void running.then(tick), TICK_MS);
  tick();
  logInfo("scheduler.started", { instance: INSTANCE_ID, sweeps: SWEEPS.map((s) => s.name).join(",") });
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
