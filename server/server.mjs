// The production server: Express around Remix's request handler, adding what must run before any
// route (security headers, CSRF origin check, static files) and, unless SCHEDULER=off, the
// scheduler for background sweeps. Everything it uses comes from the compiled build.
import "dotenv/config";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";

installGlobals();

const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
/** @type {import("../app/modules/http/server-hooks.server").ServerHooks} */
const hooks = build.entry.module.serverHooks;
const config = await hooks.startup();

const app = express();
app.disable("x-powered-by");
// A number, not `true`: Express then takes the address the outermost of that many proxies appended
// to X-Forwarded-For, and ignores whatever the client put there (TRUST_PROXY_HOPS, .env.example).
if (config.trustProxyHops > 0) app.set("trust proxy", config.trustProxyHops);

app.use((req, res, next) => {
  const nonce = hooks.createCspNonce();
  res.locals.cspNonce = nonce;
  res.set(hooks.securityHeaders(nonce));
  next();
});

// The anonymous hotline: no page of it may be kept by a browser or proxy cache (a shared computer
// must not show someone's report or receipt again) nor listed by a search engine. Set here, before
// any route, so every /report response carries them, error pages included.
app.use((req, res, next) => {
  if (/^\/report(\/|$)/.test(req.path)) res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
app.use(express.static("public", { maxAge: "1h", index: false }));

app.use((req, res, next) => {
  const headers = { get: (name) => req.get(name) ?? null };
  if (hooks.isCrossSiteRequest(req.method, headers, hooks.allowedOrigins(req.get("host")))) {
    res.status(403).type("html").send(hooks.refusalPage(req.get("accept-language")));
    return;
  }
  // Under `Referrer-Policy: no-referrer` a plain (no-JS) form post carries `Origin: null`; the check
  // above accepted it on Sec-Fetch-Site alone. Remix's own origin check would abort it, so drop it.
  if (req.headers.origin === "null") delete req.headers.origin;
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "production" ? "production" : "development",
    // The anonymous hotline (/report) never receives the client's address, so it cannot store it.
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientAddress: req.path.startsWith("/report") ? undefined : req.ip,
    }),
  }),
);

const server = app.listen(config.port, () => {
  console.log(JSON.stringify({ level: "info", event: "server.listening", url: config.appUrl, port: config.port }));
  // Under `npm run dev`, tell Remix's watcher this build is being served.
  if (process.env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
});

const stopScheduler = config.scheduler === "in-process" ? hooks.startScheduler() : async () => {};

async function shutdown() {
  await stopScheduler();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
