// Test databases: one migrated template per run, one fresh copy per test file. Names carry the
// run's id, so two test runs on one machine (two developers' terminals, SQLite and PostgreSQL suites
// side by side) never drop or overwrite each other's databases.
// SQLite: the template is a file, copied. PostgreSQL: the template is a database, and each copy is
// CREATE DATABASE … TEMPLATE (fast, and it also proves the checked-in PostgreSQL migrations apply).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const TMP_DIR = path.resolve(".tmp");
export const sqliteTemplate = (runId: string) => path.join(TMP_DIR, `template-${runId}.db`);
export const pgTemplate = (runId: string) => `sunline_t${runId}_template`;

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

export function createSqliteTemplate(runId: string) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const file = sqliteTemplate(runId);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  for (const sql of migrationScripts("prisma/migrations")) db.exec(sql);
  db.close();
}

/**
 * DROP DATABASE … WITH (FORCE), retried briefly: an autovacuum worker visiting the freshly copied
 * database cannot be terminated by a non-superuser (PostgreSQL answers 42501), and it leaves by itself
 * within moments.
 */
async function dropDatabase(c: pg.Client, name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "42501" || attempt >= 50) throw e;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
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

export async function createPgTemplate(runId: string) {
  await withAdmin(async (c) => {
    await dropDatabase(c, pgTemplate(runId));
    await c.query(`CREATE DATABASE "${pgTemplate(runId)}"`);
  });
  const client = new pg.Client({ connectionString: pgUrlFor(pgTemplate(runId)) });
  await client.connect();
  for (const sql of migrationScripts("prisma/postgresql/migrations")) await client.query(sql);
  await client.end();
}

const workerDatabase = (runId: string, worker: string) =>
  testProvider() === "postgresql" ? `sunline_t${runId}_w${worker}` : path.join(TMP_DIR, `test-${runId}-w${worker}.db`);

/** A fresh database for one test file of a worker, copied from the run's template; returns its DATABASE_URL. */
export async function createTestDatabase(runId: string, worker: string): Promise<string> {
  const name = workerDatabase(runId, worker);
  if (testProvider() === "postgresql") {
    await withAdmin(async (c) => {
      await dropDatabase(c, name);
      await c.query(`CREATE DATABASE "${name}" TEMPLATE "${pgTemplate(runId)}"`);
    });
    return pgUrlFor(name);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(name + suffix, { force: true });
  fs.copyFileSync(sqliteTemplate(runId), name);
  return `file:${name}`;
}

/** Removes the run's template and worker databases. */
export async function dropRunDatabases(runId: string) {
  if (testProvider() === "postgresql") {
    await withAdmin(async (c) => {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`sunline_t${runId}_%`]);
      for (const { datname } of rows) await dropDatabase(c, datname);
    });
    return;
  }
  for (const file of fs.readdirSync(TMP_DIR)) {
    if (file.startsWith(`template-${runId}.db`) || file.startsWith(`test-${runId}-`)) fs.rmSync(path.join(TMP_DIR, file), { force: true });
  }
}
