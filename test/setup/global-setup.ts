// Once per run: migrate the template database (and fill the role catalogue) that every test file copies.
import { createPgTemplate, createSqliteTemplate, pgUrlFor, PG_TEMPLATE, SQLITE_TEMPLATE, testProvider } from "./databases";

export default async function globalSetup() {
  await import("./test-env");
  const provider = testProvider();
  if (provider === "postgresql") await createPgTemplate();
  else createSqliteTemplate();
  process.env.DATABASE_URL = provider === "postgresql" ? pgUrlFor(PG_TEMPLATE) : `file:${SQLITE_TEMPLATE}`;
  const { syncRoleCatalogue } = await import("../../app/modules/auth/roles.server");
  const { db } = await import("../../app/modules/db/db.server");
  await syncRoleCatalogue();
  await db.$disconnect();
  delete globalThis.__sunlineDb;
}
