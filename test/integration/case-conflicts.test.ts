// Conflicts of interest, assignment, recusal and the confidential identity: people linked as involved and every manager above them are excluded — they cannot be
// assigned, lose their assignments and answer 404 — the links are sealed; when every lead is
// excluded the auditors triage; an assignee may recuse with a sealed reason; a confidential
// reporter's identity shows only after an approved request.
import { CASE_NOTICES } from "~/modules/mail/templates.server";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { NoTriagerRemainsError, type SubmitReportInput } from "~/modules/hotline/reports.server";
import { requireCase, visibleCasesWhere } from "~/modules/cases/access.server";
import { CaseActionError, CaseGoneError, involvedPersonIds, linkInvolvedPerson, managersUpTheChain, recomputeAuditorTriage, refreshConflicts, unlinkInvolvedPerson } from "~/modules/cases/conflicts.server";
import { assignHandler, endAssignment, listAssignableHandlers, listAssignments, recuse } from "~/modules/cases/assignment.server";
import { canSeeIdentity, decideIdentityRequest, listIdentityRequests, requestIdentity } from "~/modules/cases/identity.server";
import { listCaseMessages } from "~/modules/cases/messages.server";
import { hasPermission } from "~/modules/auth/permissions";
import { action, loader } from "~/routes/cases.$id.people/route";
import { createPerson, createUser } from "../factories/people";
import { createHandler, fileReport, openCaseAs, type TestHandler } from "../factories/cases";
import { callAction, callLoader, getRequest, sessionCookieFor, settle } from "../factories/requests";

const file = (overrides: Partial<SubmitReportInput> = {}) =>
  fileReport({ category: "OUTSIDE_COMPETITION", answers: { whatHappened: "Runs a competing business." }, ...overrides });

async function accessOf(userId: string, reportId: string) {
  return requireCase(getRequest(`/cases/${reportId}/people`, await sessionCookieFor(userId)), reportId);
}

async function visibleIds(userId: string): Promise<string[]> {
  const where = visibleCasesWhere({ id: userId, permissions: await permissionsOf(userId) });
  if (!where) return [];
  return (await db.report.findMany({ where, select: { id: true } })).map((r) => r.id);
}

async function permissionsOf(userId: string): Promise<Set<string>> {
  const rows = await db.permission.findMany({ where: { roles: { some: { role: { users: { some: { userId } } } } } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

const mailsTo = async (email: string, reportId: string) =>
  db.outboxEmail.count({ where: { toAddress: email, template: { in: [...CASE_NOTICES] }, textBody: { contains: `/cases/${reportId}` } } });

const refused = async (work: Promise<unknown>, code: string) => {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CaseActionError);
  expect((error as CaseActionError).code).toBe(code);
};

let lead: TestHandler;
let otherLead: TestHandler;
let auditor: TestHandler;

beforeAll(async () => {
  lead = await createHandler("compliance_lead");
  otherLead = await createHandler("compliance_lead");
  auditor = await createHandler("auditor");
});

describe("conflicts of interest", () => {
  it("excludes the people involved and every manager up the chain (3 levels), ends their assignments, seals the links", async () => {
    // top (lead) ← middle (investigator) ← line (investigator) ← involved (investigator); top's manager is
    // `involved` again: a cycle in the directory must not loop.
    const top = await createHandler("compliance_lead");
    const middle = await createHandler("investigator", { managerId: top.personId });
    const line = await createHandler("investigator", { managerId: middle.personId });
    const involved = await createHandler("investigator", { managerId: line.personId });
    await db.person.update({ where: { id: top.personId }, data: { managerId: involved.personId } });
    const bystander = await createHandler("investigator");
    const reportId = await file();

    for (const who of [involved, middle, bystander]) await assignHandler({ reportId, actorUserId: lead.id, userId: who.id });
    expect((await listAssignments(reportId)).map((a) => a.userId).sort()).toEqual([involved.id, middle.id, bystander.id].sort());

    const chain = await managersUpTheChain(db, [involved.personId]);
    expect([...chain].sort()).toEqual([line.personId, middle.personId, top.personId].sort());

    const { actorExcluded } = await linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: involved.personId });
    expect(actorExcluded).toBe(false);

    const exclusions = await db.caseExclusion.findMany({ where: { reportId }, select: { userId: true, reason: true } });
    expect(Object.fromEntries(exclusions.map((e) => [e.userId, e.reason]))).toEqual({
      [involved.id]: "INVOLVED",
      [line.id]: "MANAGER_OF_INVOLVED",
      [middle.id]: "MANAGER_OF_INVOLVED",
      [top.id]: "MANAGER_OF_INVOLVED",
    });
    // Their assignments ended; the bystander's did not.
    expect((await listAssignments(reportId)).map((a) => a.userId)).toEqual([bystander.id]);
    const ended = await db.caseAssignment.findMany({ where: { reportId, endedAt: { not: null } }, select: { userId: true, endReason: true } });
    expect(ended.map((e) => [e.userId, e.endReason]).sort()).toEqual(
      [
        [involved.id, "excluded"],
        [middle.id, "excluded"],
      ].sort(),
    );

    // The link itself is sealed: no person id of the chain appears in the clear, and the timeline says only counts.
    const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedInvolved: true } });
    expect(row.sealedInvolved).toBeTruthy();
    for (const id of [involved.personId, line.personId, middle.personId, top.personId]) expect(row.sealedInvolved).not.toContain(id);
    const events = await db.caseEvent.findMany({ where: { reportId, type: { in: ["involved.linked", "assignment.ended"] } }, orderBy: { at: "asc" } });
    const linkedEvent = events.find((e) => e.type === "involved.linked")!;
    expect(JSON.parse(linkedEvent.details)).toEqual({ involved: 1, excluded: 4 });
    expect(events.filter((e) => e.type === "assignment.ended").map((e) => JSON.parse(e.details) as { userId: string; reason: string })).toEqual(
      expect.arrayContaining([
        { userId: involved.id, reason: "excluded" },
        { userId: middle.id, reason: "excluded" },
      ]),
    );
    expect(await db.auditEvent.count({ where: { objectId: reportId, action: "case.involved.linked" } })).toBe(1);

    // Excluded: 404 by link, absent from the list, never assignable again.
    for (const who of [involved, middle, top]) {
      const res = await settle(() => accessOf(who.id, reportId));
      expect(res.status).toBe(404);
      expect(await visibleIds(who.id)).not.toContain(reportId);
    }
    expect(await visibleIds(bystander.id)).toContain(reportId);
    await refused(assignHandler({ reportId, actorUserId: lead.id, userId: involved.id }), "notEligible");
    await refused(assignHandler({ reportId, actorUserId: lead.id, userId: top.id }), "notEligible");
    const offered = (await listAssignableHandlers({ reportId })).map((h) => h.userId);
    for (const who of [involved, line, middle, top, bystander]) expect(offered).not.toContain(who.id);
    expect(offered).toContain(lead.id);

    // Unlinking lifts the exclusions (ended assignments stay ended).
    await unlinkInvolvedPerson({ reportId, actorUserId: lead.id, personId: involved.personId });
    expect(await db.caseExclusion.count({ where: { reportId } })).toBe(0);
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).sealedInvolved).toBeNull();
    await assignHandler({ reportId, actorUserId: lead.id, userId: involved.id });
    expect(await visibleIds(involved.id)).toContain(reportId);
  });

  it("follows the directory: a manager who arrives above someone involved is excluded by the daily refresh", async () => {
    const involved = await createHandler("investigator");
    const reportId = await file();
    await linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: involved.personId });
    const newManager = await createHandler("investigator");
    await assignHandler({ reportId, actorUserId: lead.id, userId: newManager.id });
    await db.person.update({ where: { id: involved.personId }, data: { managerId: newManager.personId } });

    expect(await refreshConflicts()).toBeGreaterThanOrEqual(1);
    expect(await db.caseExclusion.findFirst({ where: { reportId, userId: newManager.id }, select: { reason: true } })).toEqual({ reason: "MANAGER_OF_INVOLVED" });
    expect(await db.caseAssignment.findFirstOrThrow({ where: { reportId, userId: newManager.id } })).toMatchObject({ endReason: "excluded" });
    expect(await visibleIds(newManager.id)).not.toContain(reportId);
    const event = await db.caseEvent.findFirstOrThrow({ where: { reportId, type: "exclusions.changed" } });
    expect(event.actorKind).toBe("SYSTEM");
    expect(JSON.parse(event.details)).toEqual({ excluded: 2, added: 1, removed: 0 });
    // Nothing moved since: a second run changes nothing anywhere.
    expect(await refreshConflicts()).toBe(0);
  });

  it("loses no link when two people link at the same moment", async () => {
    const reportId = await file();
    const [a, b] = [await createHandler("investigator"), await createHandler("investigator")];
    await Promise.all([
      linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: a.personId }),
      linkInvolvedPerson({ reportId, actorUserId: otherLead.id, personId: b.personId }),
    ]);
    const { key } = await openCaseAs(lead, reportId, "people");
    expect((await involvedPersonIds({ key: key!, reportId })).sort()).toEqual([a.personId, b.personId].sort());
    expect((await db.caseExclusion.findMany({ where: { reportId }, select: { userId: true } })).map((e) => e.userId).sort()).toEqual([a.id, b.id].sort());
  });

  it("keeps the reporter's exclusions when links change, and refuses unknown or repeated links", async () => {
    const investigator = await createHandler("investigator");
    const reportId = await file({ excludedUserIds: [investigator.id] });
    await linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: investigator.personId });
    await refused(linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: investigator.personId }), "alreadyLinked");
    await refused(linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: "no-such-person" }), "unknownPerson");
    await unlinkInvolvedPerson({ reportId, actorUserId: lead.id, personId: investigator.personId });
    await refused(unlinkInvolvedPerson({ reportId, actorUserId: lead.id, personId: investigator.personId }), "notLinked");
    expect(await db.caseExclusion.findMany({ where: { reportId }, select: { userId: true, reason: true } })).toEqual([
      { userId: investigator.id, reason: "REPORTER_EXCLUDED" },
    ]);
  });

  it("hands the case to the auditors when every lead is excluded, and back when one is not", async () => {
    const reportId = await file();
    const leads = await db.user.findMany({
      where: { status: "ACTIVE", roles: { some: { role: { permissions: { some: { permission: { key: "triage:case:any" } } } } } } },
      select: { id: true, personId: true },
    });
    expect(await visibleIds(auditor.id)).not.toContain(reportId);
    const mailsBefore = await mailsTo(auditor.email, reportId);
    let result = { actorExcluded: false };
    // The acting lead links themselves last: from then on the case is no longer theirs.
    const others = leads.filter((l) => l.id !== lead.id);
    for (const l of [...others, lead]) result = await linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: l.personId! });
    expect(result.actorExcluded).toBe(true);
    await expect(linkInvolvedPerson({ reportId, actorUserId: lead.id, personId: auditor.personId })).rejects.toBeInstanceOf(CaseGoneError);
    // The lead excluded themselves along with the others: the route sends them away.
    expect(result.actorExcluded).toBe(true);
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).auditorTriage).toBe(true);
    expect(await mailsTo(auditor.email, reportId)).toBe(mailsBefore + 1);
    expect(await visibleIds(auditor.id)).toContain(reportId);
    const auditorAccess = await accessOf(auditor.id, reportId);
    expect(auditorAccess.can.triage).toBe(true);
    // An excluded lead can no longer act on it.
    expect((await settle(() => accessOf(lead.id, reportId))).status).toBe(404);

    // The auditors, now triaging, unlink one lead: that lead triages again and the auditors step back.
    await unlinkInvolvedPerson({ reportId, actorUserId: auditor.id, personId: otherLead.personId });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).auditorTriage).toBe(false);
    expect(await visibleIds(auditor.id)).not.toContain(reportId);
    expect(await visibleIds(otherLead.id)).toContain(reportId);
    expect(await db.caseEvent.count({ where: { reportId, type: "triage.auditors" } })).toBe(2);
    // Recomputing with nothing changed changes nothing.
    expect(await db.$transaction((tx) => recomputeAuditorTriage(tx, { reportId }))).toBe(false);
  });

  it("sends a report to the auditors when the reporter excludes every lead; refuses only when no auditor remains either", async () => {
    const leads = await db.user.findMany({
      where: { status: "ACTIVE", roles: { some: { role: { permissions: { some: { permission: { key: "triage:case:any" } } } } } } },
      select: { id: true, email: true },
    });
    const reportId = await file({ excludedUserIds: leads.map((l) => l.id) });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).auditorTriage).toBe(true);
    expect(await mailsTo(auditor.email, reportId)).toBe(1);
    for (const l of leads) expect(await mailsTo(l.email, reportId)).toBe(0);
    expect(await visibleIds(auditor.id)).toContain(reportId);
    for (const l of leads) expect(await visibleIds(l.id)).not.toContain(reportId);

    // With every auditor's account disabled, nobody would be left: refused, nothing written.
    const auditors = await db.user.findMany({ where: { roles: { some: { role: { key: "auditor" } } }, status: "ACTIVE" }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: auditors.map((a) => a.id) } }, data: { status: "DISABLED" } });
    try {
      const before = await db.report.count();
      await expect(file({ excludedUserIds: leads.map((l) => l.id) })).rejects.toBeInstanceOf(NoTriagerRemainsError);
      expect(await db.report.count()).toBe(before);
    } finally {
      await db.user.updateMany({ where: { id: { in: auditors.map((a) => a.id) } }, data: { status: "ACTIVE" } });
    }
  });
});

describe("assignment and recusal", () => {
  it("assigns several handlers, tells them, reassigns, and records who did it", async () => {
    const first = await createHandler("investigator");
    const second = await createHandler("investigator");
    const reportId = await file();
    await assignHandler({ reportId, actorUserId: lead.id, userId: first.id });
    await assignHandler({ reportId, actorUserId: lead.id, userId: otherLead.id });
    await refused(assignHandler({ reportId, actorUserId: lead.id, userId: first.id }), "alreadyAssigned");
    const employee = await createUser();
    await refused(assignHandler({ reportId, actorUserId: lead.id, userId: employee.user.id }), "notEligible");
    await refused(assignHandler({ reportId, actorUserId: lead.id, userId: auditor.id }), "notEligible");
    expect(await mailsTo(first.email, reportId)).toBe(1);

    await assignHandler({ reportId, actorUserId: lead.id, userId: second.id, replacingUserId: first.id });
    const assignments = await listAssignments(reportId);
    expect(assignments.map((a) => a.userId).sort()).toEqual([otherLead.id, second.id].sort());
    expect(assignments.every((a) => a.assignedBy?.email === lead.email)).toBe(true);
    const firstRow = await db.caseAssignment.findFirstOrThrow({ where: { reportId, userId: first.id } });
    expect(firstRow).toMatchObject({ endReason: "reassigned", assignedByUserId: lead.id });
    expect(firstRow.endedAt).not.toBeNull();
    expect(await visibleIds(first.id)).not.toContain(reportId);
    expect(await visibleIds(second.id)).toContain(reportId);

    await endAssignment({ reportId, actorUserId: lead.id, userId: otherLead.id });
    await refused(endAssignment({ reportId, actorUserId: lead.id, userId: otherLead.id }), "notAssigned");
    const events = await db.caseEvent.findMany({ where: { reportId, type: { startsWith: "assignment." } }, select: { type: true, details: true } });
    expect(events.filter((e) => e.type === "assignment.added")).toHaveLength(3);
    expect(events.filter((e) => e.type === "assignment.ended").map((e) => JSON.parse(e.details) as unknown)).toEqual(
      expect.arrayContaining([
        { userId: first.id, reason: "reassigned" },
        { userId: otherLead.id, reason: "reassigned" },
      ]),
    );
  });

  it("lets an assignee recuse with a sealed reason; the leads are told and see the recusal when assigning again", async () => {
    const investigator = await createHandler("investigator");
    const reportId = await file();
    await assignHandler({ reportId, actorUserId: lead.id, userId: investigator.id });
    const leadMails = await mailsTo(otherLead.email, reportId);
    const reason = `我的表弟是被举报人 ${randomBytes(4).toString("hex")}`;
    await expect(recuse({ reportId, actorUserId: investigator.id, reason: "   " })).rejects.toThrow();
    await recuse({ reportId, actorUserId: investigator.id, reason });
    await expect(recuse({ reportId, actorUserId: investigator.id, reason })).rejects.toThrow();

    const row = await db.caseAssignment.findFirstOrThrow({ where: { reportId, userId: investigator.id } });
    expect(row.endReason).toBe("recused");
    expect(await visibleIds(investigator.id)).not.toContain(reportId);
    expect(await mailsTo(otherLead.email, reportId)).toBe(leadMails + 1);
    // Not an exclusion: the lead may assign them again, seeing that they recused.
    expect(await db.caseExclusion.count({ where: { reportId } })).toBe(0);
    expect((await listAssignableHandlers({ reportId })).find((h) => h.userId === investigator.id)).toMatchObject({ recused: true });

    // The reason is in the internal thread, sealed.
    const message = await db.caseMessage.findFirstOrThrow({ where: { reportId, thread: "INTERNAL" } });
    expect(message.sealedBody).not.toContain(reason);
    const { key } = await openCaseAs(otherLead, reportId, "messages");
    const { messages } = await listCaseMessages({ key: key!, reportId, thread: "INTERNAL" });
    expect(messages.map((m) => [m.authorUserId, m.body])).toEqual([[investigator.id, reason]]);
    const event = await db.caseEvent.findFirstOrThrow({ where: { reportId, type: "assignment.recused" } });
    expect(JSON.parse(event.details)).toEqual({ userId: investigator.id, messageId: message.id });
    expect(event.details).not.toContain(reason);
  });
});

describe("the reporter's identity", () => {
  it("shows a confidential identity only to a handler whose justified request a lead approved", async () => {
    const investigator = await createHandler("investigator");
    const reportId = await file({ identityMode: "CONFIDENTIAL", identity: { name: "张三", contact: "zhang@example.test" } });
    await assignHandler({ reportId, actorUserId: lead.id, userId: investigator.id });
    expect(await canSeeIdentity(await accessOf(investigator.id, reportId))).toBe(false);
    expect(await canSeeIdentity(await accessOf(lead.id, reportId))).toBe(false);

    const justification = `需要回访举报人核实细节 ${randomBytes(4).toString("hex")}`;
    const requestId = await requestIdentity({ reportId, actorUserId: investigator.id, justification });
    await refused(requestIdentity({ reportId, actorUserId: investigator.id, justification }), "alreadyRequested");
    const stored = await db.identityRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored.sealedJustification).not.toContain(justification);
    expect(await canSeeIdentity(await accessOf(investigator.id, reportId))).toBe(false);

    // A lead cannot approve their own request.
    const leadRequest = await requestIdentity({ reportId, actorUserId: lead.id, justification: "Needed for the interview plan." });
    await refused(decideIdentityRequest({ reportId, requestId: leadRequest, actorUserId: lead.id, approve: true }), "ownRequest");

    const before = await mailsTo(investigator.email, reportId);
    await decideIdentityRequest({ reportId, requestId, actorUserId: lead.id, approve: true });
    await refused(decideIdentityRequest({ reportId, requestId, actorUserId: lead.id, approve: false }), "alreadyDecided");
    expect(await mailsTo(investigator.email, reportId)).toBe(before + 1);
    expect(await canSeeIdentity(await accessOf(investigator.id, reportId))).toBe(true);
    // Approval is per requester: the lead still has to have their own request approved.
    expect(await canSeeIdentity(await accessOf(lead.id, reportId))).toBe(false);
    await decideIdentityRequest({ reportId, requestId: leadRequest, actorUserId: otherLead.id, approve: false });
    expect(await canSeeIdentity(await accessOf(lead.id, reportId))).toBe(false);

    const { key } = await openCaseAs(otherLead, reportId, "people");
    const listed = await listIdentityRequests({ key: key!, reportId, requestedByUserId: null });
    expect(listed.map((r) => [r.requestedBy.userId, r.status, r.justification]).sort()).toEqual(
      [
        [investigator.id, "APPROVED", justification],
        [lead.id, "REJECTED", "Needed for the interview plan."],
      ].sort(),
    );
    const types = (await db.caseEvent.findMany({ where: { reportId, type: { startsWith: "identity." } }, select: { type: true } })).map((e) => e.type).sort();
    expect(types).toEqual(["identity.approved", "identity.rejected", "identity.requested", "identity.requested"]);
  });

  it("shows a named reporter to anyone who can see the case, an anonymous one to nobody; only confidential reports take requests", async () => {
    const named = await file({ identityMode: "NAMED", identity: { name: "李四", contact: "li@example.test" } });
    const anonymous = await file();
    expect(await canSeeIdentity(await accessOf(lead.id, named))).toBe(true);
    expect(await canSeeIdentity(await accessOf(lead.id, anonymous))).toBe(false);
    await refused(requestIdentity({ reportId: anonymous, actorUserId: lead.id, justification: "x" }), "notConfidential");
  });
});

describe("/cases/:id/people", () => {
  it("lets a lead search the directory, link a person, assign; shows the identity it may show; keeps a recusal form's text on error", async () => {
    const reportId = await file({ identityMode: "NAMED", identity: { name: "王五 <b>", contact: "wang@example.test" } });
    const target = await createPerson({ nameEn: `Searchable ${randomBytes(3).toString("hex")}` });
    const cookie = await sessionCookieFor(lead.id);

    const page = await callLoader(loader, `/cases/${reportId}/people?q=${encodeURIComponent(target.nameEn)}`, { cookie, params: { id: reportId } });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { matches: { id: string; linked: boolean }[]; identity: { name: string } | null };
    expect(data.matches).toEqual([expect.objectContaining({ id: target.id, linked: false })]);
    expect(data.identity?.name).toBe("王五 <b>");
    expect(await db.auditEvent.count({ where: { objectId: reportId, action: "case.read", details: { contains: "identity" } } })).toBe(1);

    const linked = await callAction(action, `/cases/${reportId}/people`, { intent: "link", personId: target.id }, { cookie, params: { id: reportId } });
    expect(linked.status).toBe(302);
    expect(linked.headers.get("Location")).toBe(`/cases/${reportId}/people?done=linked`);
    const after = (await (await callLoader(loader, `/cases/${reportId}/people`, { cookie, params: { id: reportId } })).json()) as { involved: { id: string }[] };
    expect(after.involved.map((p) => p.id)).toEqual([target.id]);

    const investigator = await createHandler("investigator");
    const assigned = await callAction(action, `/cases/${reportId}/people`, { intent: "assign", userId: investigator.id }, { cookie, params: { id: reportId } });
    expect(assigned.headers.get("Location")).toBe(`/cases/${reportId}/people?done=assigned`);

    // The investigator may not assign, and an empty recusal reason comes back with an error.
    const investigatorCookie = await sessionCookieFor(investigator.id);
    const notAllowed = await callAction(action, `/cases/${reportId}/people`, { intent: "assign", userId: investigator.id }, { cookie: investigatorCookie, params: { id: reportId } });
    expect(notAllowed.status).toBe(403);
    const empty = await callAction(action, `/cases/${reportId}/people`, { intent: "recuse", reason: "  " }, { cookie: investigatorCookie, params: { id: reportId } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ reason: "required" });
    // Recusing takes the case away: back to the queue.
    const gone = await callAction(action, `/cases/${reportId}/people`, { intent: "recuse", reason: "Conflict." }, { cookie: investigatorCookie, params: { id: reportId } });
    expect(gone.headers.get("Location")).toBe("/cases");
    expect((await callLoader(loader, `/cases/${reportId}/people`, { cookie: investigatorCookie, params: { id: reportId } })).status).toBe(404);
  });

  it("sends a lead who excludes themselves by a link back to the queue", async () => {
    const reportId = await file();
    const self = await createHandler("compliance_lead");
    const cookie = await sessionCookieFor(self.id);
    const res = await callAction(action, `/cases/${reportId}/people`, { intent: "link", personId: self.personId }, { cookie, params: { id: reportId } });
    expect(res.headers.get("Location")).toBe("/cases");
    expect((await callLoader(loader, `/cases/${reportId}/people`, { cookie, params: { id: reportId } })).status).toBe(404);
    expect(hasPermission(await permissionsOf(self.id), "triage:case:any")).toBe(true);
  });
});
