// The one place that creates Prisma clients. DATABASE_URL picks the provider: a `file:` URL is
// SQLite (demo, most tests, small installs), a `postgresql://` URL is PostgreSQL (production).
// App code is typed against the SQLite client: both are generated from one schema, and the
// SQLite client's API is the common subset (ADR 0002).
import { PrismaClient as SqliteClient, Prisma } from "../../generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "../../generated/postgresql/client.ts";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import { z } from "zod";
import { codesOf, StorageUnavailableError } from "./unavailable.server";
import { countingAdapter, queryCountingEnabled } from "./query-count.server";

export { StorageUnavailableError, storageUnavailable, unlessStorageUnavailable } from "./unavailable.server";

const lockWaitSchema = z.coerce.number().int().min(100).max(600_000);

export type Db = SqliteClient;
/** A client inside `db.$transaction(async (tx) => …)`. Modules that write take one of these. */
export type Tx = Prisma.TransactionClient;
export { Prisma };

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

/** How long a write waits for SQLite's write lock before the request is answered 503 (ADR 0021). */
export function sqliteLockWaitMs(): number {
  const parsed = lockWaitSchema.safeParse(process.env.SQLITE_LOCK_WAIT_MS);
  return parsed.success ? parsed.data : 10_000;
}

/**
 * SQLite's own busy timeout: how long one attempt may block the event loop. better-sqlite3 waits for
 * a lock synchronously, so a long busy timeout freezes every request of the process while another
 * process (the worker) holds the write lock. Short attempts, retried from a timer, keep the process
 * answering while it waits.
 */
const BUSY_ATTEMPT_MS = 20;
const RETRY_PAUSE_MS = 30;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sqliteCode(error: unknown): string | undefined {
  return codesOf(error).find((code) => code.startsWith("SQLITE_"));
}

/** SQLITE_BUSY and SQLITE_LOCKED (and their extended codes): another connection holds the lock. */
function isBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error) ?? "");
}

/**
 * One connection's transactions, one at a time, in arrival order. A waiter gives up at its deadline
 * (the request is answered 503, and its turn passes on), and a holder's turn ends however its
 * transaction ends: commit, rollback, a failed BEGIN, a failed COMMIT or ROLLBACK.
 */
class TransactionTurns {
  #held = false;
  #queue: { grant: (release: () => void) => void }[] = [];

  take(deadline: number): Promise<() => void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: (release: () => void) => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        this.#queue = this.#queue.filter((w) => w !== waiter);
        reject(new StorageUnavailableError("SQLite write lock: still waiting for this process's previous transaction", "SQLITE_BUSY"));
      }, Math.max(0, deadline - Date.now()));
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant(this.#releaser());
      else this.#held = false;
    };
  }
}

type Query = Parameters<SqlDriverAdapter["executeRaw"]>[0];
type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * SQLite transactions taken over from @prisma/adapter-better-sqlite3. Its startTransaction takes a
 * mutex and then runs BEGIN; when BEGIN fails (the write lock was busy past the wait, the disk is
 * full), or when the COMMIT or ROLLBACK that Prisma sends fails (SQLITE_FULL; or "no transaction is
 * active" after SQLite rolled back by itself), the mutex is never released, and every later
 * transaction of the process waits for ever. Here each connection has its own turns
 * (TransactionTurns), released on every path, and:
 *
 * - BEGIN IMMEDIATE, not the adapter's DEFERRED BEGIN. In WAL mode a deferred transaction that reads
 *   before it writes fails at once with SQLITE_BUSY when another connection (the worker, a second
 *   process) committed in between: its snapshot is stale and waiting cannot help. IMMEDIATE takes the
 *   write lock first. test/integration/audit-concurrency.test.ts fails without it.
 * - The write lock is waited for in short attempts retried from a timer, up to SQLITE_LOCK_WAIT_MS,
 *   so the event loop keeps serving other requests meanwhile; then StorageUnavailableError.
 * - Statements outside a transaction that meet a busy lock are retried the same way.
 *
 * test/integration/db-write-lock.test.ts and db-disk-full.test.ts fail without this.
 */
class SqliteTransactions extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (!connection || typeof connection.exec !== "function" || typeof connection.inTransaction !== "boolean") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: cannot take over its transactions (see db.server.ts)");
    }
    const turns = new TransactionTurns();
    const waitMs = sqliteLockWaitMs();

    // Outside a transaction a busy statement did nothing and can be tried again. Inside one (this
    // connection holds the write lock, taken by BEGIN IMMEDIATE) a failure belongs to the transaction.
    const retryWhenBusy = <A, R>(run: (arg: A) => Promise<R>) =>
      async (arg: A): Promise<R> => {
        const deadline = Date.now() + waitMs;
        for (;;) {
          try {
            return await run(arg);
          } catch (error) {
            if (connection.inTransaction || !isBusy(error) || Date.now() + RETRY_PAUSE_MS > deadline) throw error;
            await pause(RETRY_PAUSE_MS);
          }
        }
      };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = retryWhenBusy(queryRaw);
    adapter.executeRaw = retryWhenBusy(executeRaw);

    /** Leaves a transaction SQLite still has open (after a failed COMMIT or ROLLBACK); true when out. */
    const leaveTransaction = async (): Promise<boolean> => {
      for (let attempt = 0; connection.inTransaction && attempt < 5; attempt++) {
        try {
          connection.exec("ROLLBACK");
        } catch {
          await pause(RETRY_PAUSE_MS);
        }
      }
      return !connection.inTransaction;
    };

    const beginImmediate = async (deadline: number) => {
      for (;;) {
        try {
          connection.exec("BEGIN IMMEDIATE");
          return;
        } catch (error) {
          if (!isBusy(error)) throw new StorageUnavailableError("SQLite could not begin a transaction", sqliteCode(error) ?? "SQLITE_ERROR", { cause: error });
          if (Date.now() + RETRY_PAUSE_MS > deadline) {
            throw new StorageUnavailableError(`SQLite write lock held by another connection for more than ${waitMs} ms`, "SQLITE_BUSY", { cause: error });
          }
          await pause(RETRY_PAUSE_MS);
        }
      }
    };

    adapter.startTransaction = async (isolationLevel) => {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite transactions are SERIALIZABLE, not ${isolationLevel}`);
      const deadline = Date.now() + waitMs;
      const release = await turns.take(deadline);
      try {
        // A transaction left open by a failed COMMIT or ROLLBACK: nothing of it can be committed now.
        if (connection.inTransaction && !(await leaveTransaction())) {
          throw new StorageUnavailableError("SQLite could not roll back an earlier transaction", "SQLITE_ERROR");
        }
        await beginImmediate(deadline);
      } catch (error) {
        release();
        throw error;
      }
      // Prisma sends COMMIT and ROLLBACK as statements on the transaction, then calls commit() or
      // rollback() only when that statement succeeded: the turn ends in both places.
      const transaction: Transaction = Object.create(adapter, {
        options: { value: { usePhantomQuery: false } },
        // Writable so the benchmark's statement counter (query-count.server.ts) can wrap it.
        executeRaw: {
          writable: true,
          value: async (query: Query) => {
            if (query.sql !== "COMMIT" && query.sql !== "ROLLBACK") return executeRaw(query);
            try {
              if (query.sql === "ROLLBACK" && !connection.inTransaction) return 0; // SQLite already rolled back
              return await executeRaw(query);
            } catch (error) {
              await leaveTransaction();
              throw error;
            } finally {
              if (!connection.inTransaction) release();
              else void leaveTransaction().finally(release);
            }
          },
        },
        commit: { value: async () => release() },
        rollback: { value: async () => release() },
      });
      return transaction;
    };
    return adapter;
  }
}

export function createDb(url: string): Db {
  // Counting is for the HTTP benchmark only (query-count.server.ts); otherwise the adapter as is.
  const counting = queryCountingEnabled() ? countingAdapter : <F>(factory: F) => factory;
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: counting(new PrismaPg({ connectionString: url, max: 10 })) }) as unknown as Db;
  }
  // One better-sqlite3 connection per client. `timeout` is SQLite's busy timeout for one attempt;
  // SqliteTransactions retries from a timer up to SQLITE_LOCK_WAIT_MS. Prisma's default maxWait
  // (2 s) would give up on a transaction that is still legitimately waiting for the lock.
  return new SqliteClient({
    adapter: counting(new SqliteTransactions({ url, timeout: BUSY_ATTEMPT_MS })),
    transactionOptions: { maxWait: sqliteLockWaitMs() + 1_000 },
  });
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
