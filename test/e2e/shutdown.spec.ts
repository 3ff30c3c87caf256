// Stopping the production server (SIGTERM, as systemd, Docker or Kubernetes send it) while a sweep
// hangs: the server exits within SHUTDOWN_TIMEOUT_MS with code 0, its sweep leases are released,
// and the database was closed, so SQLite's write-ahead log is checkpointed (empty or removed).
// It runs its own instance of the built server on a copy of the e2e database, with the test-only
// stuck sweep (NODE_ENV=test, SUNLINE_TEST_STUCK_SWEEP=1).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

const SHUTDOWN_TIMEOUT_MS = 8_000;
const dir = path.resolve(".tmp/e2e-shutdown");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function until(check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stuckLeaseOwner(file: string): string | null | undefined {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = reader.prepare("SELECT leaseOwner FROM Job WHERE name = 'test.stuck'").get() as { leaseOwner: string | null } | undefined;
    return row === undefined ? undefined : row.leaseOwner;
  } finally {
    reader.close();
  }
}

test("SIGTERM stops the server within its bound while a sweep hangs, and closes the database", async () => {
  test.setTimeout(60_000);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "shutdown.db");
  // A consistent copy of the e2e server's database (its WAL included), made while it runs.
  const source = new Database(path.resolve(".tmp/e2e/e2e.db"), { readonly: true });
  source.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  source.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["server/server.mjs"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      SUNLINE_TEST_STUCK_SWEEP: "1",
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      DATABASE_URL: `file:${file}`,
      PORT: String(port),
      APP_URL: base,
      MAIL_TRANSPORT: "local",
      SCHEDULER: "in-process",
      SUNLINE_MASTER_KEY: Buffer.alloc(32, 11).toString("base64"),
      SUNLINE_HMAC_KEY: Buffer.alloc(32, 13).toString("base64"),
    },
  });
  let output = "";
  server.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
  server.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  try {
    await until(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, 30_000);
    // The stuck sweep (last in the list) has its lease: the scheduler is busy with a sweep that
    // will never finish. The fetch above also left an idle keep-alive connection open.
    await until(() => typeof stuckLeaseOwner(file) === "string", 20_000);
    expect(fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0).toBe(true);

    const signalled = Date.now();
    server.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"running">((r) => setTimeout(() => r("running"), SHUTDOWN_TIMEOUT_MS + 5_000))]);
    const tookMs = Date.now() - signalled;
    expect(code, output.slice(-2000)).toBe(0);
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);

    // Everything committed is in the database file: the log is empty or gone.
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
    // The lease was released, not left to expire: another instance takes the sweep at once.
    expect(stuckLeaseOwner(file), output.slice(-3000)).toBeNull();
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
});
