import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { testProvider } from "../setup/databases";

describe("database", () => {
  it("has the role catalogue from the template", async () => {
    const roles = await db.role.findMany({ orderBy: { key: "asc" } });
    expect(roles.map((r) => r.key)).toEqual(["admin", "auditor", "compliance_lead", "employee", "investigator"]);
  });

  it("prepares each connection for its provider", async () => {
    if (testProvider() === "postgresql") {
      const [row] = await db.$queryRawUnsafe<{ server_version_num: string }[]>("SHOW server_version_num");
      expect(Number(row.server_version_num)).toBeGreaterThanOrEqual(150000);
      return;
    }
    // SQLite: WAL and foreign keys are per-connection settings Prisma does not make.
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode.journal_mode).toBe("wal");
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(Number(fk.foreign_keys)).toBe(1);
  });
});

describe("transactions and concurrent requests", () => {
  it("never lets another request's write fall into a transaction that rolls back", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    // Request A: a transaction that writes, waits for request B, then fails and rolls back.
    const requestA = db
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "test.rolledBack", value: "1" } });
        started();
        await held;
        throw new Error("A fails");
      })
      .catch((e: Error) => e.message);
    await inside;
    // Request B, meanwhile, outside any transaction: its write must survive A's rollback.
    const requestB = db.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${"test.survives"}, ${"1"}, ${new Date()})`;
    setTimeout(release, 100);
    expect(await requestA).toBe("A fails");
    await requestB;
    expect(await db.setting.findUnique({ where: { key: "test.survives" } })).not.toBeNull();
    expect(await db.setting.findUnique({ where: { key: "test.rolledBack" } })).toBeNull();
  });
});
