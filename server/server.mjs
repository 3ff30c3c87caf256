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

// For the HTTP benchmark only (COUNT_SQL_QUERIES=1): each request counts its SQL statements and
// says how many in a header, set as the headers go out — after the loaders and actions have run.
if (hooks.queryCountingEnabled()) {
  app.use((req, res, next) =>
    hooks.countingQueries(() => {
      const writeHead = res.writeHead;
      res.writeHead = function (...args) {
        if (!res.headersSent) res.setHeader("X-Sql-Queries", String(hooks.queriesSoFar() ?? 0));
        return writeHead.apply(this, args);
      };
      next();
    }),
  );
}

// One scope per GET or HEAD, so the root loader and the route's loader read the session, the user
// and the settings once between them (request-scope.server.ts). Not for posts: the loaders after an
// action must see what it wrote.
app.use((req, res, next) => (req.method === "GET" || req.method === "HEAD" ? hooks.inRequestScope(next) : next()));

app.use((req, res, next) => {
  const nonce = hooks.createCspNonce();
  res.locals.cspNonce = nonce;
  res.set(hooks.securityHeaders(nonce));
  next();
});

// Only the methods the app's pages use. Any other reached a form's action (a PUT filed a report)
// or crashed the request adapter (TRACE): answered here with a page, before any route runs.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "POST") return next();
  res.status(405).set("Allow", "GET, HEAD, POST").type("html").send(hooks.statusPage(405, { cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") }));
});

// The anonymous hotline: no page of it may be kept by a browser or proxy cache (a shared computer
// must not show someone's report or receipt again) nor listed by a search engine. Set here, before
// any route, so every /report response carries them, error pages included.
app.use((req, res, next) => {
  if (hooks.isAnonymousPath(req.path)) res.set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });
  next();
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
app.use(express.static("public", { maxAge: "1h", index: false }));

// Everything that is not a static file (served above, with its long cache, and never reaching this
// point) is a page or response of the app: case content, names, audit data, the sign-in and
// two-factor steps. No browser or proxy cache may keep any of it, or a shared computer would show it
// again to the next person, after sign-out. One rule for every such response, error pages included.
app.use((req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});

app.use((req, res, next) => {
  const headers = { get: (name) => req.get(name) ?? null };
  if (hooks.isCrossSiteRequest(req.method, headers, hooks.allowedOrigins(req.get("host")))) {
    res.status(403).type("html").send(hooks.refusalPage(req.get("accept-language")));
    return;
  }
  // The check above is the origin check (against APP_URL). Remix runs its own, comparing Origin with
  // Host or X-Forwarded-Host, which aborts every post with a 500 behind a proxy that does not pass
  // the public host, and every no-JS post (`Origin: null` under `Referrer-Policy: no-referrer`,
  // accepted above on Sec-Fetch-Site). Having decided, drop the header so it cannot decide again.
  delete req.headers.origin;
  next();
});

// A declared body over the largest any form may send (every file at its limit plus the text) is
// refused before a byte of it is read. A multipart body that does not declare its length is
// counted as it is read (uploads.server.ts); any other must declare it (browsers always do), since
// Remix reads such a body whole. The connection is closed rather than drained.
app.use((req, res, next) => {
  if (req.method !== "POST") return next();
  const page = (status) => res.status(status).set("Connection", "close").type("html").send(hooks.statusPage(status, { cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") }));
  const multipart = /^multipart\/form-data/i.test(req.get("content-type") ?? "");
  if (req.get("content-length") === undefined && req.get("transfer-encoding") !== undefined && !multipart) return page(411);
  const declared = Number(req.get("content-length") ?? 0);
  hooks.maxBodyBytes(req.get("content-type")).then((cap) => (declared > cap ? page(413) : next()), next);
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "production" ? "production" : "development",
    // The anonymous hotline (/report) never receives the client's address, so it cannot store it.
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientAddress: hooks.isAnonymousPath(req.path) ? undefined : req.ip,
    }),
  }),
);

// Whatever escapes the app is logged without its message (it may quote the request) and answered
// with a bare 500.
app.use((error, req, res, _next) => {
  hooks.logRequestError("server", error);
  if (!res.headersSent) res.status(500).type("text").send("500");
  else res.end();
});

const server = app.listen(config.port, () => {
  console.log(JSON.stringify({ level: "info", event: "server.listening", url: config.appUrl, port: config.port }));
  // Under `npm run dev`, tell Remix's watcher this build is being served.
  if (process.env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
});

const stopScheduler = config.scheduler === "in-process" ? hooks.startScheduler() : async () => {};

// On SIGTERM/SIGINT: stop accepting connections, close idle keep-alive ones, and give requests and
// sweeps in flight a bounded time. The exit timer is armed first, so that nothing that hangs (a
// sweep waiting on a mail server, a long request) can keep the process alive past
// SHUTDOWN_TIMEOUT_MS. The scheduler releases its leases, so another instance takes the sweeps at
// once; the database is closed last (on SQLite, after a checkpoint of the write-ahead log).
let shuttingDown = false;
async function shutdown(signal) {
  if (shuttingDown) {
    // A second signal: the operator does not want to wait.
    process.exit(1);
  }
  shuttingDown = true;
  const timeoutMs = config.shutdownTimeoutMs;
  setTimeout(() => {
    console.log(JSON.stringify({ level: "warn", event: "server.shutdownTimeout", timeoutMs }));
    process.exit(1);
  }, timeoutMs).unref();
  console.log(JSON.stringify({ level: "info", event: "server.stopping", signal }));
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  try {
    await stopScheduler({ waitMs: Math.min(5_000, Math.floor(timeoutMs / 2)) });
    await closed;
    await hooks.closeDatabase();
  } catch (e) {
    hooks.logRequestError("shutdown", e);
  }
  console.log(JSON.stringify({ level: "info", event: "server.stopped" }));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
