// Remediation actions: on a case, those who work it add actions (owner chosen from
// the directory, due day in the org zone), move their status (DONE stamps completedAt, leaving DONE clears
// it) and write progress notes sealed with the report; each change is one timeline entry and one
// audit event. Across cases, leads and auditors filter, count, sort and page the actions, never see
// those of cases they are excluded from, and can download the filter as CSV.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { formatReference } from "~/modules/hotline/receipt";
import { startOfDayInZone, startOfNextDay } from "~/modules/time/dates";
import { SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { addRemediationAction, changeRemediationStatus, listRemediation } from "~/modules/cases/remediation.server";
import { isOverdue, listFilterSchema, type RemediationStatusValue } from "~/modules/cases/remediation";
import { parseQuarter, quarterRange } from "~/modules/time/quarters";
import { action as caseAction, loader as caseLoader } from "~/routes/cases.$id.remediation/route";
import { loader as listLoader } from "~/routes/remediation._index/route";
import { loader as exportLoader } from "~/routes/remediation.export/route";
import { createDepartment, createPerson } from "../factories/people";
import { createHandler, fileReport, type TestHandler } from "../factories/cases";
import { callAction, callLoader } from "../factories/requests";

const ZONE = SETTING_DEFAULTS["org.timeZone"];

async function postCase(reportId: string, fields: Record<string, string>, cookie: string) {
  const path = `/cases/${reportId}/remediation`;
  return callAction(caseAction, path, fields, { cookie, params: { id: reportId } });
}

async function getCase(reportId: string, cookie: string, query = "") {
  const path = `/cases/${reportId}/remediation${query}`;
  return callLoader(caseLoader, path, { cookie, params: { id: reportId } });
}

type CaseTab = {
  total: number;
  canWork: boolean;
  actions: { id: string; title: string; status: string; overdue: boolean; dueDate: string; noteCount: number; notes: { body: string | null }[] }[];
};

async function trail(reportId: string, type: string) {
  const [events, audits] = await Promise.all([
    db.caseEvent.findMany({ where: { reportId, type }, orderBy: { at: "asc" } }),
    db.auditEvent.findMany({ where: { objectType: "Report", objectId: reportId, action: `case.${type}` }, orderBy: { seq: "asc" } }),
  ]);
  return { events, audits };
}

let lead: TestHandler;
let owner: Awaited<ReturnType<typeof createPerson>>;

beforeAll(async () => {
  lead = await createHandler("compliance_lead");
  const department = await createDepartment();
  owner = await createPerson({ departmentId: department.id });
});

describe("on a case", () => {
  it("adds an action, moves its status and seals its notes; each change is a timeline entry and an audit event", async () => {
    const reportId = await fileReport();
    const added = await postCase(reportId, { intent: "add", title: "Retrain purchasing on gift rules", ownerPersonId: owner.id, dueDate: "2026-10-01", confirmPastDue: "on" }, lead.cookie);
    expect(added.status).toBe(302);
    const action = await db.remediationAction.findFirstOrThrow({ where: { reportId } });
    expect(added.headers.get("Location")).toBe(`/cases/${reportId}/remediation?saved=added#action-${action.id}`);
    expect(action).toMatchObject({ title: "Retrain purchasing on gift rules", ownerPersonId: owner.id, status: "OPEN", completedAt: null, createdByUserId: lead.id });
    // The due day begins at midnight in the organisation's zone, not in UTC.
    expect(action.dueDate.toISOString()).toBe(startOfDayInZone("2026-10-01", ZONE).toISOString());
    let t = await trail(reportId, "remediation.added");
    expect(t.events).toHaveLength(1);
    expect(JSON.parse(t.events[0].details)).toEqual({ actionId: action.id, status: "OPEN" });
    expect(t.events[0].actorUserId).toBe(lead.id);
    expect(t.audits).toHaveLength(1);

    // DONE stamps completedAt; leaving DONE clears it; the same status again writes nothing.
    expect((await postCase(reportId, { intent: "status", actionId: action.id, status: "DONE" }, lead.cookie)).status).toBe(302);
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: action.id } })).completedAt).toBeInstanceOf(Date);
    const again = await postCase(reportId, { intent: "status", actionId: action.id, status: "DONE" }, lead.cookie);
    expect(again.headers.get("Location")).toContain("saved=unchanged");
    expect((await postCase(reportId, { intent: "status", actionId: action.id, status: "IN_PROGRESS" }, lead.cookie)).status).toBe(302);
    const reopened = await db.remediationAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(reopened).toMatchObject({ status: "IN_PROGRESS", completedAt: null });
    t = await trail(reportId, "remediation.status");
    expect(t.events.map((e) => JSON.parse(e.details))).toEqual([
      { actionId: action.id, from: "OPEN", status: "DONE" },
      { actionId: action.id, from: "DONE", status: "IN_PROGRESS" },
    ]);
    expect(t.audits).toHaveLength(2);

    // A note is sealed: its text is nowhere in the clear, and reading it back is an audited read.
    const canary = `CANARY-note-${randomBytes(6).toString("hex")} 第二行\n<script>alert(1)</script> 🎯`;
    expect((await postCase(reportId, { intent: "note", actionId: action.id, body: canary.replace(/\n/g, "\r\n") }, lead.cookie)).status).toBe(302);
    const note = await db.remediationNote.findFirstOrThrow({ where: { actionId: action.id } });
    expect(note.sealedBody).not.toContain("CANARY");
    expect(note.authorUserId).toBe(lead.id);
    t = await trail(reportId, "remediation.note");
    expect(t.events).toHaveLength(1);
    expect(JSON.parse(t.events[0].details)).toEqual({ actionId: action.id, noteId: note.id });
    expect(t.audits).toHaveLength(1);
    const clearRows = await Promise.all([
      db.caseEvent.findMany({ where: { reportId } }),
      db.auditEvent.findMany({ where: { objectId: reportId } }),
      db.remediationAction.findMany({ where: { reportId } }),
    ]);
    expect(JSON.stringify(clearRows)).not.toContain("CANARY");

    const readsBefore = await db.auditEvent.count({ where: { action: "case.read", objectId: reportId } });
    const page = (await (await getCase(reportId, lead.cookie)).json()) as CaseTab;
    expect(page.total).toBe(1);
    expect(page.actions[0]).toMatchObject({ id: action.id, status: "IN_PROGRESS", dueDate: "2026-10-01", noteCount: 1 });
    // Exactly as typed: the form's CRLF line breaks come back as the LF that was in the box.
    expect(page.actions[0].notes[0].body).toBe(canary);
    const reads = await db.auditEvent.findMany({ where: { action: "case.read", objectId: reportId }, orderBy: { seq: "asc" } });
    expect(reads).toHaveLength(readsBefore + 1);
    expect(JSON.parse(reads[reads.length - 1].details)).toEqual({ section: "remediation" });
  });

  it("opens no key, and audits no read, when there are no notes to show", async () => {
    const reportId = await fileReport();
    await addRemediationAction({ reportId, actorUserId: lead.id, title: "Update the gifts register", ownerPersonId: owner.id, dueDate: "2020-01-15", confirmPastDue: true });
    const page = (await (await getCase(reportId, lead.cookie)).json()) as CaseTab;
    expect(page.actions[0]).toMatchObject({ status: "OPEN", overdue: true, notes: [] });
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: reportId } })).toBe(0);
  });

  it("refuses bad input with the typed values kept and nothing saved", async () => {
    const reportId = await fileReport();
    const before = await db.auditEvent.count();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ title: "Fine", ownerPersonId: "nobody-404", dueDate: "2036-12-01" }, { ownerPersonId: "ownerNotFound" }],
      [{ title: "Fine", ownerPersonId: owner.id, dueDate: "2036-02-30" }, { dueDate: "date" }],
      [{ title: "x".repeat(201), ownerPersonId: owner.id, dueDate: "2036-12-01" }, { title: "tooLong" }],
      [{ title: "   ", ownerPersonId: "", dueDate: "" }, { title: "required", ownerPersonId: "ownerRequired", dueDate: "required" }],
    ];
    for (const [fields, errors] of cases) {
      const res = await postCase(reportId, { intent: "add", ...fields }, lead.cookie);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
      expect(body.fieldErrors).toEqual(errors);
      expect(body.values).toMatchObject(fields);
    }
    const inactive = await createPerson();
    await db.person.update({ where: { id: inactive.id }, data: { status: "INACTIVE" } });
    const res = await postCase(reportId, { intent: "add", title: "Fine", ownerPersonId: inactive.id, dueDate: "2036-12-01" }, lead.cookie);
    expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ ownerPersonId: "ownerInactive" });
    const blankNote = await postCase(reportId, { intent: "note", actionId: "x", body: " \r\n " }, lead.cookie);
    expect(((await blankNote.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ body: "required" });
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("refuses a status or note for an action of another case", async () => {
    const [mine, other] = [await fileReport(), await fileReport()];
    const foreign = await addRemediationAction({ reportId: other, actorUserId: lead.id, title: "Elsewhere", ownerPersonId: owner.id, dueDate: "2026-12-01", confirmPastDue: true });
    const status = await postCase(mine, { intent: "status", actionId: foreign, status: "DONE" }, lead.cookie);
    expect(status.status).toBe(400);
    expect((await status.json()) as { fieldErrors: Record<string, string>; formError: string | null }).toMatchObject({ fieldErrors: {}, formError: "actionNotFound" });
    const note = await postCase(mine, { intent: "note", actionId: foreign, body: "Not here" }, lead.cookie);
    expect(note.status).toBe(400);
    expect((await db.remediationAction.findUniqueOrThrow({ where: { id: foreign } })).status).toBe("OPEN");
    expect(await db.remediationNote.count({ where: { actionId: foreign } })).toBe(0);
    expect(await db.caseEvent.count({ where: { reportId: mine, type: { startsWith: "remediation." } } })).toBe(0);
  });

  it("lets an assigned investigator work the case; an unassigned one gets 404; an auditor who cannot see it too", async () => {
    const reportId = await fileReport();
    const assigned = await createHandler("investigator");
    const unassigned = await createHandler("investigator");
    const auditor = await createHandler("auditor");
    await db.caseAssignment.create({ data: { reportId, userId: assigned.id, assignedByUserId: lead.id } });
    const fields = { intent: "add", title: "Rotate the approver", ownerPersonId: owner.id, dueDate: "2026-11-30", confirmPastDue: "on" };
    expect((await postCase(reportId, fields, assigned.cookie)).status).toBe(302);
    expect(((await (await getCase(reportId, assigned.cookie)).json()) as CaseTab).canWork).toBe(true);
    for (const outsider of [unassigned, auditor]) {
      expect((await postCase(reportId, fields, outsider.cookie)).status).toBe(404);
      expect((await getCase(reportId, outsider.cookie)).status).toBe(404);
    }
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(1);
    // The assignment ends: the case (and its remediation) is gone for them.
    await db.caseAssignment.updateMany({ where: { reportId, userId: assigned.id }, data: { endedAt: new Date(), endReason: "reassigned" } });
    expect((await postCase(reportId, fields, assigned.cookie)).status).toBe(404);
  });
});

describe("across cases", () => {
  const filter = (input: Record<string, string>) => listFilterSchema.parse(input);

  it("filters by status, overdue, quarter (in the org zone), owner and dates, with counts per status", async () => {
    const department = await createDepartment();
    const who = await createPerson({ departmentId: department.id, nameEn: `Quarterowner ${randomBytes(3).toString("hex")}` });
    const reportId = await fileReport();
    const add = (title: string, dueDate: string) => addRemediationAction({ reportId, actorUserId: lead.id, title, ownerPersonId: who.id, dueDate, confirmPastDue: true });
    const ids = {
      q3Last: await add("Q3 last day", "2026-09-30"),
      q4First: await add("Q4 first day", "2026-10-01"),
      q4Last: await add("Q4 last day", "2026-12-31"),
      nextYear: await add("Next year", "2027-01-01"),
      pastOpen: await add("Long overdue", "2020-03-01"),
      pastDone: await add("Done long ago", "2020-03-02"),
      pastCancelled: await add("Dropped", "2020-03-03"),
    };
    await changeRemediationStatus({ reportId, actorUserId: lead.id, actionId: ids.pastDone, status: "DONE" });
    await changeRemediationStatus({ reportId, actorUserId: lead.id, actionId: ids.pastCancelled, status: "CANCELLED" });
    await changeRemediationStatus({ reportId, actorUserId: lead.id, actionId: ids.q4Last, status: "IN_PROGRESS" });
    const viewer = { id: lead.id, permissions: new Set(["read:case:any", "read:remediation:any"]) };
    // A fixed "now" in the summer of 2026: only the 2020 action still open is overdue then.
    const now = new Date("2026-08-15T04:00:00Z");
    const list = (input: Record<string, string>, page = 1) =>
      listRemediation({ filter: filter({ owner: who.employeeNumber, ...input }), viewer, timeZone: ZONE, page, now });

    const all = await list({});
    expect(all.total).toBe(7);
    expect(all.counts).toEqual({ OPEN: 4, IN_PROGRESS: 1, DONE: 1, CANCELLED: 1 });
    expect(all.rows.map((r) => r.title)).toEqual(["Long overdue", "Done long ago", "Dropped", "Q3 last day", "Q4 first day", "Q4 last day", "Next year"]);
    const first = all.rows[0];
    expect(first).toMatchObject({ reference: formatReference((await db.report.findUniqueOrThrow({ where: { id: reportId } })).reference), overdue: true, canOpenCase: true });
    expect(first.owner).toEqual({ employeeNumber: who.employeeNumber, nameZh: who.nameZh, nameEn: who.nameEn });
    expect(first.department).toEqual({ code: department.code, nameZh: department.nameZh, nameEn: department.nameEn });
    expect(all.rows.find((r) => r.title === "Done long ago")?.overdue).toBe(false);

    const q4 = await list({ quarter: "2026-Q4" });
    expect(q4.rows.map((r) => r.id)).toEqual([ids.q4First, ids.q4Last]);
    expect(q4.counts).toEqual({ OPEN: 1, IN_PROGRESS: 1, DONE: 0, CANCELLED: 0 });
    // The quarter's bounds are midnights in the org zone, which UTC quarters would get wrong.
    expect(quarterRange({ year: 2026, quarter: 4 }, ZONE).gte.toISOString()).toBe(startOfDayInZone("2026-10-01", ZONE).toISOString());

    const open = await list({ status: "OPEN" });
    expect(open.total).toBe(4);
    // Counts say what each status would give under the other filters.
    expect(open.counts).toEqual(all.counts);
    expect((await list({ overdue: "1" })).rows.map((r) => r.id)).toEqual([ids.pastOpen]);
    expect((await list({ dueFrom: "2026-10-01", dueTo: "2026-12-31" })).rows.map((r) => r.id)).toEqual([ids.q4First, ids.q4Last]);
    expect((await list({ owner: who.nameEn.toUpperCase() })).total).toBe(7);
    expect((await list({ owner: "no-such-owner-anywhere" })).total).toBe(0);
    // Sorted by status: the workflow's order on both databases, then by due date.
    expect((await list({ sort: "status" })).rows.map((r) => r.status)).toEqual(["OPEN", "OPEN", "OPEN", "OPEN", "IN_PROGRESS", "DONE", "CANCELLED"]);
  });

  it("pages by 25, also when sorted by status across a page boundary", async () => {
    const who = await createPerson({ nameEn: `Pager ${randomBytes(3).toString("hex")}` });
    const reportId = await fileReport();
    const statuses: RemediationStatusValue[] = [];
    for (let i = 0; i < 30; i++) {
      const id = await addRemediationAction({ reportId, actorUserId: lead.id, title: `Step ${String(i).padStart(2, "0")}`, ownerPersonId: who.id, dueDate: `2026-11-${String((i % 28) + 1).padStart(2, "0")}`, confirmPastDue: true });
      // Every third action done: 20 open, 10 done.
      if (i % 3 === 0) {
        await changeRemediationStatus({ reportId, actorUserId: lead.id, actionId: id, status: "DONE" });
        statuses.push("DONE");
      } else statuses.push("OPEN");
    }
    const viewer = { id: lead.id, permissions: new Set(["read:case:any"]) };
    const page = (n: number, sort: string) => listRemediation({ filter: filter({ owner: who.employeeNumber, sort }), viewer, timeZone: ZONE, page: n });
    for (const sort of ["due", "status"]) {
      const [p1, p2, p3] = [await page(1, sort), await page(2, sort), await page(3, sort)];
      expect([p1.rows.length, p2.rows.length, p3.rows.length]).toEqual([25, 5, 0]);
      expect(p1.total).toBe(30);
      const ids = [...p1.rows, ...p2.rows].map((r) => r.id);
      expect(new Set(ids).size).toBe(30);
      if (sort === "status") {
        expect([...p1.rows, ...p2.rows].map((r) => r.status)).toEqual([...Array(20).fill("OPEN"), ...Array(10).fill("DONE")]);
      } else {
        const dues = [...p1.rows, ...p2.rows].map((r) => r.dueDate);
        expect(dues).toEqual([...dues].sort());
      }
    }
  });

  it("leaves out the actions of cases the viewer is excluded from, and lists only to leads and auditors", async () => {
    const who = await createPerson({ nameEn: `Excluder ${randomBytes(3).toString("hex")}` });
    const [seen, hidden] = [await fileReport(), await fileReport()];
    await addRemediationAction({ reportId: seen, actorUserId: lead.id, title: "Visible action", ownerPersonId: who.id, dueDate: "2026-12-01", confirmPastDue: true });
    await addRemediationAction({ reportId: hidden, actorUserId: lead.id, title: "Hidden action", ownerPersonId: who.id, dueDate: "2026-12-02", confirmPastDue: true });
    const excludedLead = await createHandler("compliance_lead");
    const auditor = await createHandler("auditor");
    await db.caseExclusion.create({ data: { reportId: hidden, userId: excludedLead.id, reason: "INVOLVED" } });

    type Listed = { total: number; counts: Record<string, number>; rows: { title: string; canOpenCase: boolean }[] };
    const listAs = async (cookie: string) => {
      const res = await callLoader(listLoader, `/remediation?owner=${who.employeeNumber}`, { cookie });
      expect(res.status).toBe(200);
      return (await res.json()) as Listed;
    };
    const forExcluded = await listAs(excludedLead.cookie);
    expect(forExcluded.rows.map((r) => r.title)).toEqual(["Visible action"]);
    expect(forExcluded.counts.OPEN).toBe(1);
    const forLead = await listAs(lead.cookie);
    expect(forLead.rows.map((r) => r.title)).toEqual(["Visible action", "Hidden action"]);
    expect(forLead.rows.every((r) => r.canOpenCase)).toBe(true);
    // Auditors follow remediation without seeing the cases themselves (neither is urgent nor theirs to triage).
    const forAuditor = await listAs(auditor.cookie);
    expect(forAuditor.rows.map((r) => [r.title, r.canOpenCase])).toEqual([
      ["Visible action", false],
      ["Hidden action", false],
    ]);
    // The list reads no case content: no report key opened, so no audited read.
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: { in: [seen, hidden] } } })).toBe(0);

    for (const role of ["investigator", "employee", "admin"] as const) {
      const other = await createHandler(role);
      const res = await callLoader(listLoader, "/remediation", { cookie: other.cookie });
      expect(res.status, role).toBe(403);
    }
  });

  it("says which filter is wrong and lists nothing for it", async () => {
    const res = await callLoader(listLoader, "/remediation?quarter=2026-Q5&dueFrom=2026-12-01&dueTo=2026-11-01", { cookie: lead.cookie });
    const body = (await res.json()) as { ok: boolean; fieldErrors: Record<string, string>; rows: unknown[]; values: Record<string, string> };
    expect(body.ok).toBe(false);
    expect(body.fieldErrors).toEqual({ quarter: "quarter", dueTo: "dateRange" });
    expect(body.rows).toEqual([]);
    expect(body.values.quarter).toBe("2026-Q5");
  });

  it("exports the current filter as CSV with a BOM, cells safe from spreadsheet formulas", async () => {
    const who = await createPerson({ nameEn: `Exporter ${randomBytes(3).toString("hex")}`, nameZh: "导出人" });
    const reportId = await fileReport();
    await addRemediationAction({ reportId, actorUserId: lead.id, title: '=HYPERLINK("http://x") , "quoted"', ownerPersonId: who.id, dueDate: "2026-12-01", confirmPastDue: true });
    await addRemediationAction({ reportId, actorUserId: lead.id, title: "供应商礼品登记", ownerPersonId: who.id, dueDate: "2026-12-02", confirmPastDue: true });
    const res = await callLoader(exportLoader, `/remediation/export?owner=${who.employeeNumber}`, { cookie: lead.cookie, headers: { "Accept-Language": "en" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"") , ""quoted"""`);
    expect(lines[2]).toContain("供应商礼品登记");
    expect(lines[2]).toContain(who.employeeNumber);
    expect(lines[2]).toContain("2026-12-02");

    const bad = await callLoader(exportLoader, "/remediation/export?quarter=nope", { cookie: lead.cookie });
    expect(bad.status).toBe(400);
    const investigator = await createHandler("investigator");
    expect((await callLoader(exportLoader, "/remediation/export", { cookie: investigator.cookie })).status).toBe(403);
  });
});

describe("dates in the org zone", () => {
  it("bounds quarters and inclusive 'due on or before' days at local midnights, across DST and year ends", () => {
    const ny = "America/New_York";
    expect(quarterRange({ year: 2026, quarter: 2 }, ny)).toEqual({ gte: new Date("2026-04-01T04:00:00Z"), lt: new Date("2026-07-01T04:00:00Z") });
    expect(quarterRange({ year: 2026, quarter: 4 }, ny)).toEqual({ gte: new Date("2026-10-01T04:00:00Z"), lt: new Date("2027-01-01T05:00:00Z") });
    expect(quarterRange({ year: 2026, quarter: 1 }, "Asia/Shanghai").gte).toEqual(new Date("2025-12-31T16:00:00Z"));
    expect(startOfNextDay("2026-12-31", "Asia/Shanghai")).toEqual(new Date("2026-12-31T16:00:00Z"));
    expect(startOfNextDay("2028-02-28", "Asia/Shanghai")).toEqual(startOfDayInZone("2028-02-29", "Asia/Shanghai"));
    expect(parseQuarter("2026-q4")).toEqual({ year: 2026, quarter: 4 });
    for (const bad of ["2026-Q0", "2026-Q5", "2026Q4", "Q4-2026", ""]) expect(parseQuarter(bad), bad).toBeNull();
    // 23:30 in Shanghai on the due day is not overdue yet; the next morning it is.
    const action = { status: "OPEN", dueDate: startOfDayInZone("2026-11-20", "Asia/Shanghai") };
    expect(isOverdue(action, new Date("2026-11-20T15:30:00Z"), "Asia/Shanghai")).toBe(false);
    expect(isOverdue(action, new Date("2026-11-20T16:30:00Z"), "Asia/Shanghai")).toBe(true);
    expect(isOverdue({ ...action, status: "DONE" }, new Date("2027-01-01T00:00:00Z"), "Asia/Shanghai")).toBe(false);
  });
});
