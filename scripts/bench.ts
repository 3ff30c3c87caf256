// npm run bench — speed and memory targets, measured on a real database filled to a large
// organisation's size (100,000 people). Prints a table and exits non-zero when a target is missed.
// SQLite by default; BENCH_DB=postgresql (with TEST_PG_URL) measures PostgreSQL.
// Timings are wall-clock on this machine: compare runs on the same machine, not across machines.
import "../test/setup/test-env";
// Real Argon2id parameters: the receipt check below must cost what it costs in production.
process.env.ARGON2_PROFILE = "production";
import { performance } from "node:perf_hooks";
import { BENCH_DEPARTMENTS, fillOrganisation } from "./bench/fill";

process.env.SUNLINE_TEST_DB = process.env.BENCH_DB ?? "sqlite";
const { createPgTemplate, createSqliteTemplate, createTestDatabase, testProvider } = await import("../test/setup/databases");
if (testProvider() === "postgresql") await createPgTemplate("bench");
else createSqliteTemplate("bench");
process.env.DATABASE_URL = await createTestDatabase("bench", "0");

const { db, dbReady } = await import("../app/modules/db/db.server");
const { syncRoleCatalogue } = await import("../app/modules/auth/roles.server");
const { listPeople } = await import("../app/modules/people/people.server");
const { previewDirectoryImport, commitDirectoryImport } = await import("../app/modules/people/directory-import.server");
const { appendAuditEvent } = await import("../app/modules/audit/audit.server");
const { verifyAuditChain } = await import("../app/modules/audit/verify.server");
const { enqueueEmail } = await import("../app/modules/mail/outbox.server");
const { drainOutbox } = await import("../app/modules/mail/sender.server");
const { createMailTransport } = await import("../app/modules/mail/transport.server");
const { submitReport, openAttachment } = await import("../app/modules/hotline/reports.server");
const { prepareAttachment } = await import("../app/modules/hotline/attachments.server");
const { listQueue, parseQueueQuery } = await import("../app/modules/cases/queue.server");
const { listRemediation, listFilterFromUrl } = await import("../app/modules/cases/remediation.server");
const { openWithReceipt } = await import("../app/modules/hotline/follow-up.server");
const { reporterCaseKey } = await import("../app/modules/cases/access.server");
const { loadCurrentUser } = await import("../app/modules/auth/session.server");
await dbReady;
await syncRoleCatalogue();

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
// Memory is measured from the end of the fill: what the application's own operations add.
let baselineRss = 0;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

type Result = { name: string; value: number; unit: string; target: number };
const results: Result[] = [];
const record = (name: string, value: number, unit: string, target: number) => {
  results.push({ name, value, unit, target });
  if (process.env.BENCH_VERBOSE) console.log(name, value.toFixed(1), unit, "rss", Math.round(process.memoryUsage().rss / 1048576), "MiB");
};

async function p95(runs: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.floor(runs * 0.95))];
}

// ── fill: the organisation both benchmarks measure (scripts/bench/fill.ts) ──
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const DEPARTMENTS = BENCH_DEPARTMENTS;
const filled = await fillOrganisation({ db, people: PEOPLE, cases: CASES });
const lead = (await loadCurrentUser(filled.leadId))!;
const investigators = await Promise.all(filled.investigatorIds.map(async (id) => (await loadCurrentUser(id))!));
let t0 = performance.now();
baselineRss = process.memoryUsage().rss;
peakRss = baselineRss;

// ── people list (every admin page load) ──
const base = { q: "", departmentId: null, status: null, kind: null, sort: "number" as const, nameField: "nameZh" as const, page: 1 };
record("people list, first page (p95)", await p95(20, () => listPeople(base)), "ms", 200);
record("people list, page 2000 (p95)", await p95(20, () => listPeople({ ...base, page: 2_000 })), "ms", 250);
record("people search 'zhang' (p95)", await p95(20, () => listPeople({ ...base, q: "zhang" })), "ms", 400);
record("people search '张伟' sorted by name (p95)", await p95(20, () => listPeople({ ...base, q: "张伟", sort: "name" })), "ms", 300);

// ── CSV import of 5,000 rows (half updates, half new) ──
const header = "employee_number,name_zh,name_en,email,department_code";
const lines = Array.from({ length: 5_000 }, (_, i) => {
  const n = i < 2_500 ? `B${String(i).padStart(6, "0")}` : `N${String(i).padStart(6, "0")}`;
  return `${n},导入${i},Imported ${i},${n.toLowerCase()}@import.example,B${i % DEPARTMENTS}`;
});
const csv = [header, ...lines].join("\n");
t0 = performance.now();
const preview = await previewDirectoryImport({ text: csv, actorPersonId: null });
record("CSV import preview, 5,000 rows", performance.now() - t0, "ms", 5_000);
if (!preview.ok || preview.counts.error > 0) throw new Error("bench CSV did not validate");
const admin = await db.user.create({ data: { email: "bench-admin@bench.example" } });
t0 = performance.now();
const committed = await commitDirectoryImport({ actorUserId: admin.id, actorPersonId: null, text: csv });
record("CSV import commit, 5,000 rows", performance.now() - t0, "ms", 10_000);
if (!committed.ok) throw new Error("bench CSV commit refused");

// ── audit log ──
t0 = performance.now();
for (let i = 0; i < 1_000; i++) {
  await db.$transaction((tx) => appendAuditEvent(tx, { actor: { kind: "SYSTEM" }, action: "bench.event", objectType: "Bench", objectId: String(i) }));
}
record("audit append (one transaction each)", (performance.now() - t0) / 1_000, "ms/event", 10);
t0 = performance.now();
const verification = await verifyAuditChain(db);
if (!verification.ok) throw new Error("bench audit chain broken");
record("audit verify, per 1,000 events", ((performance.now() - t0) / verification.count) * 1_000, "ms", 500);

// ── outbox ──
await db.$transaction(async (tx) => {
  for (let i = 0; i < 500; i++) {
    await enqueueEmail(tx, { to: `r${i}@bench.example`, locale: i % 2 ? "en" : "zh-CN", template: "passwordChanged", params: {} });
  }
});
t0 = performance.now();
const drained = await drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "local", SMTP_URL: undefined }) });
record("outbox drain, local transport", (performance.now() - t0) / Math.max(1, drained.sent), "ms/message", 20);
if (drained.sent !== 500) throw new Error(`bench outbox sent ${drained.sent} of 500`);

const queue = (query: string, viewer = lead) => {
  const { filters, page } = parseQueueQuery(new URL(`http://bench/cases?${query}`));
  return listQueue({ viewer, filter: filters, page, locale: "zh-CN" });
};
record("case queue, lead, first page with counts (p95)", await p95(20, () => queue("")), "ms", 200);
record("case queue, lead, overdue by severity (p95)", await p95(20, () => queue("overdue=1&sort=severity")), "ms", 300);
record("case queue, lead, page 400 (p95)", await p95(20, () => queue("page=400")), "ms", 300);
record("case queue, investigator (assigned only) (p95)", await p95(20, () => queue("", investigators[3])), "ms", 200);
const remediation = (query: string) => {
  const parsed = listFilterFromUrl(new URL(`http://bench/remediation?${query}`));
  if (!parsed.ok) throw new Error("bench remediation filter refused");
  return listRemediation({ filter: parsed.filter, viewer: lead, timeZone: "Asia/Shanghai", page: 1 });
};
record("remediation list, overdue (p95)", await p95(20, () => remediation("overdue=1")), "ms", 300);

// A report with a 25 MB file: cleaned, sealed in chunks, in one transaction; then streamed back.
const big = Buffer.alloc(25 * 1024 * 1024 - 64, 0x61);
t0 = performance.now();
const prepared = await prepareAttachment(new Uint8Array(big));
const filed = await submitReport({ input: { category: "GIFTS", answers: { whatHappened: "bench" }, submissionKey: "bench-big-file-submission" }, attachments: [{ ...prepared, name: "big.txt" }] });
record("file a report with a 25 MB attachment", performance.now() - t0, "ms", 5_000);
if (filed.kind !== "created") throw new Error("bench report not created");
const stored = await db.caseAttachment.findFirstOrThrow({ where: { reportId: filed.reportId }, select: { id: true } });
const rssBeforeDownload = process.memoryUsage().rss;
let peakDuringDownload = rssBeforeDownload;
t0 = performance.now();
let streamed = 0;
// Streamed back as the reporter's download does (their door to the key; a handler's adds one audit row).
const reporterKey = await reporterCaseKey(filed.reportId);
if (!reporterKey) throw new Error("bench report has no key");
for await (const piece of openAttachment(reporterKey, stored.id)) {
  streamed += piece.length;
  peakDuringDownload = Math.max(peakDuringDownload, process.memoryUsage().rss);
}
record("stream a 25 MB attachment back", performance.now() - t0, "ms", 3_000);
record("memory growth while streaming 25 MB", (peakDuringDownload - rssBeforeDownload) / 1024 / 1024, "MiB", 40);
if (streamed !== big.length) throw new Error("bench attachment length differs");
const receipt = `${filed.receipt.reference}${filed.receipt.secret}`;
record(
  "open a report with its receipt (Argon2id) (p95)",
  await p95(5, async () => {
    const opened = await openWithReceipt(receipt);
    if (opened.kind !== "opened") throw new Error(`bench receipt did not open: ${opened.kind}`);
  }),
  "ms",
  1_000,
);

clearInterval(sampler);
record("peak memory growth during the measured operations", (peakRss - baselineRss) / 1024 / 1024, "MiB", 300);
await db.$disconnect();

let failed = 0;
console.log("\n| measure | value | target |\n| --- | ---: | ---: |");
for (const r of results) {
  const ok = r.value <= r.target;
  if (!ok) failed++;
  console.log(`| ${r.name} | ${r.value.toFixed(1)} ${r.unit} | ≤ ${r.target} ${r.unit} ${ok ? "" : "**MISSED**"} |`);
}
process.exit(failed ? 1 : 0);
