// Before each test file: a fresh copy of the migrated template, and the app's db client pointed at it.
import { afterAll } from "vitest";
import { createTestDatabase, testProvider } from "./databases";

const worker = process.env.VITEST_POOL_ID ?? "0";
const name = testProvider() === "postgresql" ? `sunline_test_w${worker}` : `test-w${worker}`;

if (globalThis.__sunlineDb) {
  await globalThis.__sunlineDb.db.$disconnect();
  delete globalThis.__sunlineDb;
}
process.env.DATABASE_URL = await createTestDatabase(name);
const { dbReady, db } = await import("../../app/modules/db/db.server");
await dbReady;

afterAll(async () => {
  await db.$disconnect();
  delete globalThis.__sunlineDb;
});
