// Auditors' grants (ADR 0015): an auditor sees an urgent case's metadata (the escalation to the audit
// committee) but reads its content only when a compliance lead grants it — one auditor, one case,
// until a date at most 90 days away, with a reason. The lead can revoke it; a grant that runs out
// stops working with no sweep; every grant, revocation and read is audited; the auditor is mailed,
// content-free, in their language. Loaders and actions are called as Remix would.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import type { SubmitReportInput } from "~/modules/hotline/reports.server";
import { dateInZone } from "~/modules/time/dates";
import { formatReference } from "~/modules/hotline/receipt";
import { loader as layoutLoader } from "~/routes/cases.$id/route";
import { loader as overviewLoader } from "~/routes/cases.$id._index/route";
import { loader as messagesLoader } from "~/routes/cases.$id.messages/route";
import { loader as fileLoader } from "~/routes/cases.$id.files.$fileId/route";
import { loader as queueLoader } from "~/routes/cases._index/route";
import { action as accessAction, loader as accessLoader } from "~/routes/cases.$id.access/route";
import { assignDirectly, createHandler, fileReportWithReceipt, type TestHandler, textAttachment } from "../factories/cases";
import { callAction, callLoader, type RouteFunction } from "../factories/requests";

type Who = TestHandler;

const SECRET = "The CFO took the supplier's gift 礼品";

async function urgentCase(overrides: Partial<SubmitReportInput> = {}): Promise<{ reportId: string; fileId: string; reference: string }> {
  const { reportId, receipt } = await fileReportWithReceipt(
    { answers: { whatHappened: SECRET }, ...overrides },
    { attachments: [await textAttachment("evidence\n", "evidence.txt")] },
  );
  await db.report.update({ where: { id: reportId }, data: { urgent: true } });
  const file = await db.caseAttachment.findFirstOrThrow({ where: { reportId }, select: { id: true } });
  return { reportId, fileId: file.id, reference: receipt.reference };
}

const call = (fn: RouteFunction, path: string, who: Who, params: Record<string, string>) => callLoader(fn, path, { cookie: who.cookie, params });

const overview = (who: Who, reportId: string) => call(overviewLoader, `/cases/${reportId}`, who, { id: reportId });
const messages = (who: Who, reportId: string) => call(messagesLoader, `/cases/${reportId}/messages`, who, { id: reportId });
const download = (who: Who, reportId: string, fileId: string) => call(fileLoader, `/cases/${reportId}/files/${fileId}`, who, { id: reportId, fileId });
const header = async (who: Who, reportId: string) =>
  (await (await call(layoutLoader, `/cases/${reportId}`, who, { id: reportId })).json()) as {
    metadataOnly: boolean;
    can: { read: boolean; grant: boolean };
    grant: { until: string; reason: string } | null;
    report: { reference: string; category: string; status: string; acknowledgeDueAt: string };
  };

const post = (who: Who, reportId: string, fields: Record<string, string>) =>
  callAction(accessAction, `/cases/${reportId}/access`, fields, { cookie: who.cookie, params: { id: reportId } });

const reads = (reportId: string, userId: string) => db.auditEvent.count({ where: { action: "case.read", objectId: reportId, actorUserId: userId } });

/** A day N days from today in the organisation's zone (the demo's Asia/Shanghai). */
const day = (n: number) => dateInZone(new Date(Date.now() + n * 86_400_000), "Asia/Shanghai");

let lead: Who;
let auditor: Who;
let zhAuditor: Who;
let investigator: Who;

beforeAll(async () => {
  lead = await createHandler("compliance_lead", { locale: "en" });
  auditor = await createHandler("auditor", { locale: "en" });
  zhAuditor = await createHandler("auditor", { locale: "zh_CN" });
  investigator = await createHandler("investigator", { locale: "en" });
});

describe("an urgent case without a grant", () => {
  it("shows the auditor its metadata (header and queue row) and nothing of its content, people or files", async () => {
    const { reportId, fileId, reference } = await urgentCase({ category: "MISAPPROPRIATION" });
    await assignDirectly(reportId, investigator.id);

    const h = await header(auditor, reportId);
    expect(h.metadataOnly).toBe(true);
    expect(h.can.read).toBe(false);
    expect(h.report.reference).toBe(formatReference(reference));
    expect(h.report.acknowledgeDueAt).toBeTruthy();

    const content = await overview(auditor, reportId);
    expect(content.status).toBe(403);
    const body = await content.text();
    expect(body).not.toContain("CFO");
    expect(JSON.parse(body)).toEqual({ needsGrant: true });
    expect((await messages(auditor, reportId)).status).toBe(403);
    expect((await download(auditor, reportId, fileId)).status).toBe(404);
    expect(await reads(reportId, auditor.id)).toBe(0);

    // The queue lists it, with its metadata, but not who handles it — nor can a filter tell.
    type Row = { id: string; readable: boolean; assignees: string[] };
    const queue = async (query: string) =>
      ((await (await callLoader(queueLoader, `/cases${query}`, { cookie: auditor.cookie })).json()) as { queue: { rows: Row[] } }).queue.rows;
    const row = (await queue("?urgent=1")).find((r) => r.id === reportId);
    expect(row).toMatchObject({ readable: false, assignees: [] });
    expect((await queue(`?assignee=${investigator.id}`)).map((r) => r.id)).not.toContain(reportId);
  });
});

describe("granting an auditor", () => {
  it("lets the auditor read until the chosen day, says so on the case, mails them content-free in their language, and audits it all", async () => {
    const { reportId, fileId, reference } = await urgentCase();
    const until = day(30);
    const res = await post(lead, reportId, { intent: "grant", auditorId: zhAuditor.id, until, reason: "Quarterly committee review" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${reportId}/access?done=granted`);

    const grant = await db.caseGrant.findFirstOrThrow({ where: { reportId, userId: zhAuditor.id } });
    expect(grant).toMatchObject({ grantedById: lead.id, reason: "Quarterly committee review", revokedAt: null });
    // Through the end of the chosen day in the organisation's zone.
    expect(dateInZone(new Date(grant.expiresAt.getTime() - 1), "Asia/Shanghai")).toBe(until);
    expect(dateInZone(grant.expiresAt, "Asia/Shanghai")).toBe(day(31));

    const opened = await overview(zhAuditor, reportId);
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { answers: { whatHappened: string } }).answers.whatHappened).toBe(SECRET);
    expect((await download(zhAuditor, reportId, fileId)).status).toBe(200);
    expect(await reads(reportId, zhAuditor.id)).toBe(2);
    expect(await header(zhAuditor, reportId)).toMatchObject({ metadataOnly: false, grant: { until, reason: "Quarterly committee review" } });
    // Another auditor still reads nothing.
    expect((await overview(auditor, reportId)).status).toBe(403);

    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: "case.grant.added", objectId: reportId } });
    expect(audited.actorUserId).toBe(lead.id);
    expect(JSON.parse(audited.details)).toMatchObject({ userId: zhAuditor.id, grantId: grant.id, until });

    const mails = await db.outboxEmail.findMany({ where: { toAddress: zhAuditor.email, template: "caseAccessGranted" } });
    expect(mails).toHaveLength(1);
    expect(mails[0].locale).toBe("zh_CN");
    expect(mails[0].subject).toBe("您已获授权查阅一个案件");
    expect(mails[0].textBody).toContain(until);
    expect(mails[0].textBody).toContain(`/cases/${reportId}`);
    for (const leak of [SECRET, "Quarterly", formatReference(reference), reference, "礼品"]) expect(mails[0].textBody + mails[0].htmlBody + mails[0].subject).not.toContain(leak);

    // The lead's tab lists the running grant.
    const tab = (await (await callLoader(accessLoader, `/cases/${reportId}/access`, { cookie: lead.cookie, params: { id: reportId } })).json()) as {
      grants: { id: string; auditorId: string; until: string; reason: string }[];
      auditors: { id: string }[];
    };
    expect(tab.grants).toEqual([expect.objectContaining({ id: grant.id, auditorId: zhAuditor.id, until, reason: "Quarterly committee review" })]);
    expect(tab.auditors.map((a) => a.id)).toEqual(expect.arrayContaining([auditor.id, zhAuditor.id]));
  });

  it("saves a double-clicked grant once, and replaces a running grant of the same auditor", async () => {
    const { reportId } = await urgentCase();
    const fields = { intent: "grant", auditorId: auditor.id, until: day(10), reason: "Special audit" };
    expect((await post(lead, reportId, fields)).status).toBe(302);
    expect((await post(lead, reportId, fields)).status).toBe(302);
    expect(await db.caseGrant.count({ where: { reportId } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { toAddress: auditor.email, template: "caseAccessGranted", textBody: { contains: day(10) } } })).toBe(1);

    expect((await post(lead, reportId, { ...fields, until: day(20) })).status).toBe(302);
    const rows = await db.caseGrant.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0].revokedAt).not.toBeNull();
    expect(rows[1].revokedAt).toBeNull();
    expect((await header(auditor, reportId)).grant?.until).toBe(day(20));
  });

  it("refuses a past day, more than 90 days, an empty reason, an excluded auditor or a non-auditor, keeping what was typed and saving nothing", async () => {
    const excluded = await createHandler("auditor", { locale: "en" });
    const { reportId } = await urgentCase();
    // Linked as involved (or a manager of someone involved): the exclusion row is what counts.
    await db.caseExclusion.create({ data: { reportId, userId: excluded.id, reason: "INVOLVED" } });
    const cases: [Record<string, string>, string, string][] = [
      [{ auditorId: auditor.id, until: day(-1), reason: "x" }, "until", "untilPast"],
      [{ auditorId: auditor.id, until: day(91), reason: "x" }, "until", "untilTooFar"],
      [{ auditorId: auditor.id, until: "2026-02-30", reason: "x" }, "until", "date"],
      [{ auditorId: auditor.id, until: day(5), reason: "   " }, "reason", "required"],
      [{ auditorId: auditor.id, until: day(5), reason: "y".repeat(501) }, "reason", "tooLong"],
      [{ auditorId: excluded.id, until: day(5), reason: "x" }, "auditorId", "notEligible"],
      [{ auditorId: investigator.id, until: day(5), reason: "x" }, "auditorId", "notEligible"],
      [{ auditorId: "", until: day(5), reason: "x" }, "auditorId", "choice"],
    ];
    for (const [fields, field, code] of cases) {
      const res = await post(lead, reportId, { intent: "grant", ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const data = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
      expect(data.fieldErrors[field], JSON.stringify(fields)).toBe(code);
      expect(data.values.reason).toBe(fields.reason);
    }
    expect((await post(lead, reportId, { intent: "grant", auditorId: auditor.id, until: day(90), reason: "x" })).status).toBe(302);
    expect(await db.caseGrant.count({ where: { reportId } })).toBe(1);
    // The excluded auditor is not offered, and does not even see the case.
    const tab = (await (await callLoader(accessLoader, `/cases/${reportId}/access`, { cookie: lead.cookie, params: { id: reportId } })).json()) as { auditors: { id: string }[] };
    expect(tab.auditors.map((a) => a.id)).not.toContain(excluded.id);
    expect((await overview(excluded, reportId)).status).toBe(404);
  });

  it("is the lead's alone: auditors and investigators cannot grant", async () => {
    const { reportId } = await urgentCase();
    await assignDirectly(reportId, investigator.id);
    const fields = { intent: "grant", auditorId: auditor.id, until: day(5), reason: "Self-service" };
    expect((await post(auditor, reportId, fields)).status).toBe(403);
    expect((await post(investigator, reportId, fields)).status).toBe(403);
    expect(await db.caseGrant.count({ where: { reportId } })).toBe(0);
  });
});

describe("a grant that ends", () => {
  it("stops working when revoked (audited; a second click is told it already ended)", async () => {
    const { reportId } = await urgentCase();
    await post(lead, reportId, { intent: "grant", auditorId: auditor.id, until: day(5), reason: "Review" });
    const grant = await db.caseGrant.findFirstOrThrow({ where: { reportId } });
    expect((await overview(auditor, reportId)).status).toBe(200);

    const res = await post(lead, reportId, { intent: "revoke", grantId: grant.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${reportId}/access?done=revoked`);
    expect((await overview(auditor, reportId)).status).toBe(403);
    expect((await header(auditor, reportId)).metadataOnly).toBe(true);
    const row = await db.caseGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row.revokedById).toBe(lead.id);
    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: "case.grant.revoked", objectId: reportId } });
    expect(JSON.parse(audited.details)).toMatchObject({ userId: auditor.id, grantId: grant.id });

    const again = await post(lead, reportId, { intent: "revoke", grantId: grant.id });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { formError: string }).formError).toBe("alreadyEnded");
    expect(await db.auditEvent.count({ where: { action: "case.grant.revoked", objectId: reportId } })).toBe(1);
    // Both are on the case's timeline too, naming the auditor by id only.
    const events = await db.caseEvent.findMany({ where: { reportId, type: { startsWith: "grant." } }, orderBy: { at: "asc" }, select: { type: true, actorUserId: true, details: true } });
    expect(events.map((e) => [e.type, e.actorUserId, JSON.parse(e.details).userId])).toEqual([
      ["grant.added", lead.id, auditor.id],
      ["grant.revoked", lead.id, auditor.id],
    ]);
  });

  it("stops working once its last day is over, with no sweep", async () => {
    const { reportId, fileId } = await urgentCase();
    await post(lead, reportId, { intent: "grant", auditorId: auditor.id, until: day(1), reason: "Review" });
    expect((await overview(auditor, reportId)).status).toBe(200);
    // The clock runs past the expiry (moved here instead of waiting): nothing else changes.
    await db.caseGrant.updateMany({ where: { reportId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await overview(auditor, reportId)).status).toBe(403);
    expect((await download(auditor, reportId, fileId)).status).toBe(404);
    expect((await header(auditor, reportId)).grant).toBeNull();
    // A non-urgent case granted and then expired disappears from the auditor's sight altogether.
    await db.report.update({ where: { id: reportId }, data: { urgent: false } });
    expect((await callLoader(layoutLoader, `/cases/${reportId}`, { cookie: auditor.cookie, params: { id: reportId } })).status).toBe(404);
  });
});

describe("cases the auditors triage", () => {
  it("stay fully readable to the auditors without a grant (every lead is excluded)", async () => {
    const { reportId } = await urgentCase();
    await db.report.update({ where: { id: reportId }, data: { urgent: false, auditorTriage: true } });
    expect((await overview(auditor, reportId)).status).toBe(200);
    expect((await header(auditor, reportId)).metadataOnly).toBe(false);
  });
});
