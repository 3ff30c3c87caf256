// Concurrent appenders cannot fork the audit chain. Three other processes (each its own Prisma
// client, on PostgreSQL each its own pool of connections) and this one append forty events at once,
// each in a transaction that reads before it records, as routes do. The chain must come out as one
// line: seqs 1..N without gaps, every event linked to the one before, the head on the last.
//
// Separate processes, not several clients in this process: better-sqlite3 is synchronous, so one
// process's client waiting for SQLite's write lock blocks the event loop that the lock holder (another
// client of the same process) needs in order to commit. One SQLite connection per process is the
// deployment's shape too (web server, worker).
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { appendAuditEvent } from "~/modules/audit/audit.server";
import { verifyAuditChain } from "~/modules/audit/verify.server";
import { runTogether } from "../factories/processes";
import { APPEND_UNDER_LOAD } from "../fixtures/under-load";

describe("audit chain under concurrent appends", () => {
  it("stays one unbroken chain when forty transactions from four processes append at once", async () => {
    const before = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastSeq;
    const children = runTogether("test/fixtures/audit-append.ts", 3, { args: (i) => ["10", `child${i}`] });
    let childrenExited = false;
    void children.finally(() => (childrenExited = true));
    // This process joins in once the children are under way.
    while ((await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastSeq === before && !childrenExited) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const local = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.$transaction(async (tx) => {
          const people = await tx.person.count();
          await appendAuditEvent(tx, { actor: { kind: "SYSTEM" }, action: "test.concurrent", objectType: "Test", objectId: `parent-${i}`, details: { people } });
        }, APPEND_UNDER_LOAD),
      ),
    );
    const results = await children;
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim().split("\n").at(-1)!)).toEqual({ appended: 10, errors: [] });
    }
    expect(local.filter((r) => r.status === "rejected")).toEqual([]);

    const total = before + 40;
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.lastSeq).toBe(total);
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true, prevHash: true, hash: true, objectId: true } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // No fork: no two events share a predecessor, and each event's predecessor is the event before it.
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(total);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(head.lastHash).toBe(events.at(-1)!.hash);
    // Every writer's ten events are there.
    const writers = events.filter((e) => e.objectId?.match(/^(child\d|parent)-/)).map((e) => e.objectId!.split("-")[0]);
    expect(writers).toHaveLength(40);
    for (const w of ["child0", "child1", "child2", "parent"]) expect(writers.filter((x) => x === w)).toHaveLength(10);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: total, lastSeq: total });
  });
});
