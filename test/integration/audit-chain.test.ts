// The audit chain: appends link up, verification walks it in batches, and tampering with the table
// behind the application's back (an edit, a deletion, a swap, a truncation) is caught at the right
// event, by verifyAuditChain and by `npm run audit:verify` run as operators run it.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { appendAuditEvent, type AuditEntry } from "~/modules/audit/audit.server";
import { GENESIS_HASH, hashAuditEvent } from "~/modules/audit/audit-chain";
import { verifyAuditChain } from "~/modules/audit/verify.server";
import { createUser } from "../factories/people";
import { runTsx } from "../factories/processes";

const append = (entry: AuditEntry) => db.$transaction((tx) => appendAuditEvent(tx, entry));
/** Small batches, so every walk crosses several batch boundaries. */
const verify = () => verifyAuditChain(db, { batchSize: 7 });

let lastSeq = 0;

beforeAll(async () => {
  const { user } = await createUser();
  for (let i = 0; i < 30; i++) {
    const actor = i % 3 === 0 ? ({ kind: "SYSTEM" } as const) : i % 3 === 1 ? ({ kind: "USER", userId: user.id } as const) : ({ kind: "REPORTER" } as const);
    await append({ actor, action: `test.event.${i % 4}`, objectType: "Test", objectId: `obj-${i}`, details: { i, fields: ["a", "b"] } });
  }
  lastSeq = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastSeq;
});

describe("audit chain", () => {
  it("links every appended event to the one before it", async () => {
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBe(lastSeq);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.lastHash).toBe(events.at(-1)!.hash);
    expect(await verify()).toEqual({ ok: true, count: lastSeq, lastSeq });
  });

  it("catches an edited event at its seq", async () => {
    const seq = 12;
    const original = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "details" = ${'{"i":999}'} WHERE "seq" = ${seq}`;
    expect(await verify()).toMatchObject({ ok: false, seq, reason: "hash", count: seq - 1 });
    await db.$executeRaw`UPDATE "AuditEvent" SET "details" = ${original.details} WHERE "seq" = ${seq}`;
    expect((await verify()).ok).toBe(true);

    // Any column is covered by the hash, not only the details.
    const next = await db.auditEvent.findUniqueOrThrow({ where: { seq: seq + 1 } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "objectId" = ${"someone-else"} WHERE "seq" = ${seq + 1}`;
    expect(await verify()).toMatchObject({ ok: false, seq: seq + 1, reason: "hash" });
    await db.$executeRaw`UPDATE "AuditEvent" SET "objectId" = ${next.objectId} WHERE "seq" = ${seq + 1}`;
    expect((await verify()).ok).toBe(true);
  });

  it("catches a deleted event, in the middle and at the end", async () => {
    for (const seq of [5, lastSeq]) {
      const original = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
      await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`;
      expect(await verify()).toMatchObject({ ok: false, seq, reason: "missing" });
      await db.auditEvent.create({ data: original });
      expect((await verify()).ok).toBe(true);
    }
  });

  it("catches two events swapped (reordered)", async () => {
    const [a, b] = [8, 20];
    const swap = async () => {
      // Three steps: the primary key is checked row by row, so a direct exchange would collide.
      await db.$executeRaw`UPDATE "AuditEvent" SET "seq" = ${-1} WHERE "seq" = ${a}`;
      await db.$executeRaw`UPDATE "AuditEvent" SET "seq" = ${a} WHERE "seq" = ${b}`;
      await db.$executeRaw`UPDATE "AuditEvent" SET "seq" = ${b} WHERE "seq" = ${-1}`;
    };
    const originalB = await db.auditEvent.findUniqueOrThrow({ where: { seq: b } });
    await swap();
    expect((await db.auditEvent.findUniqueOrThrow({ where: { seq: a } })).hash).toBe(originalB.hash);
    expect(await verify()).toMatchObject({ ok: false, seq: a, reason: "prev-hash", count: a - 1 });
    await swap();
    expect((await verify()).ok).toBe(true);
  });

  it("catches an event forged past the head and a rewritten last event", async () => {
    const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: lastSeq } });
    await db.auditEvent.create({ data: { ...last, seq: lastSeq + 1, prevHash: last.hash, hash: "f".repeat(64) } });
    expect(await verify()).toMatchObject({ ok: false, seq: lastSeq + 1, reason: "head" });
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${lastSeq + 1}`;
    expect((await verify()).ok).toBe(true);

    // A forger who knows the hashing rewrites the last event consistently; only the head disagrees.
    const details = '{"rewritten":true}';
    const hash = hashAuditEvent(last.prevHash, { ...last, details });
    await db.$executeRaw`UPDATE "AuditEvent" SET "details" = ${details}, "hash" = ${hash} WHERE "seq" = ${lastSeq}`;
    expect(await verify()).toMatchObject({ ok: false, seq: lastSeq, reason: "head" });
    await db.$executeRaw`UPDATE "AuditEvent" SET "details" = ${last.details}, "hash" = ${last.hash} WHERE "seq" = ${lastSeq}`;
    expect((await verify()).ok).toBe(true);
  });

  it("npm run audit:verify exits 0 on an intact chain and 1 after tampering", async () => {
    const intact = await runTsx("scripts/audit-verify.ts");
    expect(intact.stderr).toBe("");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`Audit chain intact: ${lastSeq} events`);

    const seq = 17;
    const original = await db.auditEvent.findUniqueOrThrow({ where: { seq } });
    await db.$executeRaw`UPDATE "AuditEvent" SET "action" = ${"test.innocent"} WHERE "seq" = ${seq}`;
    try {
      const broken = await runTsx("scripts/audit-verify.ts");
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`Audit chain BROKEN at seq ${seq}`);
    } finally {
      await db.$executeRaw`UPDATE "AuditEvent" SET "action" = ${original.action} WHERE "seq" = ${seq}`;
    }

    // A database it cannot open is neither intact nor broken, and a mistyped path creates nothing.
    const missing = path.resolve(".tmp", `missing-${Date.now()}.db`);
    const unreachable = await runTsx("scripts/audit-verify.ts", { env: { DATABASE_URL: `file:${missing}` } });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain("Could not verify the audit chain");
    expect(fs.existsSync(missing)).toBe(false);
  });

  it("catches a row forged at seq 0 or below, which the log viewer would list", async () => {
    for (const seq of [0, -5]) {
      const first = await db.auditEvent.findUniqueOrThrow({ where: { seq: 1 } });
      await db.auditEvent.create({ data: { ...first, seq, hash: `${Math.abs(seq)}`.padStart(64, "e") } });
      try {
        expect(await verify()).toMatchObject({ ok: false, seq, reason: "outside" });
        const cli = await runTsx("scripts/audit-verify.ts");
        expect(cli.code).toBe(1);
        expect(cli.stderr).toContain(`Audit chain BROKEN at seq ${seq}`);
        expect(cli.stderr).toContain("outside the chain's range");
      } finally {
        await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`;
      }
    }
    expect((await verify()).ok).toBe(true);
  });

  it("npm run audit:head prints a line that --expect-head later holds the chain to, and a cut chain fails it", async () => {
    const printed = await runTsx("scripts/audit-head.ts");
    expect(printed.code).toBe(0);
    const line = printed.stdout.trim();
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(line).toBe(`${head.lastSeq}:${head.lastHash}`);
    const held = await runTsx("scripts/audit-verify.ts", { args: ["--expect-head", line] });
    expect(held.stderr).toBe("");
    expect(held.code).toBe(0);

    // Someone with database access cuts the last event and moves the head back: the chain alone
    // still verifies, only the copy kept elsewhere shows the cut.
    const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: head.lastSeq } });
    await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${head.lastSeq}`;
    await db.auditChainHead.update({ where: { id: 1 }, data: { lastSeq: head.lastSeq - 1, lastHash: last.prevHash } });
    try {
      expect((await verify()).ok).toBe(true);
      expect(await verifyAuditChain(db, { expectHead: { seq: head.lastSeq, hash: head.lastHash } })).toMatchObject({
        ok: false,
        reason: "expected-head",
      });
      const cut = await runTsx("scripts/audit-verify.ts", { args: ["--expect-head", line] });
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain("does not hold the expected head");
      // An event rewritten consistently up to the exported head fails it too.
      const wrong = `${head.lastSeq - 1}:${"a".repeat(64)}`;
      expect((await runTsx("scripts/audit-verify.ts", { args: ["--expect-head", wrong] })).code).toBe(1);
    } finally {
      await db.auditEvent.create({ data: last });
      await db.auditChainHead.update({ where: { id: 1 }, data: { lastSeq: head.lastSeq, lastHash: head.lastHash } });
    }
    expect((await verify()).ok).toBe(true);
  });
});
