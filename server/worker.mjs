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
await hooks.startup();

if (process.argv.includes("--once")) {
  await hooks.runAllSweepsOnce();
  process.exit(0);
}

const stop = hooks.startScheduler();
const shutdown = async () => {
  await stop();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
