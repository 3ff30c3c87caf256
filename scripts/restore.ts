// `npm run restore -- <backup file>`: puts a backup made by `npm run backup` into the database in
// DATABASE_URL, then checks it: counts of the main tables, the audit chain, and one report opened
// with the configured SUNLINE_MASTER_KEY (proves the key belongs to this data). Stop the server
// first. SQLite: the file is copied into place and the old -wal/-shm removed. PostgreSQL:
// pg_restore --clean. Exit status: 0 restored and checked, 1 restored but the check failed, 2 could
// not restore.
import "dotenv/config";
import path from "node:path";
import { restorePostgres, restoreSqlite, sqlitePath } from "../app/modules/ops/backup.server";

const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
const args = process.argv.slice(2);
// --force: restore over a SQLite file with a -wal next to it (left by a crash; never while the server runs).
const force = args.includes("--force");
const file = args.find((a) => a !== "--force");
if (!file) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(2);
}
try {
  if (url.startsWith("postgres")) restorePostgres({ backupFile: path.resolve(file), url });
  else restoreSqlite({ backupFile: path.resolve(file), target: sqlitePath(url), force });
} catch (e) {
  console.error(`Could not restore: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const { db, dbReady } = await import("../app/modules/db/db.server");
const { checkRestoredDatabase } = await import("../app/modules/ops/backup.server");
let status = 1;
try {
  await dbReady;
  const check = await checkRestoredDatabase(db);
  const c = check.counts;
  console.log(`Restored: ${c.reports} reports, ${c.messages} case messages, ${c.users} accounts, ${c.auditEvents} audit events.`);
  console.log(check.chain.ok ? `Audit chain intact up to ${check.chain.lastSeq}.` : `Audit chain BROKEN at seq ${check.chain.seq} [${check.chain.reason}].`);
  if (check.sealedFieldOpens === false) {
    console.log("The configured SUNLINE_MASTER_KEY does NOT open the restored reports: restore the master key that belongs to this backup.");
  } else if (check.sealedFieldOpens) {
    console.log("A sealed report opened with the configured SUNLINE_MASTER_KEY.");
  }
  status = check.ok ? 0 : 1;
  console.log(check.ok ? "Restore check passed." : "Restore check FAILED.");
} catch (e) {
  console.error(`Could not check the restored database: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await db.$disconnect().catch(() => {});
}
process.exit(status);
