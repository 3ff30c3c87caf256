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

// The server's output also goes to a file: the canary test (canary.spec.ts) searches every log.
const SERVER_LOG = path.join(dir, "server.log");
const log = fs.createWriteStream(SERVER_LOG, { flags: "a" });
const server = spawn(process.execPath, ["server/server.mjs"], { stdio: ["ignore", "pipe", "pipe"], env });
server.stdout.on("data", (chunk) => {
  log.write(chunk);
  process.stdout.write(chunk);
});
server.stderr.on("data", (chunk) => {
  log.write(chunk);
  process.stderr.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
