// `npm run test:pg`: runs a command (by default `vitest run`) against PostgreSQL. Checks first that
// TEST_PG_URL answers, so a stopped server is one clear message rather than a failure in every file.
//   npm run test:pg                       the whole vitest suite on PostgreSQL
//   npm run test:pg -- test/integration/x.test.ts
import { spawnSync } from "node:child_process";
import pg from "pg";

const DEFAULT_URL = "postgresql://sunline:sunline@127.0.0.1:5432/postgres";
const url = process.env.TEST_PG_URL || DEFAULT_URL;

const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
try {
  await client.connect();
  await client.query("SELECT 1");
} catch (error) {
  const where = new URL(url);
  console.error(
    [
      `test:pg: cannot reach PostgreSQL at ${where.host} as "${decodeURIComponent(where.username)}" (${error.message}).`,
      "Start it (as root: pg_ctlcluster <version> main start) and make sure the role exists:",
      "  CREATE ROLE sunline LOGIN CREATEDB PASSWORD 'sunline';",
      "or set TEST_PG_URL to a server where the role may create databases. `npm run test:all` does all of this.",
    ].join("\n"),
  );
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}

const args = process.argv.slice(2);
const [command, ...rest] = args.length > 0 && !args[0].includes("/") && !args[0].startsWith("-") ? args : ["vitest", "run", ...args];
const result = spawnSync("npx", [command, ...rest], {
  stdio: "inherit",
  env: { ...process.env, SUNLINE_TEST_DB: "postgresql", TEST_PG_URL: url },
});
process.exit(result.status ?? 1);
