// Creates a new migration for BOTH databases from the edited prisma/schema.prisma:
//   npm run db:migrate:new -- <name>
// SQLite: against a scratch file (deploy first: `migrate dev` fails on a brand-new file, P1014).
// PostgreSQL: against PG_MIGRATE_URL (a scratch database the role may drop; needs CREATEDB).
// Both go through prisma.config.ts, which works round the offline schema engine's bugs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migrate:new -- <snake_case_name>");
  process.exit(2);
}
const pgUrl = process.env.PG_MIGRATE_URL ?? "postgresql://sunline:sunline@127.0.0.1:5432/sunline_migrate";

const run = (args, env) =>
  execFileSync("npx", ["prisma", ...args], { stdio: "inherit", env: { ...process.env, ...env } });

execFileSync("node", ["scripts/prisma-schemas.mjs"], { stdio: "inherit" });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sunline-migrate-"));
const sqliteUrl = `file:${path.join(dir, "scratch.db")}`;
run(["migrate", "deploy"], { DATABASE_URL: sqliteUrl });
run(["migrate", "dev", "--name", name, "--skip-seed"], { DATABASE_URL: sqliteUrl });
fs.rmSync(dir, { recursive: true, force: true });

// A fresh scratch database each time, so the PostgreSQL migration is diffed from the checked-in history.
const admin = new URL(pgUrl);
const dbName = admin.pathname.slice(1);
admin.pathname = "/postgres";
execFileSync("psql", [admin.toString(), "-c", `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`, "-c", `CREATE DATABASE "${dbName}"`], { stdio: "inherit" });
run(["migrate", "deploy"], { DATABASE_URL: pgUrl });
run(["migrate", "dev", "--name", name, "--skip-seed"], { DATABASE_URL: pgUrl });
