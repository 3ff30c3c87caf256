// The one place that creates Prisma clients. DATABASE_URL picks the provider: a `file:` URL is
// SQLite (demo, most tests, small installs), a `postgresql://` URL is PostgreSQL (production).
// App code is typed against the SQLite client: both are generated from one schema, and the
// SQLite client's API is the common subset (ADR 0002).
import { PrismaClient as SqliteClient, Prisma } from "../../generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "../../generated/postgresql/client.ts";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";

export type Db = SqliteClient;
/** A client inside `db.$transaction(async (tx) => …)`. Modules that write take one of these. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * The SQLite adapter opens every transaction with a plain (DEFERRED) BEGIN. In WAL mode a deferred
 * transaction that reads before it writes fails at once with SQLITE_BUSY when another connection (the
 * worker, a second server process) committed in between: its snapshot is stale and the busy timeout
 * cannot help. BEGIN IMMEDIATE takes the write lock first, waiting for it up to the busy timeout.
 * test/integration/audit-concurrency.test.ts fails without this (read-then-append from processes).
 */
class SqliteImmediateTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (!connection || typeof connection.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: cannot make its transactions IMMEDIATE (see db.server.ts)");
    }
    const prepare = connection.prepare.bind(connection);
    connection.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof connection.prepare;
    return adapter;
  }
}

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  // One better-sqlite3 connection per client; `timeout` is SQLite's busy timeout, so a second
  // process (a separate worker) waits for the write lock instead of failing at once.
  return new SqliteClient({ adapter: new SqliteImmediateTransactions({ url, timeout: 10_000 }) });
}

/**
 * SQLite needs per-connection pragmas that Prisma does not set: WAL lets readers proceed during a
 * write; synchronous=NORMAL is durable in WAL mode; foreign_keys is off by default in SQLite;
 * secure_delete zeroes the bytes of deleted rows, so a purged case's ciphertexts and key do not
 * linger in free pages of the file (ADR 0012). Called once per client (each client owns exactly one
 * connection).
 */
export async function prepareConnection(db: Db, url: string) {
  if (isPostgresUrl(url)) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA secure_delete = ON");
}

declare global {
  // a global survives module reloads in development and test files in one worker
  var __sunlineDb: { db: Db; ready: Promise<void> } | undefined;
}

function connect() {
  const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
  const db = createDb(url);
  return { db, ready: prepareConnection(db, url) };
}

/** The process-wide client. Await `dbReady` once at start-up (server.mjs and the worker do). */
export const db: Db = (globalThis.__sunlineDb ??= connect()).db;
export const dbReady: Promise<void> = globalThis.__sunlineDb.ready;
