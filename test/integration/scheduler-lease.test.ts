// Short leases renewed by their holder: a sweep that runs longer than its lease is not run a second
// time by another instance while its holder lives, and once the holder is killed (SIGKILL, no
// chance to release anything) another instance takes the sweep over within about one lease.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { runSweepIfDue } from "~/modules/jobs/scheduler.server";
import type { Sweep } from "~/modules/jobs/sweeps.server";
import { spawnTsx } from "../factories/processes";

const LEASE_MS = 1_500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("lease renewal and takeover", () => {
  it("a live holder keeps a sweep longer than its lease; a killed holder's sweep is taken over within about a lease", async () => {
    const name = `test.held.${Date.now().toString(36)}`;
    const holder = spawnTsx("test/fixtures/held-sweep.ts", { args: [name, String(LEASE_MS)] });
    try {
      await holder.waitFor("running");
      let ranHere = 0;
      // (leaseMs on the sweep too, as in the fixture: the same lease under either scheduler.)
      const here = { name, everyMs: 60_000, leaseMs: LEASE_MS, run: async () => void (ranHere += 1) } satisfies Sweep & { leaseMs: number };

      // Three leases' worth of time: without renewal the lease would have run out twice over.
      const watchUntil = Date.now() + 3 * LEASE_MS;
      while (Date.now() < watchUntil) {
        expect(await runSweepIfDue({ sweep: here, owner: "second-instance", leaseMs: LEASE_MS })).toBe(false);
        await sleep(100);
      }
      expect(ranHere).toBe(0);
      expect((await db.job.findUniqueOrThrow({ where: { name } })).leaseOwner).toBe("held-sweep-child");

      holder.child.kill("SIGKILL");
      await holder.exited;
      const killedAt = Date.now();
      while (!(await runSweepIfDue({ sweep: here, owner: "second-instance", leaseMs: LEASE_MS }))) {
        if (Date.now() - killedAt > 10 * LEASE_MS) break;
        await sleep(50);
      }
      const takenOverAfter = Date.now() - killedAt;
      expect(ranHere).toBe(1);
      // At most one lease after the last renewal, plus the polling and a margin for a slow machine.
      expect(takenOverAfter).toBeLessThan(LEASE_MS + 1_500);
      expect(await db.job.findUniqueOrThrow({ where: { name } })).toMatchObject({ leaseOwner: null, runs: 1 });
    } finally {
      holder.child.kill("SIGKILL");
    }
  }, 30_000);
});
