// Once per run: migrate the template database (and fill the role catalogue) that every test file
// copies. The run id reaches the workers through vitest's provide/inject.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { createPgTemplate, createSqliteTemplate, dropRunDatabases, pgTemplate, pgUrlFor, sqliteTemplate, testProvider } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}

export default async function globalSetup(project: TestProject) {
  await import("./test-env");
  const runId = randomBytes(4).toString("hex");
  const provider = testProvider();
  if (provider === "postgresql") await createPgTemplate(runId);
  else createSqliteTemplate(runId);
  process.env.DATABASE_URL = provider === "postgresql" ? pgUrlFor(pgTemplate(runId)) : `file:${sqliteTemplate(runId)}`;
  const { syncRoleCatalogue } = await import("../../app/modules/auth/roles.server");
  const { db } = await import("../../app/modules/db/db.server");
  await syncRoleCatalogue();
  await db.$disconnect();
  delete globalThis.__sunlineDb;
  project.provide("testRunId", runId);
  return () => dropRunDatabases(runId);
}
