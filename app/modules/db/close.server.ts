// Closing the process-wide client on a clean stop. On SQLite, a checkpoint first moves everything in
// the write-ahead log into the database file and truncates the log, so the file alone is whole
// after a stop (a copy of it, a restore, an inspection with sqlite3 see every committed row).
import { db, isPostgresUrl } from "./db.server";
import { logError } from "../http/log.server";

export async function closeDatabase() {
  const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
  try {
    if (!isPostgresUrl(url)) await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (e) {
    // A checkpoint can fail while another process reads; SQLite checkpoints again on the next open.
    logError("db.checkpoint", e);
  }
  await db.$disconnect();
}
