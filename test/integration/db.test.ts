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
