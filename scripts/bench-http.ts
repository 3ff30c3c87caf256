// npm run bench:http — what a browser waits for. Builds the app, fills a bench database with the
// organisation `npm run bench` measures (scripts/bench/fill.ts: 100,000 people, 20,000 cases), starts
// the production server on it, signs in one account per role, and loads every page with autocannon:
// requests/s at 32 connections, p50/p95/p99 latency at 8, each as a ratio to the app's own empty
// route (/livez) measured in the same run, the SQL statements each page issues (the server counts
// them with COUNT_SQL_QUERIES=1) and the server's memory before, at its peak and after.
//
// SQLite by default; BENCH_DB=postgresql (with TEST_PG_URL) measures PostgreSQL. BENCH_PEOPLE,
// BENCH_CASES and BENCH_SECONDS (per page and connection count) make a small run; BENCH_PAGES (a
// regular expression over page names) measures some pages only; BENCH_SKIP_BUILD=1 serves the
// existing build; BENCH_PROFILE=1 writes the server's CPU profile to <out>/profiles. Writes
// bench/results/<date>-<db>-http.json and .md (BENCH_OUT for elsewhere).
// Timings are wall-clock on this machine: compare ratios, or runs on the same machine.
import "../test/setup/test-env";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type { RoleKey } from "../app/modules/auth/permissions";
import { pageTable, type PageResult } from "./bench/http-report";

process.env.SUNLINE_TEST_DB = process.env.BENCH_DB ?? "sqlite";
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3490);
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
const OUT_DIR = path.resolve(process.env.BENCH_OUT ?? "bench/results");
const BASE = `http://127.0.0.1:${PORT}`;

if (process.env.BENCH_SKIP_BUILD !== "1") {
  // As `npm run build` builds it: test-env above set NODE_ENV=test, which would build React's dev runtime.
  const built = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) throw new Error("bench:http: the build failed");
}

// ── the database: migrated, filled, one account per role ──
const { createPgTemplate, createSqliteTemplate, createTestDatabase, testProvider } = await import("../test/setup/databases");
const provider = testProvider();
if (provider === "postgresql") await createPgTemplate("benchhttp");
else createSqliteTemplate("benchhttp");
const databaseUrl = await createTestDatabase("benchhttp", "0");
process.env.DATABASE_URL = databaseUrl;

const { db, dbReady } = await import("../app/modules/db/db.server");
const { syncRoleCatalogue } = await import("../app/modules/auth/roles.server");
const { fillOrganisation } = await import("./bench/fill");
const { createHandler, fileReport } = await import("../test/factories/cases");
const { ensureMasterKeyMatches } = await import("../app/modules/crypto/key-check.server");
await dbReady;
await syncRoleCatalogue();
// Recorded while the database is empty: the server checks the key against this record at start,
// since the fill's placeholder cases cannot be opened to prove it.
await ensureMasterKeyMatches(db, Buffer.from(process.env.SUNLINE_MASTER_KEY!, "base64"));
await fillOrganisation({ db, people: PEOPLE, cases: CASES });
// The site-wide ceiling on new reports (ADR 0016) would turn the submission benchmark away.
for (const [key, value] of [
  ["hotline.reportsPerHour", 100_000],
  ["hotline.digestAbovePerHour", 10_000],
] as const) {
  await db.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
}
const ROLES: RoleKey[] = ["employee", "investigator", "compliance_lead", "auditor", "admin"];
const cookies = {} as Record<RoleKey, string>;
for (const role of ROLES) cookies[role] = (await createHandler(role)).cookie;
// A real, sealed case (the fill's cases hold placeholders), filed as the hotline files one.
const caseId = await fileReport({ answers: { whatHappened: "A case the HTTP benchmark reads.", where: "仓库", involved: "采购部" } });
await db.$disconnect();

// ── the pages ──
type Page = { name: string; path: string; who: RoleKey | "anonymous"; post?: () => { body: Buffer; contentType: string } };
const reportPost = () => {
  const boundary = `bench${randomBytes(8).toString("hex")}`;
  const fields: Record<string, string> = {
    category: "GIFTS",
    whatHappened: "供应商在节前送来购物卡，采购经理收下了。A supplier's gift card, accepted before the holiday.",
    identityMode: "ANONYMOUS",
    name: "",
    contact: "",
    submissionKey: randomBytes(18).toString("base64url"),
  };
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: Buffer.from(parts.join("") + `--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
};
const casePath = `/cases/${encodeURIComponent(caseId)}`;
const ALL_PAGES: Page[] = [
  { name: "empty route (ceiling)", path: "/livez", who: "anonymous" },
  { name: "health (one write)", path: "/healthz", who: "anonymous" },
  { name: "sign-in page", path: "/login", who: "anonymous" },
  { name: "hotline start", path: "/hotline", who: "anonymous" },
  { name: "report form", path: "/report", who: "anonymous" },
  { name: "follow-up (receipt form)", path: "/report/follow-up", who: "anonymous" },
  ...ROLES.map((role): Page => ({ name: `home, ${role}`, path: "/", who: role })),
  { name: "queue, lead, page 1", path: "/cases", who: "compliance_lead" },
  { name: "queue, lead, page 200", path: "/cases?page=200", who: "compliance_lead" },
  { name: "queue, lead, filtered", path: "/cases?status=INVESTIGATION&severity=3", who: "compliance_lead" },
  { name: "queue, lead, overdue by severity", path: "/cases?overdue=1&sort=severity", who: "compliance_lead" },
  { name: "queue, investigator", path: "/cases", who: "investigator" },
  { name: "case, overview", path: casePath, who: "compliance_lead" },
  ...["messages", "workflow", "people", "remediation", "timeline", "access"].map((tab): Page => ({ name: `case, ${tab}`, path: `${casePath}/${tab}`, who: "compliance_lead" })),
  { name: "remediation", path: "/remediation", who: "compliance_lead" },
  { name: "audit log", path: "/audit/log", who: "auditor" },
  { name: "people", path: "/admin/people", who: "admin" },
  { name: "people, search", path: "/admin/people?q=zhang", who: "admin" },
  { name: "report submission (Argon2id receipt)", path: "/report", who: "anonymous", post: reportPost },
];
const PAGES = ALL_PAGES.filter((p) => !ONLY || ONLY.test(p.name) || p.path === "/livez");

// ── the server ──
// BENCH_PROFILE=1: the server writes a V8 CPU profile (open it in Chrome's DevTools) when it stops.
const PROFILE_DIR = path.join(OUT_DIR, "profiles");
const profiling = process.env.BENCH_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
const server: ChildProcess = spawn(process.execPath, [...profiling, "server/server.mjs"], {
  stdio: ["ignore", "ignore", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    APP_URL: BASE,
    SCHEDULER: "off",
    MAIL_TRANSPORT: "local",
    COUNT_SQL_QUERIES: "1",
    // Receipts and passwords cost what they cost in production.
    ARGON2_PROFILE: "production",
  },
});
let serverErrors = "";
server.stderr!.on("data", (chunk: Buffer) => (serverErrors += chunk.toString()));
const stopServer = () => server.exitCode === null && server.kill("SIGTERM");
/** Stops the server and waits for it to exit (a CPU profile is written on the way out). */
const serverStopped = () => new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : (server.once("exit", () => resolve()), stopServer())));
process.on("exit", stopServer);

const rssMb = (): number => {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

for (let waited = 0; ; waited += 200) {
  if (server.exitCode !== null) throw new Error(`bench:http: the server exited:\n${serverErrors}`);
  if (waited > 60_000) throw new Error("bench:http: the server did not answer /livez within a minute");
  const ok = await fetch(`${BASE}/livez`).then((r) => r.ok, () => false);
  if (ok) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}

function requestFor(page: Page): { method: "GET" | "POST"; headers: Record<string, string>; body?: Buffer } {
  const headers: Record<string, string> = { "accept-language": "zh-CN" };
  if (page.who !== "anonymous") headers.cookie = cookies[page.who];
  if (!page.post) return { method: "GET", headers };
  const { body, contentType } = page.post();
  return { method: "POST", headers: { ...headers, origin: BASE, "content-type": contentType }, body };
}

/** One request as a browser would make it: the page must answer 200 itself (a redirect to /login is a failure). */
async function probe(page: Page): Promise<number> {
  const { method, headers, body } = requestFor(page);
  const res = await fetch(BASE + page.path, { method, headers, body: body ? new Uint8Array(body) : undefined, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench:http: ${page.name} (${method} ${page.path}) answered ${res.status} ${res.headers.get("location") ?? ""}\n${serverErrors.slice(-2_000)}`);
  const queries = res.headers.get("x-sql-queries");
  if (queries === null) throw new Error(`bench:http: ${page.name} has no X-Sql-Queries header: is COUNT_SQL_QUERIES on?`);
  return Number(queries);
}

/** Loads the page for SECONDS at `connections`; every response's time is kept for exact percentiles. */
async function load(page: Page, connections: number, sample: () => void) {
  const { method, headers } = requestFor(page);
  const sampler = setInterval(sample, 100);
  const times: number[] = [];
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: BASE + page.path,
          connections,
          duration: SECONDS,
          method,
          headers,
          // Every submission carries a fresh one-time key, as every real form does.
          requests: page.post ? [{ setupRequest: (req) => ({ ...req, ...requestFor(page) }) }] : undefined,
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    times.sort((x, y) => x - y);
    const at = (q: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(times.length * q))] : NaN);
    return { result, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  } finally {
    clearInterval(sampler);
  }
}

const results: PageResult[] = [];
let ceiling = 0;
for (const page of PAGES) {
  const queries = await probe(page);
  const before = rssMb();
  let peak = before;
  const sample = () => (peak = Math.max(peak, rssMb()));
  const throughput = await load(page, 32, sample);
  const latency = await load(page, 8, sample);
  const failures = [throughput.result, latency.result].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  if (failures > 0) throw new Error(`bench:http: ${page.name}: ${failures} requests failed under load (non-2xx, errors or timeouts)`);
  const rps = throughput.result.requests.average;
  if (page.path === "/livez") ceiling = rps;
  results.push({
    name: page.name,
    method: page.post ? "POST" : "GET",
    path: page.path.replace(caseId, ":id"),
    who: page.who,
    queries,
    rps,
    ratio: ceiling > 0 ? rps / ceiling : 1,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    rssMb: { before, peak, after: rssMb() },
  });
  console.log(pageTable(results.slice(-1), { header: results.length === 1 }));
}
await serverStopped();

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
const run = { date: new Date().toISOString(), database: provider, people: PEOPLE, cases: CASES, secondsPerLoad: SECONDS, machine, pages: results };
fs.mkdirSync(OUT_DIR, { recursive: true });
const stem = path.join(OUT_DIR, `${run.date.slice(0, 10)}-${provider}-http`);
fs.writeFileSync(`${stem}.json`, JSON.stringify(run, null, 2) + "\n");
fs.writeFileSync(
  `${stem}.md`,
  `# HTTP benchmark, ${provider}, ${run.date.slice(0, 10)}\n\n${PEOPLE.toLocaleString("en")} people, ${CASES.toLocaleString("en")} cases; ${SECONDS} s per load; ` +
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}.\n\n${pageTable(results, { header: true })}\n`,
);
console.log(`\nwritten: ${path.relative(process.cwd(), stem)}.json and .md`);
process.exit(0);
