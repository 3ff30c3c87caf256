// Before each test file: a fresh copy of the migrated template, and the app's db client pointed at it.
import { afterAll, inject } from "vitest";
import { createTestDatabase } from "./databases";

if (globalThis.__sunlineDb) {
  await globalThis.__sunlineDb.db.$disconnect();
  delete globalThis.__sunlineDb;
}
process.env.DATABASE_URL = await createTestDatabase(inject("testRunId"), process.env.VITEST_POOL_ID ?? "0");
const { dbReady, db } = await import("../../app/modules/db/db.server");
await dbReady;

afterAll(async () => {
  await db.$disconnect();
  delete globalThis.__sunlineDb;
});
