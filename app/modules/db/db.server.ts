// The one place that creates Prisma clients. DATABASE_URL picks the provider: a `file:` URL is
// SQLite (demo, most tests, small installs), a `postgresql://` URL is PostgreSQL (production).
// App code is typed against the SQLite client: both are generated from one schema, and the
// SQLite client's API is the common subset (ADR 0002).
import { PrismaClient as SqliteClient, Prisma } from "../../generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "../../generated/postgresql/client.ts";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

export type Db = SqliteClient;
/** A client inside `db.$transaction(async (tx) => …)`. Modules that write take one of these. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  // One better-sqlite3 connection per client; `timeout` is SQLite's busy timeout, so a second
  // process (a separate worker) waits for the write lock instead of failing at once.
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}

/**
 * SQLite needs per-connection pragmas that Prisma does not set: WAL lets readers proceed during a
 * write; synchronous=NORMAL is durable in WAL mode; foreign_keys is off by default in SQLite.
 * Called once per client (each client owns exactly one connection).
 */
export async function prepareConnection(db: Db, url: string) {
  if (isPostgresUrl(url)) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
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
