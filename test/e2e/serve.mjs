// The end-to-end tests' web server (started by playwright.config.ts): a fresh SQLite database in
// .tmp/e2e, migrated with the CLI operators use and seeded with the demo company, then the BUILT
// app (`npm run build` first) exactly as production runs it, scheduler included.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(".tmp/e2e");
if (!fs.existsSync("build/index.js")) {
  console.error("e2e: build/index.js is missing: run `npm run build` first (npm run test:all does).");
  process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}` };
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

const server = spawn(process.execPath, ["server/server.mjs"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
