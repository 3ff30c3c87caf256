// Backup → restore → check, as an operator runs it. On SQLite the reports just filed are still in
// the WAL of the open (server-like) connection: a plain copy of the .db file misses them, the online
// backup does not, and the restored copy passes the check with the same counts. On PostgreSQL the
// same round trip goes through pg_dump -Fc and pg_restore --clean into a new database.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDb, db, isPostgresUrl, prepareConnection } from "~/modules/db/db.server";
import { backupPostgres, backupSqlite, checkRestoredDatabase, restorePostgres, restoreSqlite, sqlitePath } from "~/modules/ops/backup.server";
import { fileReport } from "../factories/cases";

const url = process.env.DATABASE_URL!;
const postgres = isPostgresUrl(url);
const dir = path.resolve(".tmp", `backup-${Date.now()}-${process.env.VITEST_POOL_ID ?? "0"}`);

async function fileReports(n: number) {
  for (let i = 0; i < n; i++) {
    await fileReport({ category: "OTHER", answers: { whatHappened: `Backup test ${i}` } });
  }
}

async function counts(client: typeof db) {
  return { reports: await client.report.count(), auditEvents: await client.auditEvent.count() };
}

describe.runIf(!postgres)("SQLite backup and restore", () => {
  it("keeps the commits still in the WAL, which a plain copy of the .db file loses", async () => {
    await fileReports(5);
    const live = await counts(db);
    const dbFile = sqlitePath(url);
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(true);

    // The obvious backup: copy the file. Opened alone, it lacks what the WAL holds.
    fs.mkdirSync(dir, { recursive: true });
    const naive = path.join(dir, "naive.db");
    fs.copyFileSync(dbFile, naive);
    const naiveDb = new Database(naive, { readonly: true });
    const naiveReports = (naiveDb.prepare('SELECT COUNT(*) AS n FROM "Report"').get() as { n: number }).n;
    naiveDb.close();
    expect(naiveReports).toBeLessThan(live.reports);

    const backup = path.join(dir, "sunline-backup.db");
    await backupSqlite({ dbFile, outFile: backup });
    const target = path.join(dir, "restored", "sunline.db");
    // A stale WAL left from an older database at the target must not be replayed onto the copy.
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}-wal`, "stale");
    // A -wal next to the target is what a running server leaves: refused unless forced.
    expect(() => restoreSqlite({ backupFile: backup, target })).toThrow(/may still be running/);
    restoreSqlite({ backupFile: backup, target, force: true });
    expect(fs.existsSync(`${target}-wal`)).toBe(false);

    const restoredUrl = `file:${target}`;
    const restored = createDb(restoredUrl);
    await prepareConnection(restored, restoredUrl);
    try {
      expect(await counts(restored)).toEqual(live);
      const check = await checkRestoredDatabase(restored);
      expect(check).toMatchObject({ ok: true, sealedFieldOpens: true, chain: { ok: true } });
      // The same data next to another master key: the check says the key does not belong to it.
      const wrong = await checkRestoredDatabase(restored, Buffer.alloc(32, 9));
      expect(wrong).toMatchObject({ ok: false, sealedFieldOpens: false });
    } finally {
      await restored.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(postgres)("PostgreSQL backup and restore", () => {
  it("round-trips through pg_dump -Fc and pg_restore --clean and passes the check", async () => {
    await fileReports(5);
    const live = await counts(db);
    const backup = path.join(dir, "sunline-backup.dump");
    backupPostgres({ url, outFile: backup });
    const name = `sunline_restore_${Date.now()}`;
    await db.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const restoredUrl = u.toString();
    let restored: typeof db | undefined;
    try {
      restorePostgres({ backupFile: backup, url: restoredUrl });
      restored = createDb(restoredUrl);
      await prepareConnection(restored, restoredUrl);
      expect(await counts(restored)).toEqual(live);
      expect(await checkRestoredDatabase(restored)).toMatchObject({ ok: true, sealedFieldOpens: true });
    } finally {
      await restored?.$disconnect();
      await db.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
