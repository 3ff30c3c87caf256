// Counting the SQL statements one request issues, for the HTTP benchmark (npm run bench:http): a
// page that issues more queries than it should, or more as the data grows (N+1), shows in its
// count. Off unless COUNT_SQL_QUERIES=1: the server then runs each request in its own tally and
// answers with an `X-Sql-Queries` header. Counted at the driver adapter, so what is counted is
// what reaches the database — every statement Prisma sends, not each Prisma call (one findMany
// with an include can be two statements) — except transaction control (BEGIN, COMMIT, ROLLBACK),
// which the two adapters issue differently.
import { AsyncLocalStorage } from "node:async_hooks";

const tally = new AsyncLocalStorage<{ queries: number }>();

export function queryCountingEnabled(): boolean {
  return process.env.COUNT_SQL_QUERIES === "1";
}

/** Runs `fn` (and everything it starts) in a fresh tally. */
export function countingQueries<T>(fn: () => T): T {
  return tally.run({ queries: 0 }, fn);
}

/** The statements issued so far in the current tally; undefined outside one. */
export function queriesSoFar(): number | undefined {
  return tally.getStore()?.queries;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

type Queryable = { queryRaw: (query: { sql: string }) => Promise<unknown>; executeRaw: (query: { sql: string }) => Promise<unknown> };

function counted<F extends (query: { sql: string }) => Promise<unknown>>(run: F): F {
  return ((query: { sql: string }) => {
    const store = tally.getStore();
    if (store && !TRANSACTION_CONTROL.test(query.sql)) store.queries++;
    return run(query);
  }) as F;
}

/**
 * The same driver adapter factory, its connections counting their statements. A transaction's own
 * methods are counted too, unless it inherits them from the connection (SQLite's does: counted
 * once, there).
 */
export function countingAdapter<F extends { connect(): Promise<unknown> }>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as Queryable & { startTransaction: (...args: unknown[]) => Promise<Queryable> };
    adapter.queryRaw = counted(adapter.queryRaw.bind(adapter));
    adapter.executeRaw = counted(adapter.executeRaw.bind(adapter));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: unknown[]) => {
      const transaction = await startTransaction(...args);
      for (const name of ["queryRaw", "executeRaw"] as const) {
        if (transaction[name] !== adapter[name]) transaction[name] = counted(transaction[name].bind(transaction));
      }
      return transaction;
    };
    return adapter;
  };
  return factory;
}
