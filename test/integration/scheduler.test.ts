// The scheduler's leases in the database: one instance runs a due sweep, a crashed instance's lease
// expires and is taken over, the schedule survives between calls, and a failing sweep is recorded
// and does not keep its lease. Finally the in-process scheduler drains the outbox on its own.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { runSweepIfDue, startScheduler } from "~/modules/jobs/scheduler.server";
import type { Sweep } from "~/modules/jobs/sweeps.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";

let n = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sweep with a unique name (its own Job row) that counts its runs. */
function countingSweep(opts: { everyMs?: number; work?: () => Promise<void> } = {}) {
  const runs: Date[] = [];
  const sweep: Sweep = {
    name: `test.sweep.${Date.now().toString(36)}.${n++}`,
    everyMs: opts.everyMs ?? 60_000,
    run: async ({ now }) => {
      runs.push(now);
      await (opts.work ?? (() => sleep(50)))();
    },
  };
  return { sweep, runs };
}

describe("scheduler leases", () => {
  it("runs a due sweep exactly once when several instances try at the same moment", async () => {
    const { sweep, runs } = countingSweep();
    const now = new Date();
    const ran = await Promise.all(["a", "b", "c", "d", "e"].map((owner) => runSweepIfDue({ sweep, owner, now })));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);
    const job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job).toMatchObject({ runs: 1, leaseOwner: null, leaseUntil: null, lastError: null });
  });

  it("does not run while another instance holds a live lease, and takes over an expired one", async () => {
    const { sweep, runs } = countingSweep();
    const now = new Date();
    // An instance took the lease and crashed: the lease is still live for a while…
    await db.job.create({ data: { name: sweep.name, leaseOwner: "crashed", leaseUntil: new Date(now.getTime() + 30_000), nextRunAt: now } });
    expect(await runSweepIfDue({ sweep, owner: "b", now })).toBe(false);
    expect(await runSweepIfDue({ sweep, owner: "b", now, force: true })).toBe(false);
    expect(runs).toHaveLength(0);
    // …and once it has expired, another instance runs the sweep and frees the lease.
    const later = new Date(now.getTime() + 31_000);
    expect(await runSweepIfDue({ sweep, owner: "b", now: later })).toBe(true);
    expect(runs).toEqual([later]);
    const job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job).toMatchObject({ leaseOwner: null, leaseUntil: null, runs: 1 });
    expect(job.lastStartedAt).toEqual(later);
  });

  it("keeps the schedule in the database: a second call right after a run does not run again", async () => {
    const { sweep, runs } = countingSweep({ everyMs: 10 * 60_000 });
    expect(await runSweepIfDue({ sweep, owner: "a" })).toBe(true);
    const job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job.nextRunAt.getTime() - job.lastFinishedAt!.getTime()).toBe(10 * 60_000);
    // Another instance (another owner) asks right away: not due.
    expect(await runSweepIfDue({ sweep, owner: "b" })).toBe(false);
    expect(await runSweepIfDue({ sweep, owner: "a", now: new Date(job.nextRunAt.getTime() - 1000) })).toBe(false);
    expect(runs).toHaveLength(1);
    expect(await runSweepIfDue({ sweep, owner: "b", now: new Date(job.nextRunAt.getTime() + 1) })).toBe(true);
    expect(runs).toHaveLength(2);
  });

  it("records a failing sweep's error, releases the lease and runs it again when due", async () => {
    let fail = true;
    const { sweep, runs } = countingSweep({
      everyMs: 1000,
      work: async () => {
        if (fail) throw new Error("mail server on fire");
      },
    });
    const now = new Date();
    expect(await runSweepIfDue({ sweep, owner: "a", now })).toBe(true);
    let job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job).toMatchObject({ lastError: "mail server on fire", leaseOwner: null, leaseUntil: null, runs: 1 });
    // The lease is free: another instance runs it as soon as it is due, and success clears the error.
    fail = false;
    expect(await runSweepIfDue({ sweep, owner: "b", now: new Date(job.nextRunAt.getTime() + 1) })).toBe(true);
    job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job).toMatchObject({ lastError: null, runs: 2 });
    expect(runs).toHaveLength(2);
  });

  it("runs the registered sweeps in the server process: queued mail is sent without anyone asking", async () => {
    const { id } = await db.$transaction((tx) =>
      enqueueEmail(tx, { to: `scheduler-${Date.now()}@example.test`, locale: "en", template: "passwordChanged", params: {} }),
    );
    const stop = startScheduler();
    try {
      const deadline = Date.now() + 15_000;
      while ((await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status !== "SENT" && Date.now() < deadline) await sleep(50);
    } finally {
      await stop();
    }
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
    const job = await db.job.findUniqueOrThrow({ where: { name: "mail.outbox" } });
    expect(job.runs).toBeGreaterThanOrEqual(1);
    expect(job.leaseOwner).toBeNull();
  });
});
