// Backup and restore (ADR 0023). Copying data/sunline.db alone loses whatever is still in its WAL
// (recent commits live in sunline.db-wal until a checkpoint), and the stale copy still verifies. So
// SQLite is copied through SQLite's online backup API, which reads through a connection and sees the
// WAL — consistent even while the server runs. PostgreSQL is dumped with pg_dump -Fc. After a restore,
// checkRestoredDatabase proves the copy is usable: counts of the main tables, the audit chain
// verified, and one report key unwrapped and one sealed field opened with the configured master key
// (a backup restored next to the wrong key opens nothing).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Db } from "../db/db.server";
import { verifyAuditChain, type ChainVerification } from "../audit/verify.server";
import { fieldContext, openField, unwrapReportKey } from "../crypto/sealing.server";

export function sqlitePath(url: string): string {
  return path.resolve(url.slice("file:".length));
}

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

/** The file a backup is written to: `sunline-<UTC time>.db` (SQLite) or `.dump` (PostgreSQL). */
export function backupFileName(kind: "sqlite" | "postgresql", now = new Date()): string {
  return `sunline-${stamp(now)}.${kind === "sqlite" ? "db" : "dump"}`;
}

/** Online SQLite backup: a whole, consistent copy including commits still in the WAL. */
export async function backupSqlite({ dbFile, outFile }: { dbFile: string; outFile: string }): Promise<void> {
  if (!fs.existsSync(dbFile)) throw new Error(`There is no database at ${dbFile}.`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    await source.backup(outFile);
  } finally {
    source.close();
  }
}

export class PgToolMissingError extends Error {
  constructor(tool: string, line: string) {
    super(`${tool} is not installed here. Install the PostgreSQL client tools, or run on a machine that has them:\n  ${line}`);
    this.name = "PgToolMissingError";
  }
}

/** pg_dump's custom format: compressed, and pg_restore can restore it into an existing database. */
export function backupPostgres({ url, outFile }: { url: string; outFile: string }): void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const run = spawnSync("pg_dump", ["-Fc", "--no-owner", "-f", outFile, url], { encoding: "utf8" });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new PgToolMissingError("pg_dump", `pg_dump -Fc --no-owner -f ${outFile} "$DATABASE_URL"`);
  }
  if (run.status !== 0) throw new Error(`pg_dump failed: ${run.stderr.trim()}`);
}

/**
 * Puts a SQLite backup in place of `target`. The server must be stopped: a running server keeps its
 * own WAL and would write it back over the restored file. Stale -wal and -shm files of the old
 * database are removed, or SQLite would replay the old WAL onto the restored copy.
 */
export function restoreSqlite({ backupFile, target, force = false }: { backupFile: string; target: string; force?: boolean }): void {
  if (!fs.existsSync(backupFile)) throw new Error(`There is no backup at ${backupFile}.`);
  // A cheap look for a running server: it keeps the -wal and -shm next to its database, and a clean
  // stop (which closes the database) removes them. A crash leaves them too: then --force, once sure
  // nothing runs. (SQLite has no cheap, non-mutating way to ask whether another process has a WAL
  // database open; changing its journal mode as a probe succeeded under an open connection.)
  if (!force && (fs.existsSync(`${target}-wal`) || fs.existsSync(`${target}-shm`))) {
    throw new Error(
      `${target} has a -wal/-shm file next to it: the server or the worker may still be running. Stop them; if they are stopped (after a crash), run again with --force.`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restoring`;
  fs.copyFileSync(backupFile, tmp);
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(tmp, target);
}

export function restorePostgres({ backupFile, url }: { backupFile: string; url: string }): void {
  const run = spawnSync("pg_restore", ["--clean", "--if-exists", "--no-owner", "-d", url, backupFile], { encoding: "utf8" });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new PgToolMissingError("pg_restore", `pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" ${backupFile}`);
  }
  if (run.status !== 0) throw new Error(`pg_restore failed: ${run.stderr.trim()}`);
}

export type RestoreCheck = {
  ok: boolean;
  counts: { reports: number; messages: number; users: number; auditEvents: number };
  chain: ChainVerification;
  /** null when there is no report to try; false when the configured master key does not open it. */
  sealedFieldOpens: boolean | null;
};

export async function checkRestoredDatabase(db: Db, masterKey?: Buffer): Promise<RestoreCheck> {
  const [reports, messages, users, auditEvents] = await Promise.all([
    db.report.count(),
    db.caseMessage.count(),
    db.user.count(),
    db.auditEvent.count(),
  ]);
  const chain = await verifyAuditChain(db);
  const report = await db.report.findFirst({ orderBy: { id: "asc" }, select: { id: true, wrappedKey: true, sealedAnswers: true } });
  let sealedFieldOpens: boolean | null = null;
  if (report) {
    try {
      const key = unwrapReportKey(report.wrappedKey, report.id, masterKey);
      openField(key, report.sealedAnswers, fieldContext("Report", report.id, "answers"));
      sealedFieldOpens = true;
    } catch {
      sealedFieldOpens = false;
    }
  }
  return { ok: chain.ok && sealedFieldOpens !== false, counts: { reports, messages, users, auditEvents }, chain, sealedFieldOpens };
}
