// The handlers' side of a case: the queue shows each handler only the
// cases they may see, with working filters, sort, counts and pages; the report tab is an audited read
// that shows a reporter's identity only when they gave their name; both threads take messages and
// files (the reporter never gets the internal notes); downloads stream the exact bytes only to those
// who may see the case; the timeline lists every event. Loaders and actions are called as Remix would.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { prepareAttachment } from "~/modules/hotline/attachments.server";
import { listCaseMessages } from "~/modules/cases/messages.server";
import { caseKeyIn, reporterCaseKey } from "~/modules/cases/access.server";
import { loader as queueLoader } from "~/routes/cases._index/route";
import { loader as overviewLoader } from "~/routes/cases.$id._index/route";
import { action as messagesAction, loader as messagesLoader } from "~/routes/cases.$id.messages/route";
import { loader as fileLoader } from "~/routes/cases.$id.files.$fileId/route";
import { loader as timelineLoader } from "~/routes/cases.$id.timeline/route";
import { loader as homeLoader } from "~/routes/_index/route";
import { createUser } from "../factories/people";
import { assignDirectly, createHandler, fileReport, textAttachment, type TestHandler } from "../factories/cases";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

type QueueData = {
  queue: { total: number; byStatus: Record<string, number>; page: number; pageCount: number; rows: { id: string; assignees: string[]; reference: string; readable: boolean }[] };
  canRecord: boolean;
};

async function queue(who: TestHandler, query = ""): Promise<QueueData> {
  const res = await callLoader(queueLoader, `/cases${query}`, { cookie: who.cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as QueueData;
}

const ids = (q: QueueData) => q.queue.rows.map((r) => r.id).sort();

let lead: TestHandler;
let otherLead: TestHandler;
let investigator: TestHandler;
let otherInvestigator: TestHandler;
let auditor: TestHandler;

beforeAll(async () => {
  lead = await createHandler("compliance_lead", { locale: "en" });
  otherLead = await createHandler("compliance_lead", { locale: "en" });
  investigator = await createHandler("investigator", { locale: "en" });
  otherInvestigator = await createHandler("investigator", { locale: "en" });
  auditor = await createHandler("auditor", { locale: "en" });
});

describe("the queue", () => {
  // Each test of this block uses its own category, so the cases of one test do not disturb another.
  it("shows an investigator only the assigned cases, a lead all but those excluded from, an auditor only auditor-triaged and urgent ones (urgent ones as metadata)", async () => {
    const assigned = await fileReport({ category: "MISAPPROPRIATION" });
    const notAssigned = await fileReport({ category: "MISAPPROPRIATION" });
    const leadExcluded = await fileReport({ category: "MISAPPROPRIATION", excludedUserIds: [lead.id] });
    const allLeadsExcluded = await fileReport({ category: "MISAPPROPRIATION", excludedUserIds: [lead.id, otherLead.id] });
    const urgent = await fileReport({ category: "MISAPPROPRIATION" });
    await db.report.update({ where: { id: urgent }, data: { urgent: true } });
    await assignDirectly(assigned, investigator.id);
    // An ended assignment no longer shows the case.
    await db.caseAssignment.create({ data: { reportId: notAssigned, userId: investigator.id, endedAt: new Date(), endReason: "reassigned" } });

    const only = "?category=MISAPPROPRIATION";
    expect(ids(await queue(investigator, only))).toEqual([assigned]);
    expect(ids(await queue(otherInvestigator, only))).toEqual([]);
    expect(ids(await queue(lead, only))).toEqual([assigned, notAssigned, urgent].sort());
    expect(ids(await queue(otherLead, only))).toEqual([assigned, notAssigned, leadExcluded, urgent].sort());
    expect(ids(await queue(auditor, only))).toEqual([allLeadsExcluded, urgent].sort());
    // The urgent case is listed for the auditor with its metadata only: who handles it is not shown
    // (its content needs a grant); the case the auditors triage is theirs in full.
    await assignDirectly(urgent, otherLead.id);
    const auditorRows = (await queue(auditor, only)).queue.rows;
    expect(auditorRows.find((r) => r.id === urgent)).toMatchObject({ readable: false, assignees: [] });
    expect(auditorRows.find((r) => r.id === allLeadsExcluded)).toMatchObject({ readable: true });
    expect((await queue(lead, only)).queue.rows.find((r) => r.id === urgent)).toMatchObject({ readable: true, assignees: [otherLead.name] });

    const row = (await queue(lead, only)).queue.rows.find((r) => r.id === assigned)!;
    expect(row.assignees).toEqual([investigator.name]);
    expect(row.reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it("offers 'Record a report' to those who take intake, and refuses accounts without case permissions", async () => {
    expect((await queue(investigator)).canRecord).toBe(true);
    expect((await queue(auditor)).canRecord).toBe(false);
    const employee = await createUser();
    const res = await callLoader(queueLoader, "/cases", { cookie: await sessionCookieFor(employee.user.id) });
    expect(res.status).toBe(403);
  });

  it("filters by stage, severity, channel, assignee, urgency and overdue clocks, and counts per stage", async () => {
    const only = "category=FICTITIOUS_TRANSACTIONS";
    const category = { category: "FICTITIOUS_TRANSACTIONS" } as const;
    const now = Date.now();
    // Filed 10 days ago: the 7-day acknowledgement clock has passed.
    const late = await fileReport(category, { now: new Date(now - 10 * 86_400_000) });
    const lateButAcknowledged = await fileReport(category, { now: new Date(now - 10 * 86_400_000) });
    await db.report.update({ where: { id: lateButAcknowledged }, data: { acknowledgedAt: new Date(now - 9 * 86_400_000) } });
    const phoned = await fileReport(category, { channel: "PHONE", intakeByUserId: investigator.id });
    const triaged = await fileReport(category);
    await db.report.update({ where: { id: triaged }, data: { status: "TRIAGE", severity: 2, urgent: true } });
    const mild = await fileReport(category);
    await db.report.update({ where: { id: mild }, data: { status: "INVESTIGATION", severity: 4 } });
    await assignDirectly(mild, investigator.id);
    await assignDirectly(triaged, lead.id);

    const all = await queue(lead, `?${only}`);
    expect(all.queue.total).toBe(5);
    expect(all.queue.byStatus).toEqual({ NEW: 3, TRIAGE: 1, INVESTIGATION: 1, FINDINGS: 0, CLOSED: 0 });

    const newOnly = await queue(lead, `?${only}&status=NEW`);
    expect(ids(newOnly)).toEqual([late, lateButAcknowledged, phoned].sort());
    expect(newOnly.queue.total).toBe(3);
    // The stage counts ignore the stage filter (they are the links to the other stages).
    expect(newOnly.queue.byStatus.TRIAGE).toBe(1);

    expect(ids(await queue(lead, `?${only}&severity=2`))).toEqual([triaged]);
    expect(ids(await queue(lead, `?${only}&severity=unrated`))).toEqual([late, lateButAcknowledged, phoned].sort());
    expect(ids(await queue(lead, `?${only}&channel=PHONE`))).toEqual([phoned]);
    expect(ids(await queue(lead, `?${only}&urgent=1`))).toEqual([triaged]);
    expect(ids(await queue(lead, `?${only}&overdue=1`))).toEqual([late]);
    expect(ids(await queue(lead, `?${only}&assignee=me`))).toEqual([triaged]);
    expect(ids(await queue(lead, `?${only}&assignee=${investigator.id}`))).toEqual([mild]);
    expect(ids(await queue(lead, `?${only}&assignee=unassigned`))).toEqual([late, lateButAcknowledged, phoned].sort());
    // A value that does not fit is ignored rather than failing the page.
    expect((await queue(lead, `?${only}&status=BOGUS&severity=9`)).queue.total).toBe(5);

    const bySeverity = (await queue(lead, `?${only}&sort=severity`)).queue.rows.map((r) => r.id);
    expect(bySeverity.slice(0, 2)).toEqual([triaged, mild]);
    const byAcknowledge = (await queue(lead, `?${only}&sort=acknowledge`)).queue.rows.map((r) => r.id);
    expect(byAcknowledge.slice(0, 2).sort()).toEqual([late, lateButAcknowledged].sort());
    const byReceived = (await queue(lead, `?${only}`)).queue.rows.map((r) => r.id);
    expect(byReceived.slice(-2).sort()).toEqual([late, lateButAcknowledged].sort());
  });

  it("pages by 25", async () => {
    for (let i = 0; i < 26; i += 1) await fileReport({ category: "CONFIDENTIAL_INFORMATION" });
    const first = await queue(lead, "?category=CONFIDENTIAL_INFORMATION");
    expect(first.queue).toMatchObject({ total: 26, page: 1, pageCount: 2 });
    expect(first.queue.rows).toHaveLength(25);
    const second = await queue(lead, "?category=CONFIDENTIAL_INFORMATION&page=2");
    expect(second.queue.rows).toHaveLength(1);
    expect(first.queue.rows.map((r) => r.id)).not.toContain(second.queue.rows[0].id);
  });
});

describe("the report tab", () => {
  async function overview(who: TestHandler, reportId: string) {
    return callLoader(overviewLoader, `/cases/${reportId}`, { cookie: who.cookie, params: { id: reportId } });
  }

  it("opens the answers, the files and a named reporter's identity, writing one audited read", async () => {
    const reportId = await fileReport(
      { answers: { whatHappened: "Named 报告 ✓ <script>x</script>", where: "Shanghai" }, identityMode: "NAMED", identity: { name: "Li Lei", contact: "li@example.com" } },
      { attachments: [await textAttachment("evidence\n", "证据.txt")] },
    );
    const before = await db.auditEvent.count({ where: { action: "case.read", objectId: reportId } });
    const res = await overview(lead, reportId);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { answers: Record<string, string>; identity: { name: string; contact: string } | null; files: { id: string; name: string }[] };
    expect(data.answers.whatHappened).toBe("Named 报告 ✓ <script>x</script>");
    expect(data.answers.where).toBe("Shanghai");
    expect(data.identity).toEqual({ name: "Li Lei", contact: "li@example.com" });
    expect(data.files.map((f) => f.name)).toEqual(["证据.txt"]);
    const reads = await db.auditEvent.findMany({ where: { action: "case.read", objectId: reportId }, select: { actorUserId: true, details: true } });
    expect(reads.length - before).toBe(1);
    expect(reads.at(-1)).toMatchObject({ actorUserId: lead.id });
    expect(JSON.parse(reads.at(-1)!.details)).toEqual({ section: "content" });
  });

  it("does not open a confidential reporter's identity, and answers 404 to an unassigned investigator", async () => {
    const reportId = await fileReport({ identityMode: "CONFIDENTIAL", identity: { name: "Han Meimei", contact: "han@example.com" } });
    const res = await overview(lead, reportId);
    const text = await res.text();
    expect(text).not.toContain("Han Meimei");
    expect((await overview(investigator, reportId)).status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId, actorUserId: investigator.id } })).toBe(0);
  });

  it("tells an auditor on an urgent case without a grant that its content needs one, opening nothing", async () => {
    const reportId = await fileReport({ answers: { whatHappened: "Urgent and sealed." } });
    await db.report.update({ where: { id: reportId }, data: { urgent: true } });
    const res = await overview(auditor, reportId);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ needsGrant: true });
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId, actorUserId: auditor.id } })).toBe(0);
  });

  it("shows the answers to the administrator's category questions under their labels", async () => {
    const question = await db.categoryQuestion.create({ data: { category: "GIFTS", kind: "CHOICE", labelEn: "Value of the gift", labelZh: "礼品价值", choices: JSON.stringify([{ value: "high", en: "Over 1000 yuan", zh: "一千元以上" }]) } });
    const reportId = await fileReport();
    // The hotline form stores these under `extra`; written here straight into the sealed answers.
    const { sealField, fieldContext } = await import("~/modules/crypto/sealing.server");
    const answers = { whatHappened: "With extra.", extra: { [question.id]: "high", unknownQuestion: "ignored" } };
    await db.$transaction(async (tx) => {
      const key = await caseKeyIn(tx, reportId);
      await tx.report.update({ where: { id: reportId }, data: { sealedAnswers: sealField(key, JSON.stringify(answers), fieldContext("Report", reportId, "answers")) } });
    });
    const data = (await (await overview(lead, reportId)).json()) as { extra: { label: string; value: string }[] };
    expect(data.extra).toEqual([{ questionId: question.id, label: "Value of the gift", value: "Over 1000 yuan" }]);
  });
});

type ThreadData = { name: string; messages: { author: { kind: string; name?: string | null; template?: string | null }; body: string; files: { id: string; name: string }[] }[] }[];

describe("the message threads", () => {
  const url = (id: string) => `/cases/${id}/messages`;

  it("posts to both threads with files; the reporter's view never holds the internal notes", async () => {
    const reportId = await fileReport();
    await assignDirectly(reportId, investigator.id);
    const reply = await callAction(messagesAction, url(reportId), { thread: "REPORTER", body: "Thank you.\r\nWe are looking into it.", countsAsFeedback: "on", attachments: new File(["reply file\n"], "reply.txt", { type: "text/plain" }) }, { cookie: investigator.cookie, params: { id: reportId } });
    expect(reply.status).toBe(302);
    const note = await callAction(messagesAction, url(reportId), { thread: "INTERNAL", body: "Internal: check the supplier." }, { cookie: lead.cookie, params: { id: reportId } });
    expect(note.status).toBe(302);

    const res = await callLoader(messagesLoader, url(reportId), { cookie: investigator.cookie, params: { id: reportId } });
    const { threads } = (await res.json()) as { threads: ThreadData };
    const [toReporter, internal] = threads;
    expect(toReporter.name).toBe("REPORTER");
    // The automatic acknowledgement first, then the reply, with its file and its author's name.
    expect(toReporter.messages.map((m) => m.author.kind)).toEqual(["SYSTEM", "HANDLER"]);
    expect(toReporter.messages[0].author.template).toBe("acknowledgement");
    expect(toReporter.messages[1]).toMatchObject({ body: "Thank you.\nWe are looking into it.", author: { kind: "HANDLER", name: investigator.name } });
    expect(toReporter.messages[1].files.map((f) => f.name)).toEqual(["reply.txt"]);
    expect(internal.messages.map((m) => m.body)).toEqual(["Internal: check the supplier."]);
    expect(internal.messages[0].author.name).toBe(lead.name);

    const report = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { acknowledgedAt: true, feedbackGivenAt: true } });
    expect(report.acknowledgedAt).not.toBeNull();
    expect(report.feedbackGivenAt).not.toBeNull();

    const key = (await reporterCaseKey(reportId))!;
    const seenByReporter = await listCaseMessages({ key, reportId, thread: "REPORTER" });
    expect(seenByReporter.messages.map((m) => m.body)).not.toContain("Internal: check the supplier.");
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId, actorUserId: investigator.id } })).toBe(1);
  });

  it("keeps what was typed when the post is refused, and writes nothing", async () => {
    const reportId = await fileReport();
    const before = await db.caseMessage.count({ where: { reportId } });
    const res = await callAction(messagesAction, url(reportId), { thread: "REPORTER", body: "   ", countsAsFeedback: "on" }, { cookie: lead.cookie, params: { id: reportId } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ thread: "REPORTER", fieldErrors: { body: "required" }, values: { body: "   ", countsAsFeedback: true } });
    expect(await db.caseMessage.count({ where: { reportId } })).toBe(before);
  });

  it("refuses posts from those who cannot see the case or cannot work on it", async () => {
    const reportId = await fileReport();
    const asInvestigator = await callAction(messagesAction, url(reportId), { thread: "INTERNAL", body: "x" }, { cookie: investigator.cookie, params: { id: reportId } });
    expect(asInvestigator.status).toBe(404);
    await db.report.update({ where: { id: reportId }, data: { urgent: true } });
    // The auditor sees an urgent case but does not work on it (not triaged by the auditors).
    const asAuditor = await callAction(messagesAction, url(reportId), { thread: "INTERNAL", body: "x" }, { cookie: auditor.cookie, params: { id: reportId } });
    expect(asAuditor.status).toBe(403);
  });
});

describe("file downloads", () => {
  const download = (who: TestHandler, reportId: string, fileId: string) =>
    callLoader(fileLoader, `/cases/${reportId}/files/${fileId}`, { cookie: who.cookie, params: { id: reportId, fileId } });

  it("streams the exact bytes under the uploader's name, audits the read, and 404s for another case's file or an unassigned investigator", async () => {
    const content = "第一行 line one\nemoji 🎉\n";
    const reportId = await fileReport({}, { attachments: [await textAttachment(content, "报告 \"notes\".txt")] });
    const other = await fileReport({}, { attachments: [await textAttachment("other\n", "other.txt")] });
    const fileId = (await db.caseAttachment.findFirstOrThrow({ where: { reportId }, select: { id: true } })).id;
    const otherFileId = (await db.caseAttachment.findFirstOrThrow({ where: { reportId: other }, select: { id: true } })).id;

    const res = await download(lead, reportId, fileId);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const disposition = res.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    // The reporter's own route's naming rule: no quotes, the extension of the type found by content.
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe("报告 notes.txt");
    expect(Buffer.from(await res.arrayBuffer()).toString("utf8")).toBe(content);
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId, actorUserId: lead.id } })).toBe(1);

    expect((await download(lead, reportId, otherFileId)).status).toBe(404);
    expect((await download(lead, reportId, "no-such-file")).status).toBe(404);
    expect((await download(investigator, reportId, fileId)).status).toBe(404);
    await assignDirectly(reportId, investigator.id);
    expect((await download(investigator, reportId, fileId)).status).toBe(200);
  });
});

describe("downloads are named by their content", () => {
  it("saves a PNG called evidence.html as evidence.png and a JPEG called photo.exe as photo.jpg, as attachments the browser may not sniff", async () => {
    const sharp = (await import("sharp")).default;
    const pixels = { create: { width: 4, height: 4, channels: 3 as const, background: "#c00" } };
    const png = await sharp(pixels).png().toBuffer();
    const jpeg = await sharp(pixels).jpeg().toBuffer();
    const reportId = await fileReport({}, {
      attachments: [
        { ...(await prepareAttachment(new Uint8Array(png))), name: "evidence.html" },
        { ...(await prepareAttachment(new Uint8Array(jpeg))), name: "photo.exe" },
      ],
    });
    const files = await db.caseAttachment.findMany({ where: { reportId }, select: { id: true, kind: true, mimeType: true } });
    const byKind = Object.fromEntries(files.map((f) => [f.kind, f]));
    expect(byKind.png.mimeType).toBe("image/png");
    expect(byKind.jpeg.mimeType).toBe("image/jpeg");

    for (const [kind, type, saved, ascii] of [
      ["png", "image/png", "evidence.png", "evidence.png"],
      ["jpeg", "image/jpeg", "photo.jpg", "photo.jpg"],
    ] as const) {
      const res = await callLoader(fileLoader, `/cases/${reportId}/files/${byKind[kind].id}`, { cookie: lead.cookie, params: { id: reportId, fileId: byKind[kind].id } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const disposition = res.headers.get("Content-Disposition")!;
      expect(disposition).toBe(`attachment; filename="${ascii}"; filename*=UTF-8''${saved}`);
      expect(disposition).not.toMatch(/\.(html|exe)/);
    }
    // The report tab lists the files under the names they will be saved as.
    const overview = (await (await callLoader(overviewLoader, `/cases/${reportId}`, { cookie: lead.cookie, params: { id: reportId } })).json()) as { files: { name: string }[] };
    expect(overview.files.map((f) => f.name).sort()).toEqual(["evidence.png", "photo.jpg"]);
  });
});

describe("the timeline", () => {
  it("lists every event of the case with its actor, oldest first by default, newest first on request", async () => {
    const reportId = await fileReport();
    await assignDirectly(reportId, investigator.id);
    await callAction(messagesAction, `/cases/${reportId}/messages`, { thread: "INTERNAL", body: "A note." }, { cookie: investigator.cookie, params: { id: reportId } });
    type Timeline = { events: { type: string; actorUserId: string | null; actorKind: string }[]; names: Record<string, string> };
    const load = async (query: string) =>
      (await (await callLoader(timelineLoader, `/cases/${reportId}/timeline${query}`, { cookie: investigator.cookie, params: { id: reportId } })).json()) as Timeline;
    const oldest = await load("");
    expect(oldest.events.map((e) => e.type)).toEqual(["report.submitted", "message.posted"]);
    expect(oldest.names[investigator.id]).toBe(investigator.name);
    expect(oldest.events[1]).toMatchObject({ actorKind: "USER", actorUserId: investigator.id });
    expect((await load("?order=newest")).events.map((e) => e.type)).toEqual(["message.posted", "report.submitted"]);
    // Metadata only: reading the timeline opens no content and writes no read.
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId } })).toBe(0);
  });
});

describe("the home page", () => {
  const waiting = async (who: TestHandler | { cookie: string }) =>
    ((await (await callLoader(homeLoader, "/", { cookie: who.cookie })).json()) as { casesWaiting: number | null }).casesWaiting;

  it("tells a handler how many open cases wait for them, and says nothing to other accounts", async () => {
    const fresh = await createHandler("investigator", { locale: "en" });
    expect(await waiting(fresh)).toBe(0);
    const open = await fileReport();
    const closed = await fileReport();
    await db.report.update({ where: { id: closed }, data: { status: "CLOSED", closedAt: new Date() } });
    await assignDirectly(open, fresh.id);
    await assignDirectly(closed, fresh.id);
    expect(await waiting(fresh)).toBe(1);

    const before = await waiting(lead);
    await fileReport();
    expect(await waiting(lead)).toBe(before! + 1);

    const employee = await createUser();
    expect(await waiting({ cookie: await sessionCookieFor(employee.user.id) })).toBeNull();
  });
});
