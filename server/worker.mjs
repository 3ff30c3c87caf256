// Runs the scheduled sweeps without serving HTTP, for deployments that separate the two
// (set SCHEDULER=off on the web instances). `--once` runs every sweep once and exits.
import "dotenv/config";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { installGlobals } from "@remix-run/node";

installGlobals();

const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
/** @type {import("../app/modules/http/server-hooks.server").ServerHooks} */
const hooks = build.entry.module.serverHooks;
const config = await hooks.startup();

if (process.argv.includes("--once")) {
  await hooks.runAllSweepsOnce();
  await hooks.closeDatabase();
  process.exit(0);
}

const stop = hooks.startScheduler();
// As server.mjs: the exit timer first, then a bounded stop that releases this worker's leases,
// then the database closed. A second signal exits at once.
let shuttingDown = false;
const shutdown = async () => {
  if (shuttingDown) process.exit(1);
  shuttingDown = true;
  setTimeout(() => process.exit(1), config.shutdownTimeoutMs).unref();
  try {
    await stop({ waitMs: Math.min(5_000, Math.floor(config.shutdownTimeoutMs / 2)) });
    await hooks.closeDatabase();
  } catch (e) {
    hooks.logRequestError("shutdown", e);
  }
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
