// `npm run backup [-- <directory>]`: a consistent backup of the database in DATABASE_URL, written to
// a timestamped file in <directory> (default BACKUP_DIR, else ./backups). Safe while the server runs.
// SQLite: the online backup API (includes commits still in the WAL; a plain copy of sunline.db does
// not). PostgreSQL: pg_dump -Fc. The master key is NOT in the backup: keep a copy of it separately.
// Exit status: 0 written, 2 could not back up.
import "dotenv/config";
import path from "node:path";
import { backupFileName, backupPostgres, backupSqlite, sqlitePath } from "../app/modules/ops/backup.server";

const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
const dir = path.resolve(process.argv[2] ?? process.env.BACKUP_DIR ?? "backups");
const postgres = url.startsWith("postgres");
const out = path.join(dir, backupFileName(postgres ? "postgresql" : "sqlite"));
try {
  if (postgres) backupPostgres({ url, outFile: out });
  else await backupSqlite({ dbFile: sqlitePath(url), outFile: out });
  console.log(`Backup written: ${out}`);
  console.log("Keep SUNLINE_MASTER_KEY backed up too, but not with this file: a restore needs both.");
  process.exit(0);
} catch (e) {
  console.error(`Could not back up: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
