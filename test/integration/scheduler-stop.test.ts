// The scheduler under a sweep that hangs: stopping it returns within its bound and frees the
// leases (another instance takes the sweep at once), and a hung sweep does not delay any other.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { runSweepIfDue, startScheduler } from "~/modules/jobs/scheduler.server";
import type { Sweep } from "~/modules/jobs/sweeps.server";

let n = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uniqueName = (what: string) => `test.${what}.${Date.now().toString(36)}.${n++}`;

/** A sweep that never finishes and ignores its signal (a send waiting on a trickling server). */
function stuckSweep(name = uniqueName("stuck")) {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const sweep: Sweep = {
    name,
    everyMs: 60_000,
    run: () => {
      started();
      return new Promise<void>(() => undefined);
    },
  };
  return { sweep, running };
}

async function until(check: () => Promise<boolean> | boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("stopping the scheduler", () => {
  it("returns within its bound while a sweep hangs, and frees the lease for another instance at once", async () => {
    const { sweep, running } = stuckSweep();
    const stop = startScheduler({ sweeps: [sweep], owner: "stopping-instance", tickMs: 50, leaseMs: 60_000 });
    await running;
    expect(await db.job.findUniqueOrThrow({ where: { name: sweep.name } })).toMatchObject({ leaseOwner: "stopping-instance" });

    const started = Date.now();
    const stopped = await Promise.race([stop({ waitMs: 200 }).then(() => "stopped"), sleep(5_000).then(() => "still waiting")]);
    expect(stopped).toBe("stopped");
    expect(Date.now() - started).toBeLessThan(5_000);

    // The lease is free (not left to expire in a minute), and the sweep is still due: the next
    // instance that asks runs it.
    const job = await db.job.findUniqueOrThrow({ where: { name: sweep.name } });
    expect(job).toMatchObject({ leaseOwner: null, leaseUntil: null, runs: 0 });
    let ranElsewhere = false;
    const other: Sweep = { ...sweep, run: async () => void (ranElsewhere = true) };
    expect(await runSweepIfDue({ sweep: other, owner: "other-instance" })).toBe(true);
    expect(ranElsewhere).toBe(true);
  });

  it("tells a running sweep to stop, and that sweep's lease is freed when it returns", async () => {
    let sawAbort = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const sweep: Sweep = {
      name: uniqueName("polite"),
      everyMs: 60_000,
      run: ({ signal }) =>
        new Promise<void>((resolve) => {
          started();
          signal.addEventListener("abort", () => {
            sawAbort = true;
            resolve();
          });
        }),
    };
    const stop = startScheduler({ sweeps: [sweep], owner: "polite-instance", tickMs: 50, leaseMs: 60_000 });
    await running;
    await stop({ waitMs: 5_000 });
    expect(sawAbort).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { name: sweep.name } })).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });
});

describe("independent sweeps", () => {
  it("keeps running a due sweep while another sweep hangs", async () => {
    const { sweep: stuck, running } = stuckSweep();
    let runs = 0;
    const frequent: Sweep = { name: uniqueName("frequent"), everyMs: 1, run: async () => void (runs += 1) };
    // The hung sweep comes first: in one chain over all sweeps, nothing after it would run again.
    const stop = startScheduler({ sweeps: [stuck, frequent], owner: "independent-instance", tickMs: 50, leaseMs: 60_000 });
    try {
      await running;
      const before = runs;
      await until(() => runs >= before + 3);
    } finally {
      await stop({ waitMs: 100 });
    }
    expect((await db.job.findUniqueOrThrow({ where: { name: frequent.name } })).runs).toBeGreaterThanOrEqual(3);
  });
});
