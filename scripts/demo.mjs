// `npm run demo`: from a fresh clone to a running Sunline with a seeded demo company.
// Plain Node with no dependencies, because it runs before node_modules exists. Each step is
// idempotent: a second run reuses node_modules, .env, the database and its data.
/* global fetch */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

// Keep in step with prisma/seed-data.ts (README.md lists them too).
const DEMO_PASSWORD = "sunline-demo-2026";
const DEMO_LOGINS = [
  ["admin@demo.sunline.local", "administrator / 管理员"],
  ["auditor@demo.sunline.local", "auditor / 审计员"],
  ["compliance1@demo.sunline.local", "compliance lead / 合规负责人"],
  ["compliance2@demo.sunline.local", "compliance lead / 合规负责人"],
  ["investigator1@demo.sunline.local", "investigator / 调查员"],
  ["investigator2@demo.sunline.local", "investigator / 调查员"],
  ["employee@demo.sunline.local", "employee / 员工"],
];

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function step(title) {
  console.log(`\n\x1b[1m▸ ${title}\x1b[0m`);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\nnpm run demo: "${command} ${args.join(" ")}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Minimal .env reader (KEY=value lines), for the values this script itself needs to print. */
function readDotEnv() {
  const values = {};
  if (!fs.existsSync(".env")) return values;
  for (const line of fs.readFileSync(".env", "utf8").split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return values;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`npm run demo needs Node.js 20.19 or newer (this is ${process.versions.node}).`);
  process.exit(1);
}

// better-sqlite3 compiles from source when no prebuilt binary can be downloaded; point node-gyp at
// the system's Node headers when they are installed, so no header download is needed either.
const installEnv = {};
if (!process.env.npm_config_nodedir && fs.existsSync("/usr/include/node/node_api.h")) installEnv.npm_config_nodedir = "/usr";

// 1. Dependencies: install when missing or older than the lock file.
if (!fs.existsSync("node_modules") || mtime("package-lock.json") > mtime("node_modules/.package-lock.json")) {
  step("Installing dependencies (npm ci; the first time takes a minute or two)");
  // --include=dev: building needs the dev dependencies even if NODE_ENV=production is exported.
  run(npm, ["ci", "--include=dev", "--no-audit", "--no-fund"], installEnv);
} else {
  step("Dependencies are installed");
}

// 2. Configuration: generate secrets once; never overwrite an existing .env.
if (!fs.existsSync(".env")) {
  step("Writing .env with newly generated secrets");
  const key = () => randomBytes(32).toString("base64");
  const port = process.env.PORT || "3000";
  fs.writeFileSync(
    ".env",
    [
      "# Written by `npm run demo` on first run. Secrets are random and local to this copy: never commit them.",
      "# Every variable is described in .env.example.",
      "NODE_ENV=production",
      `PORT=${port}`,
      "DATABASE_URL=file:./data/sunline.db",
      "MAIL_TRANSPORT=local",
      `SUNLINE_MASTER_KEY=${key()}`,
      `SUNLINE_HMAC_KEY=${key()}`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
} else {
  step("Using the existing .env");
}

// 3. Prisma clients for both databases (generated into app/generated, not committed).
step("Generating the database clients");
run(npm, ["run", "--silent", "db:generate"]);

// 4. Database: create and migrate. Seeding writes nothing when the database already has people.
step("Migrating the database");
fs.mkdirSync("data", { recursive: true });
run(npx, ["prisma", "migrate", "deploy"]);

step("Seeding the demo company (only into an empty database)");
run(npm, ["run", "--silent", "db:seed"]);

// 5. Build and serve. The server runs the scheduler (outbox sender) in-process.
step("Building");
run(npm, ["run", "--silent", "build"]);

const dotenv = readDotEnv();
const port = process.env.PORT || dotenv.PORT || "3000";
const url = (process.env.APP_URL || dotenv.APP_URL || `http://localhost:${port}`).replace(/\/$/, "");

step(`Starting Sunline on port ${port}`);
let ready = false;
const server = spawn(process.execPath, ["server/server.mjs"], { stdio: "inherit", env: { ...process.env, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  if (!ready) console.error("\nnpm run demo: the server stopped before it answered. See the messages above.");
  process.exit(code ?? (signal ? 1 : 0));
});

async function waitUntilHealthy() {
  for (let i = 0; i < 120 && !ready; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) ready = true;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 500));
  }
  return ready;
}

if (await waitUntilHealthy()) {
  const width = Math.max(...DEMO_LOGINS.map(([email]) => email.length));
  console.log(
    [
      "",
      "────────────────────────────────────────────────────────────────────",
      `  Sunline is running at  \x1b[1m${url}\x1b[0m`,
      "",
      "  Demo logins (all with the password below):",
      ...DEMO_LOGINS.map(([email, role]) => `    ${email.padEnd(width)}  ${role}`),
      "",
      `  Password:  \x1b[1m${DEMO_PASSWORD}\x1b[0m`,
      "",
      "  Two-factor sign-in is switched OFF in the demo (Administration → Settings turns it on).",
      `  Mail is not sent: the administrator reads it at ${url}/admin/outbox`,
      "  Press Ctrl+C to stop. Run `npm run demo` again to continue with the same data.",
      "────────────────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
} else {
  console.error(`npm run demo: the server did not answer on http://127.0.0.1:${port}/healthz within a minute.`);
  server.kill("SIGTERM");
}
