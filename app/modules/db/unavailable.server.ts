// "The database cannot store this right now": a full disk, a write lock another process holds past
// the wait, an I/O error, PostgreSQL out of space, starting up or out of reach. Nothing of the
// failed write was kept (its transaction rolled back), so a form may answer 503 with the typed text
// and its one-time key, and the same post succeeds once the fault is gone (ADR 0021). Anything else
// (a bug, a constraint) stays a 500.

/** Thrown by db.server.ts when SQLite's write lock cannot be had within SQLITE_LOCK_WAIT_MS. */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// SQLite result codes (better-sqlite3 gives the extended name: SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…).
const SQLITE_CODES = /^SQLITE_(FULL|BUSY|LOCKED|IOERR|CANTOPEN|NOMEM|PROTOCOL)/;
// PostgreSQL SQLSTATEs: 53xxx insufficient resources (53100 disk_full, 53200 out of memory, 53300
// too many connections), 57P01-03 admin shutdown / crash shutdown / cannot connect now, 08xxx
// connection exceptions, 58030 I/O error.
const PG_CODES = /^(53\d{3}|57P0[123]|08\d{3}|58030)$/;
// Node's socket errors from the PostgreSQL driver.
const NET_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)$/;
// Prisma's own codes for the same faults: P1001 cannot reach, P1008 timed out (SQLite busy), P1017
// connection closed, P2024 no connection from the pool in time, P2028 could not start a transaction
// in time, P2037 too many connections.
const PRISMA_CODES = /^(P1001|P1008|P1017|P2024|P2028|P2037)$/;
const MESSAGES = /database or disk is full|disk I\/O error|database is locked|database table is locked|No space left on device|Unable to start a transaction in the given time|Can't reach database server|Connection terminated/i;

/** Every error code on `error` and its causes: Node's, the driver's (SQLITE_BUSY…), PostgreSQL's, Prisma's. */
export function codesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const own = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  return [...own, ...codesOf(e.cause, depth + 1), ...codesOf(e.meta?.driverAdapterError, depth + 1)];
}

function messagesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 5) return [];
  const e = error as { message?: unknown; originalMessage?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const own = [e.message, e.originalMessage].filter((m): m is string => typeof m === "string");
  return [...own, ...messagesOf(e.cause, depth + 1), ...messagesOf(e.meta?.driverAdapterError, depth + 1)];
}

/** Whether this error means "the database could not store it right now; nothing was kept". */
export function storageUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const codes = codesOf(error);
  if (codes.some((c) => SQLITE_CODES.test(c) || PG_CODES.test(c) || NET_CODES.test(c) || PRISMA_CODES.test(c))) return true;
  return messagesOf(error).some((m) => MESSAGES.test(m));
}

/**
 * Runs a bookkeeping write (a session's last-seen time, a later idle expiry) that may be skipped when
 * the database cannot store it: resolves to its result, or to null when storage is unavailable.
 * Anything else still throws.
 */
export async function unlessStorageUnavailable<T>(write: PromiseLike<T>): Promise<T | null> {
  try {
    return await write;
  } catch (error) {
    if (storageUnavailable(error)) return null;
    throw error;
  }
}
