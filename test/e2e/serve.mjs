// The end-to-end tests' web server (started by playwright.config.ts): a fresh database, migrated
// with the CLI operators use and seeded with the demo company, then the BUILT app (`npm run build`
// first) exactly as production runs it, scheduler included. SQLite in .tmp/e2e by default; with
// E2E_DB=postgresql, a scratch database `sunline_e2e` on the server of TEST_PG_URL.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const dir = path.resolve(".tmp/e2e");
if (!fs.existsSync("build/index.js")) {
  console.error("e2e: build/index.js is missing: run `npm run build` first (npm run test:all does).");
  process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

async function scratchPostgres() {
  const admin = process.env.TEST_PG_URL;
  if (!admin) {
    console.error("e2e: E2E_DB=postgresql needs TEST_PG_URL (an account that may create databases).");
    process.exit(1);
  }
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS "sunline_e2e" WITH (FORCE)');
  await client.query('CREATE DATABASE "sunline_e2e"');
  await client.end();
  const url = new URL(admin);
  url.pathname = "/sunline_e2e";
  return url.toString();
}

const databaseUrl = process.env.E2E_DB === "postgresql" ? await scratchPostgres() : `file:${path.join(dir, "e2e.db")}`;
const env = { ...process.env, DATABASE_URL: databaseUrl };
// For the tests' loginAs (test/e2e/sessions.ts), which writes session rows into this database.
fs.writeFileSync(path.join(dir, "database-url"), databaseUrl);
for (const [command, args] of [
  ["npx", ["prisma", "migrate", "deploy"]],
  ["npx", ["tsx", "prisma/seed.ts"]],
]) {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
  if (result.status !== 0) {
    console.error(`e2e: ${command} ${args.join(" ")} failed`);
    process.exit(1);
  }
}

// The server's output also goes to a file: the canary test (canary.spec.ts) searches every log.
const SERVER_LOG = path.join(dir, "server.log");
const log = fs.createWriteStream(SERVER_LOG, { flags: "a" });
const server = spawn(process.execPath, ["server/server.mjs"], { stdio: ["ignore", "pipe", "pipe"], env });
server.stdout.on("data", (chunk) => {
  log.write(chunk);
  process.stdout.write(chunk);
});
server.stderr.on("data", (chunk) => {
  log.write(chunk);
  process.stderr.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
