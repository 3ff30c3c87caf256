import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Unit and integration tests. The database is real: SQLite by default, PostgreSQL when
// SUNLINE_TEST_DB=postgresql (npm run test:pg). Every test file gets a fresh copy of a database
// migrated once per run (test/setup).
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/test-env.ts", "test/setup/fresh-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
