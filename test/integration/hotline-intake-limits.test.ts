// The hotline's site-wide abuse limits (ADR 0016): past `hotline.reportsPerHour` web reports in an
// hour the form says the hotline is busy, saves nothing and gives the text back — counted in the
// database, so two instances together accept exactly the ceiling; past
// `hotline.digestAbovePerHour` the leads get one content-free digest an hour instead of a mail per
// report. A handler's intake is not limited. Nothing about any client is stored.
import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { putSetting, SETTING_DEFAULTS, type SettingKey } from "~/modules/settings/settings.server";
import { submitReport } from "~/modules/hotline/reports.server";
import { sendReportDigest } from "~/modules/hotline/intake-limits.server";
import { action as reportAction } from "~/routes/report._index/route";
import { createUser } from "../factories/people";
import { postRequest } from "../factories/requests";
import { runTogether } from "../factories/processes";
import { reportFormKey } from "../factories/hotline";

async function setSettings(values: Partial<Record<SettingKey, number>>) {
  await db.$transaction(async (tx) => {
    for (const [key, value] of Object.entries(values)) await putSetting(tx, { key: key as "hotline.reportsPerHour", value, actorUserId: null });
  });
}

async function postReport(fields: Record<string, string>) {
  const res = (await reportAction({ request: postRequest("/report", fields), params: {}, context: {} })) as Response;
  return { status: res.status, headers: res.headers, body: (await res.json()) as { state: string; formError?: string; values?: { answers: Record<string, string>; category: string } } };
}

const fileWebReport = () => submitReport({ input: { category: "OTHER", answers: { whatHappened: "limits" }, submissionKey: randomBytes(16).toString("hex") } });

let leads: Array<{ id: string; email: string }>;

beforeAll(async () => {
  leads = [];
  for (let i = 0; i < 2; i += 1) leads.push((await createUser({ roles: ["compliance_lead"] })).user);
});

beforeEach(async () => {
  await db.hotlineIntakeWindow.deleteMany();
  await setSettings({ "hotline.reportsPerHour": SETTING_DEFAULTS["hotline.reportsPerHour"], "hotline.digestAbovePerHour": SETTING_DEFAULTS["hotline.digestAbovePerHour"] });
});

describe("the ceiling on web reports", () => {
  it("refuses the report past the ceiling with the busy message, saving nothing and keeping the text", async () => {
    await setSettings({ "hotline.reportsPerHour": 10 });
    for (let i = 0; i < 10; i += 1) expect((await fileWebReport()).kind).toBe("created");
    const before = await db.report.count();

    const submissionKey = await reportFormKey();
    const refused = await postReport({ category: "GIFTS", whatHappened: "采购经理收受礼金。", when: "上周", submissionKey });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("600");
    expect(refused.body).toMatchObject({ state: "error", formError: "busy", values: { category: "GIFTS", answers: { whatHappened: "采购经理收受礼金。", when: "上周" } } });
    expect(await db.report.count()).toBe(before);

    // A handler's intake on someone's behalf is not counted against it.
    const { user: intake } = await createUser({ roles: ["investigator"] });
    const phoned = await submitReport({ input: { category: "OTHER", answers: { whatHappened: "by phone" }, submissionKey: randomBytes(16).toString("hex") }, channel: "PHONE", intakeByUserId: intake.id });
    expect(phoned.kind).toBe("created");

    // Reports older than an hour no longer count: the form takes reports again.
    for (const w of await db.hotlineIntakeWindow.findMany({ orderBy: { start: "asc" } })) {
      await db.hotlineIntakeWindow.update({ where: { start: w.start }, data: { start: new Date(w.start.getTime() - 2 * 60 * 60_000) } });
    }
    const later = await postReport({ category: "GIFTS", whatHappened: "采购经理收受礼金。", submissionKey });
    expect(later.body.state).toBe("created");
  });

  it("still shows the receipt to a repeated post of the report that reached the ceiling", async () => {
    await setSettings({ "hotline.reportsPerHour": 10 });
    for (let i = 0; i < 9; i += 1) expect((await fileWebReport()).kind).toBe("created");
    const fields = { category: "GIFTS", whatHappened: "The tenth report, double-clicked.", submissionKey: await reportFormKey() };
    const first = await postReport(fields);
    const second = await postReport(fields);
    expect(first.body.state).toBe("created");
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);

    // The same at once: the racing twin of the last report is shown its receipt, not "busy".
    await db.hotlineIntakeWindow.deleteMany();
    for (let i = 0; i < 9; i += 1) expect((await fileWebReport()).kind).toBe("created");
    const twin = { category: "GIFTS", whatHappened: "The tenth report, both clicks at once.", submissionKey: await reportFormKey() };
    const [a, b] = await Promise.all([postReport(twin), postReport(twin)]);
    expect([a.body.state, b.body.state]).toEqual(["created", "created"]);
    expect(b.body).toEqual(a.body);
  });

  it("holds across instances: two processes and this one, racing, accept exactly the ceiling", { timeout: 120_000 }, async () => {
    await setSettings({ "hotline.reportsPerHour": 10 });
    const before = await db.report.count();
    const [children, here] = await Promise.all([
      runTogether("test/fixtures/report-flood.ts", 2, { args: () => ["7"] }),
      Promise.allSettled(Array.from({ length: 4 }, () => fileWebReport())),
    ]);
    const results = children.map((c) => {
      expect(c.code, c.stderr).toBe(0);
      return JSON.parse(c.stdout.trim().split("\n").pop()!) as { created: number; busy: number; errors: string[] };
    });
    for (const r of results) expect(r.errors).toEqual([]);
    const createdHere = here.filter((r) => r.status === "fulfilled").length;
    expect(results.reduce((n, r) => n + r.created, 0) + createdHere).toBe(10);
    expect(await db.report.count()).toBe(before + 10);
    // The count is the only state: rows per ten-minute window, nothing per client.
    const windows = await db.hotlineIntakeWindow.findMany();
    expect(windows.reduce((n, w) => n + w.reports, 0)).toBe(10);
    for (const w of windows) expect(Object.keys(w).sort()).toEqual(["reports", "start", "unmailed"]);
  });
});

describe("the digest", () => {
  it("past the rate, sends one content-free digest an hour instead of a mail per report", async () => {
    await setSettings({ "hotline.digestAbovePerHour": 2 });
    const mails = () => db.outboxEmail.findMany({ where: { toAddress: { in: leads.map((l) => l.email) } }, orderBy: { createdAt: "asc" } });
    const before = (await mails()).length;

    const filed = [];
    for (let i = 0; i < 5; i += 1) filed.push(await fileWebReport());
    const individual = (await mails()).slice(before);
    // The first two reports mail every lead; the three after them mail nobody.
    expect(individual.map((m) => m.template)).toEqual(Array(2 * leads.length).fill("caseNewReport"));

    expect(await sendReportDigest({ now: new Date() })).toBe(3);
    const digests = (await mails()).slice(before + individual.length);
    expect(digests.map((m) => m.toAddress).sort()).toEqual(leads.map((l) => l.email).sort());
    for (const digest of digests) {
      expect(digest.template).toBe("newReportsDigest");
      const text = `${digest.subject}\n${digest.textBody}\n${digest.htmlBody}`;
      expect(text).toMatch(/3/);
      for (const r of filed) {
        expect(text).not.toContain(r.reportId);
        if (r.kind === "created") expect(text).not.toContain(r.receipt.reference);
      }
      expect(text).not.toContain("limits");
    }
    // Nothing more to announce: the next run sends nothing.
    expect(await sendReportDigest({ now: new Date() })).toBe(0);
    expect((await mails()).length).toBe(before + individual.length + digests.length);
  });
});
