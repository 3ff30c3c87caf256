// A full disk under SQLite, for real: the database is moved onto a small tmpfs, which is then filled
// to the last byte. A report sent meanwhile is answered 503 "cannot store this right now" with every
// typed value and its submission key given back (nothing was saved), /healthz says the write path
// cannot commit, and once space is freed the very same form files the report — the failed COMMIT or
// ROLLBACK must not leave the process unable to write (it did, for good: every later write hung).
// Needs root (mount); it fails, rather than skips, when it cannot mount.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testProvider } from "../setup/databases";

const sqlite = testProvider() === "sqlite";
const MOUNT = `/tmp/sunline-disk-full-${process.pid}`;
const FILLER = path.join(MOUNT, "filler");

type App = {
  db: typeof import("~/modules/db/db.server").db;
  report: typeof import("~/routes/report._index/route");
  healthz: typeof import("~/routes/healthz/route").loader;
};
let app: App;
let filler: number | null = null;

/** Settles `work`, or says it never answered within `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`never answered within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}

function fillTheDisk() {
  filler = fs.openSync(FILLER, "w");
  for (const size of [1 << 20, 4096, 1]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) fs.writeSync(filler, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    }
  }
}

function freeTheSpace() {
  if (filler !== null) fs.closeSync(filler);
  filler = null;
  fs.rmSync(FILLER, { force: true });
}

function form(fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost:3999/report", { method: "POST", body, headers: { Origin: "http://localhost:3999" } });
}

describe.runIf(sqlite)("a full disk under SQLite", () => {
  beforeAll(async () => {
    fs.mkdirSync(MOUNT, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", MOUNT], { stdio: "pipe" });
    } catch (error) {
      throw new Error(`db-disk-full.test.ts needs to mount a tmpfs on ${MOUNT} (run as root): ${String(error)}`);
    }
    // This file's database, moved onto the tmpfs whole (WAL folded in), and the app's modules loaded
    // again so that their client opens it there.
    const current = await import("~/modules/db/db.server");
    await current.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    await current.db.$disconnect();
    delete globalThis.__sunlineDb;
    const file = path.join(MOUNT, "sunline.db");
    fs.copyFileSync(process.env.DATABASE_URL!.replace(/^file:/, ""), file);
    process.env.DATABASE_URL = `file:${file}`;
    vi.resetModules();
    const fresh = await import("~/modules/db/db.server");
    await fresh.dbReady;
    app = { db: fresh.db, report: await import("~/routes/report._index/route"), healthz: (await import("~/routes/healthz/route")).loader };
  });

  afterAll(async () => {
    freeTheSpace();
    await app?.db.$disconnect();
    delete globalThis.__sunlineDb;
    try {
      execFileSync("umount", [MOUNT], { stdio: "pipe" });
    } catch {
      execFileSync("umount", ["-l", MOUNT], { stdio: "pipe" });
    }
    fs.rmSync(MOUNT, { recursive: true, force: true });
  });

  async function newForm() {
    const res = (await app.report.loader({ request: new Request("http://localhost:3999/report"), params: {}, context: {} })) as Response;
    return ((await res.json()) as { submissionKey: string }).submissionKey;
  }
  async function post(fields: Record<string, string>) {
    const res = (await within(30_000, app.report.action({ request: form(fields), params: {}, context: {} }))) as Response;
    return { status: res.status, body: (await res.json()) as { state: string; formError?: string; values?: { answers: Record<string, string>; submissionKey: string } } };
  }

  it("answers 503 with the text kept while the disk is full, /healthz says so, and the same form files the report once space is freed", async () => {
    const typed = { category: "GIFTS", whatHappened: "供应商在中秋节送了购物卡 — 第一次", when: "2026年9月", where: "深圳", identityMode: "ANONYMOUS", name: "", contact: "" };
    const first = await post({ ...typed, submissionKey: await newForm() });
    expect(first.status).toBe(200);
    expect(first.body.state).toBe("created");
    expect((await app.healthz()).status).toBe(200);

    const submissionKey = await newForm();
    const fields = { ...typed, whatHappened: "供应商又送了一次购物卡，金额更大 🎁\n第二行", submissionKey };
    const reportsBefore = await app.db.report.count();
    fillTheDisk();

    const refused = await post(fields);
    expect(refused.status).toBe(503);
    expect(refused.body.state).toBe("error");
    expect(refused.body.formError).toBe("unavailable");
    expect(refused.body.values?.answers.whatHappened).toBe(fields.whatHappened);
    expect(refused.body.values?.submissionKey).toBe(submissionKey);

    const health = await within(15_000, app.healthz());
    expect(health.status).toBe(503);
    expect(await health.text()).toMatch(/database cannot commit writes/);

    freeTheSpace();
    expect(await within(15_000, app.db.report.count())).toBe(reportsBefore);
    const again = await post(fields);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe("created");
    expect(await app.db.report.count()).toBe(reportsBefore + 1);
    expect((await within(15_000, app.healthz())).status).toBe(200);
  });
});
