// Development: rebuilds on every change (Remix's classic compiler) and restarts the server on each
// new build. Refresh the browser to see a change (no live-reload socket: the CSP stays as in production).
import { spawn } from "node:child_process";

const env = { ...process.env, NODE_ENV: "development" };
const child = spawn("npx", ["remix", "dev", "--manual", "-c", "node --watch-path=./build server/server.mjs"], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => process.exit(code ?? 0));
