// /healthz answers 503 when the database cannot commit a write (here: SQLite's write lock held by
// another process past HEALTHZ_WRITE_TIMEOUT_MS), though reads still work, and 200 again once it can.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz/route";

const sqlite = !process.env.SUNLINE_TEST_DB || process.env.SUNLINE_TEST_DB === "sqlite";

describe("/healthz", () => {
  it("answers 200 when a write commits", async () => {
    const res = await loader();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it.runIf(sqlite)("answers 503 while the write path cannot commit, and 200 once it can", async () => {
    const holder = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    holder.exec("BEGIN IMMEDIATE");
    try {
      const res = await loader();
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/cannot commit writes/);
    } finally {
      holder.exec("COMMIT");
      holder.close();
    }
    // the probe still waiting for the lock finishes; the next one commits
    expect((await loader()).status).toBe(200);
  }, 20_000);
});
