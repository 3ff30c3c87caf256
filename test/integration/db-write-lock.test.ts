// SQLite's write lock held by another process (the worker, a backup, a second server): a write waits
// for it without freezing the process, gives up at SQLITE_LOCK_WAIT_MS with an error, and once the
// lock is free the next write goes through — the connection is never left waiting forever, whether
// BEGIN or the transaction's own COMMIT/ROLLBACK failed.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, prepareConnection, type Db } from "~/modules/db/db.server";

const sqlite = !process.env.SUNLINE_TEST_DB || process.env.SUNLINE_TEST_DB === "sqlite";
const url = process.env.DATABASE_URL!;
let client: Db;
let holder: Database.Database;

/** The largest gap between ticks of a 10 ms timer while `work` runs: how long the event loop froze. */
async function longestFreeze(work: Promise<unknown>): Promise<number> {
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  await work.catch(() => {});
  clearInterval(timer);
  return longest;
}

/** Resolves to "hung" if `work` has not settled within `ms`: the failure this file guards against. */
function within<T>(work: Promise<T>, ms: number): Promise<T | "hung"> {
  return Promise.race([work, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), ms))]);
}

const write = (db: Db, value: string) =>
  db.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: "test.writeLock" }, create: { key: "test.writeLock", value }, update: { value } });
  });

describe.runIf(sqlite)("SQLite write lock held by another process", () => {
  beforeAll(async () => {
    process.env.SQLITE_LOCK_WAIT_MS = "1500";
    client = createDb(url);
    await prepareConnection(client, url);
    holder = new Database(url.replace(/^file:/, ""));
  });
  afterAll(async () => {
    delete process.env.SQLITE_LOCK_WAIT_MS;
    if (holder.inTransaction) holder.exec("ROLLBACK");
    holder.close();
    await client.$disconnect();
  });

  it("gives up at the wait with an error, without freezing the process, and writes again once the lock is free", async () => {
    holder.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    const refused = write(client, "while held");
    const freeze = await longestFreeze(refused);
    const error = await refused.then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(String((error as Error).message)).toMatch(/write lock held by another connection/);
    expect(Date.now() - started).toBeLessThan(6_000);
    // better-sqlite3 waits for a busy lock synchronously: with a long busy timeout every request of
    // the process would stall this long.
    expect(freeze).toBeLessThan(500);

    // A single statement outside a transaction waits the same way.
    const single = client.setting.findMany({ take: 1 });
    await expect(single).resolves.toBeDefined();

    holder.exec("COMMIT");
    expect(await within(write(client, "after release"), 5_000)).not.toBe("hung");
    const row = await client.setting.findUniqueOrThrow({ where: { key: "test.writeLock" } });
    expect(row.value).toBe("after release");
  });

  it("a transaction that failed inside leaves the connection usable: several in a row, then one that commits", async () => {
    for (let i = 0; i < 3; i += 1) {
      const failed = client.$transaction(async (tx) => {
        await tx.setting.upsert({ where: { key: "test.writeLock" }, create: { key: "test.writeLock", value: "x" }, update: { value: "rolled back" } });
        throw new Error("the caller's own failure");
      });
      await expect(within(failed, 5_000)).rejects.toThrow("the caller's own failure");
    }
    expect(await within(write(client, "committed"), 5_000)).not.toBe("hung");
    expect((await client.setting.findUniqueOrThrow({ where: { key: "test.writeLock" } })).value).toBe("committed");
  });
});
