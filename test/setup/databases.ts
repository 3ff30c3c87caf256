// Test databases: one migrated template per run, one fresh copy per test file.
// SQLite: the template is a file, copied. PostgreSQL: the template is a database, and each copy is
// CREATE DATABASE … TEMPLATE (fast, and it also proves the checked-in PostgreSQL migrations apply).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const TMP_DIR = path.resolve(".tmp");
export const SQLITE_TEMPLATE = path.join(TMP_DIR, "template.db");
export const PG_TEMPLATE = "sunline_test_template";

export function testProvider(): "sqlite" | "postgresql" {
  const p = process.env.SUNLINE_TEST_DB ?? "sqlite";
  if (p !== "sqlite" && p !== "postgresql") throw new Error(`SUNLINE_TEST_DB must be sqlite or postgresql, not ${p}`);
  return p;
}

/** A maintenance connection URL for PostgreSQL tests; the role needs CREATEDB. */
export function pgAdminUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) {
    throw new Error(
      "SUNLINE_TEST_DB=postgresql needs TEST_PG_URL (e.g. postgresql://sunline:sunline@127.0.0.1:5432/postgres). " +
        "npm run test:all sets it up.",
    );
  }
  return url;
}

export function pgUrlFor(database: string): string {
  const u = new URL(pgAdminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

function migrationScripts(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort()
    .map((d) => fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8"));
}

export function createSqliteTemplate() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SQLITE_TEMPLATE + suffix, { force: true });
  const db = new Database(SQLITE_TEMPLATE);
  for (const sql of migrationScripts("prisma/migrations")) db.exec(sql);
  db.close();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPgTemplate() {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${PG_TEMPLATE}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${PG_TEMPLATE}"`);
  });
  const client = new pg.Client({ connectionString: pgUrlFor(PG_TEMPLATE) });
  await client.connect();
  for (const sql of migrationScripts("prisma/postgresql/migrations")) await client.query(sql);
  await client.end();
}

/** A fresh database for one test file; returns its DATABASE_URL. */
export async function createTestDatabase(name: string): Promise<string> {
  if (testProvider() === "postgresql") {
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${name}" TEMPLATE "${PG_TEMPLATE}"`);
    });
    return pgUrlFor(name);
  }
  const file = path.join(TMP_DIR, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(SQLITE_TEMPLATE, file);
  return `file:${file}`;
}
