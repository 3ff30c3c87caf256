// The case workflow: New → Triage → Investigation → Findings → Closed and reopen,
// each step allowed only to the right role and at the right stage, written whole or not at all, with
// a timeline entry and an audit event; the urgent flag mails the auditors (not the excluded ones, and
// nothing of the report); sealed text is unreadable in the database and opens to exactly what was typed.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { loadCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { requireCase } from "~/modules/cases/access.server";
import { fieldContext, openField } from "~/modules/crypto/sealing.server";
import {
  approveFindings,
  closeCase,
  closeWithoutInvestigation,
  liftLegalHold,
  loadWorkflow,
  recordFindings,
  referToLegal,
  reopenCase,
  saveInvestigation,
  saveTriage,
  sendBackFindings,
  startInvestigation,
  WorkflowError,
  WorkflowValidationError,
} from "~/modules/cases/workflow.server";
import { availableActions } from "~/modules/cases/workflow";
import { putSetting } from "~/modules/settings/settings.server";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import WorkflowPage, { loader, action } from "~/routes/cases.$id.workflow/route";
import { createUser } from "../factories/people";
import { assignDirectly, createCaseViewer, fileReport, openCaseAs } from "../factories/cases";
import { callAction, callLoader, getRequest, postRequest, sessionCookieFor } from "../factories/requests";

type Viewer = CurrentUser;
const people = {} as Record<"lead" | "lead2" | "investigator" | "outsider" | "auditor" | "excludedAuditor" | "disabledAuditor", Viewer>;

beforeAll(async () => {
  people.lead = await createCaseViewer(["compliance_lead"]);
  people.lead2 = await createCaseViewer(["compliance_lead"]);
  people.investigator = await createCaseViewer(["investigator"]);
  people.outsider = await createCaseViewer(["investigator"]);
  people.auditor = await createCaseViewer(["auditor"]);
  people.excludedAuditor = await createCaseViewer(["auditor"]);
  people.disabledAuditor = await createCaseViewer(["auditor"]);
  await db.user.update({ where: { id: people.disabledAuditor.id }, data: { status: "DISABLED" } });
});

const REPORT_TEXT = () => `The buyer took a car from a supplier ${randomBytes(4).toString("hex")}`;

const newCase = (text = REPORT_TEXT()) => fileReport({ answers: { whatHappened: text } });

const assign = (reportId: string, userId: string) => assignDirectly(reportId, userId, people.lead.id);

async function refused(promise: Promise<unknown>): Promise<WorkflowError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the step should have been refused").toBeInstanceOf(WorkflowError);
  return error as WorkflowError;
}

async function invalid(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the input should have been refused").toBeInstanceOf(WorkflowValidationError);
  return (error as WorkflowValidationError).fieldErrors;
}

/** Everything a step could have written about the case: a refused step must change none of it. */
async function snapshot(reportId: string) {
  const [report, events, audits, messages, mails] = await Promise.all([
    db.report.findUniqueOrThrow({ where: { id: reportId } }),
    db.caseEvent.count({ where: { reportId } }),
    db.auditEvent.count({ where: { objectId: reportId } }),
    db.caseMessage.count({ where: { reportId } }),
    db.outboxEmail.count(),
  ]);
  const { updatedAt: _updatedAt, ...columns } = report;
  return { columns, events, audits, messages, mails };
}

async function statusOf(reportId: string) {
  return (await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { status: true } })).status;
}

async function eventTypes(reportId: string) {
  const rows = await db.caseEvent.findMany({ where: { reportId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { type: true, details: true } });
  return rows.map((r) => ({ type: r.type, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** The internal notes as the lead reads them (an audited read). */
async function internalNotes(reportId: string): Promise<string[]> {
  const { key } = await openCaseAs({ cookie: await sessionCookieFor(people.lead.id) }, reportId, "messages");
  if (!key) throw new Error("the case has no key");
  const rows = await db.caseMessage.findMany({ where: { reportId, thread: "INTERNAL" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => openField(key, r.sealedBody, fieldContext("CaseMessage", r.id, "body")));
}

const FINDINGS = { outcome: "SUBSTANTIATED", cause: "Gift accepted against policy", lossAmount: "12,500.50", responsible: "Buyer", sanction: "Written warning" };

describe("the case workflow, step by step", () => {
  it("has findings approved by a lead other than the one who recorded them, unless the setting allows it", async () => {
    const { lead, lead2 } = people;
    const id = await newCase();
    await saveTriage({ actorUserId: lead.id, reportId: id, input: { severity: "3", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: lead.id, reportId: id, input: { plan: "Check the gifts register" } });
    // The lead investigates and records the findings themselves…
    await recordFindings({ actorUserId: lead.id, reportId: id, input: FINDINGS });
    expect(availableActions({ status: "FINDINGS", legalReferral: false, legalHold: false, findingsApprovedAt: null, findingsRecordedByViewer: true }, { triage: true, work: true, approve: true })).not.toContain("approve");
    const own = await refused(approveFindings({ actorUserId: lead.id, reportId: id }));
    expect([own.code, own.status]).toEqual(["ownFindings", 403]);
    expect((await db.report.findUniqueOrThrow({ where: { id } })).findingsApprovedAt).toBeNull();
    // …so another lead approves.
    await approveFindings({ actorUserId: lead2.id, reportId: id });
    expect((await db.report.findUniqueOrThrow({ where: { id } })).findingsApprovedByUserId).toBe(lead2.id);

    // An organisation with a single lead switches four eyes off.
    const second = await newCase();
    await saveTriage({ actorUserId: lead.id, reportId: second, input: { severity: "3", category: "GIFTS" } });
    await assign(second, people.investigator.id);
    await startInvestigation({ actorUserId: lead.id, reportId: second, input: { plan: "Check" } });
    await recordFindings({ actorUserId: lead.id, reportId: second, input: FINDINGS });
    await db.$transaction((tx) => putSetting(tx, { key: "hotline.findingsFourEyes", value: false, actorUserId: null }));
    try {
      await approveFindings({ actorUserId: lead.id, reportId: second });
      expect((await db.report.findUniqueOrThrow({ where: { id: second } })).findingsApprovedByUserId).toBe(lead.id);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "hotline.findingsFourEyes", value: true, actorUserId: null }));
    }
  });

  it("goes New → Triage → Investigation → Findings → Closed → reopened, each step by the right role", async () => {
    const id = await newCase();
    const { lead, investigator } = people;

    // Triage by the lead: NEW → TRIAGE, category corrected.
    await saveTriage({ actorUserId: lead.id, reportId: id, input: { severity: "2", category: "MISAPPROPRIATION", urgent: "" } });
    let report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ status: "TRIAGE", severity: 2, category: "MISAPPROPRIATION", urgent: false });
    expect(report.triagedAt).toBeInstanceOf(Date);
    const triagedAt = report.triagedAt;
    // Another investigator, not assigned, cannot even see the case.
    expect((await refused(saveTriage({ actorUserId: people.outsider.id, reportId: id, input: { severity: "1", category: "GIFTS" } }))).status).toBe(404);

    // The assigned investigator assesses too (the response team): a second save keeps the stage and
    // the first triage time. Then they start the investigation.
    await assign(id, investigator.id);
    await saveTriage({ actorUserId: investigator.id, reportId: id, input: { severity: "3", category: "MISAPPROPRIATION" } });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ status: "TRIAGE", severity: 3, triagedAt });
    await startInvestigation({ actorUserId: investigator.id, reportId: id, input: { plan: "Interview the buyer" } });
    expect(await statusOf(id)).toBe("INVESTIGATION");

    // The assigned investigator works the case.
    await saveInvestigation({ actorUserId: investigator.id, reportId: id, input: { plan: "Interview the buyer and the supplier", evidence: "Car registration copy" } });
    await referToLegal({ actorUserId: investigator.id, reportId: id });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ legalReferral: true, legalHold: true });
    expect((await refused(referToLegal({ actorUserId: investigator.id, reportId: id }))).code).toBe("alreadyReferred");

    // Findings: only at INVESTIGATION; not approvable by the investigator.
    expect((await refused(approveFindings({ actorUserId: lead.id, reportId: id }))).code).toBe("wrongStage");
    await recordFindings({ actorUserId: investigator.id, reportId: id, input: FINDINGS });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ status: "FINDINGS", outcome: "SUBSTANTIATED", findingsApprovedAt: null });
    expect(report.findingsRecordedAt).toBeInstanceOf(Date);

    const before = await snapshot(id);
    const attempts = [() => approveFindings({ actorUserId: investigator.id, reportId: id }), () => sendBackFindings({ actorUserId: investigator.id, reportId: id, input: { reason: "x" } })];
    for (const attempt of attempts) {
      const error = await refused(attempt());
      expect([error.code, error.status]).toEqual(["forbidden", 403]);
    }
    // Closing needs approved findings.
    expect((await refused(closeCase({ actorUserId: lead.id, reportId: id, input: { lessons: "x" } }))).code).toBe("notApproved");
    expect((await refused(closeCase({ actorUserId: investigator.id, reportId: id, input: { lessons: "x" } }))).code).toBe("notApproved");
    expect(await snapshot(id)).toEqual(before);

    await approveFindings({ actorUserId: lead.id, reportId: id });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report.findingsApprovedByUserId).toBe(lead.id);
    expect(report.findingsApprovedAt).toBeInstanceOf(Date);
    expect((await refused(approveFindings({ actorUserId: lead.id, reportId: id }))).code).toBe("alreadyApproved");

    // The investigator closes the approved case with the lessons learned.
    await closeCase({ actorUserId: investigator.id, reportId: id, input: { lessons: "Gifts register for buyers" } });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report.status).toBe("CLOSED");
    expect(report.closedAt).toBeInstanceOf(Date);

    // Reopening: the lead, with a reason that becomes an internal note; the investigator may not.
    expect((await refused(reopenCase({ actorUserId: investigator.id, reportId: id, input: { reason: "x" } }))).status).toBe(403);
    expect(await invalid(reopenCase({ actorUserId: lead.id, reportId: id, input: { reason: "   " } }))).toEqual({ reason: "required" });
    await reopenCase({ actorUserId: lead.id, reportId: id, input: { reason: "New evidence from the supplier" } });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ status: "INVESTIGATION", reopenCount: 1, closedAt: null, findingsApprovedAt: null, findingsApprovedByUserId: null, outcome: null });
    expect(await internalNotes(id)).toEqual(["New evidence from the supplier"]);

    // The evidence hold is lifted only by those who approve.
    expect((await refused(liftLegalHold({ actorUserId: investigator.id, reportId: id, input: { reason: "x" } }))).status).toBe(403);
    await liftLegalHold({ actorUserId: lead.id, reportId: id, input: { reason: "The court case is over" } });
    report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ legalReferral: true, legalHold: false });
    expect((await refused(liftLegalHold({ actorUserId: lead.id, reportId: id, input: { reason: "again" } }))).code).toBe("noHold");

    // Every step is on the timeline and in the audit log.
    const types = (await eventTypes(id)).map((e) => e.type);
    expect(types.filter((t) => t !== "report.submitted")).toEqual([
      "status.changed",
      "triage.saved",
      "triage.saved",
      "status.changed",
      "investigation.started",
      "investigation.updated",
      "legal.referred",
      "status.changed",
      "findings.recorded",
      "findings.approved",
      "status.changed",
      "case.closed",
      "status.changed",
      "message.posted",
      "case.reopened",
      "message.posted",
      "legal.hold.lifted",
    ]);
    const moves = (await eventTypes(id)).filter((e) => e.type === "status.changed").map((e) => `${e.details.from}→${e.details.to}`);
    expect(moves).toEqual(["NEW→TRIAGE", "TRIAGE→INVESTIGATION", "INVESTIGATION→FINDINGS", "FINDINGS→CLOSED", "CLOSED→INVESTIGATION"]);
    const audited = await db.auditEvent.findMany({ where: { objectId: id, action: { startsWith: "case." }, NOT: { action: "case.read" } }, orderBy: { seq: "asc" }, select: { action: true, actorUserId: true } });
    expect(audited.map((a) => a.action)).toEqual(types.filter((t) => t !== "report.submitted").map((t) => `case.${t}`));
    expect(new Set(audited.map((a) => a.actorUserId))).toEqual(new Set([lead.id, investigator.id]));
  });

  it("refuses to start the investigation without an assignee or a severity, saving nothing", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "4", category: "GIFTS" } });
    const before = await snapshot(id);
    const error = await refused(startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "Look into it" } }));
    expect([error.code, error.status]).toEqual(["assignFirst", 400]);
    expect(await snapshot(id)).toEqual(before);
    // A plan is required too.
    await assign(id, people.investigator.id);
    expect(await invalid(startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "" } }))).toEqual({ plan: "required" });
    expect(await statusOf(id)).toBe("TRIAGE");
    // An ended assignment does not count.
    const other = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: other, input: { severity: "4", category: "GIFTS" } });
    await db.caseAssignment.create({ data: { reportId: other, userId: people.investigator.id, endedAt: new Date(), endReason: "recused" } });
    expect((await refused(startInvestigation({ actorUserId: people.lead.id, reportId: other, input: { plan: "p" } }))).code).toBe("assignFirst");
    // A case still NEW cannot start: triage first.
    const fresh = await newCase();
    await assign(fresh, people.investigator.id);
    expect((await refused(startInvestigation({ actorUserId: people.lead.id, reportId: fresh, input: { plan: "p" } }))).code).toBe("wrongStage");
  });

  it("closes straight from triage when no investigation is needed (triage role, with a reason)", async () => {
    const id = await newCase();
    expect((await refused(closeWithoutInvestigation({ actorUserId: people.lead.id, reportId: id, input: { reason: "r" } }))).code).toBe("wrongStage");
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "5", category: "OTHER" } });
    await assign(id, people.investigator.id);
    expect((await refused(closeWithoutInvestigation({ actorUserId: people.investigator.id, reportId: id, input: { reason: "r" } }))).status).toBe(403);
    expect(await invalid(closeWithoutInvestigation({ actorUserId: people.lead.id, reportId: id, input: {} }))).toEqual({ reason: "required" });
    await closeWithoutInvestigation({ actorUserId: people.lead.id, reportId: id, input: { reason: "Not a breach: the gift was a calendar" } });
    const report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report.status).toBe("CLOSED");
    expect(report.closedAt).toBeInstanceOf(Date);
    const closed = (await eventTypes(id)).find((e) => e.type === "case.closed");
    expect(closed?.details).toEqual({ route: "noInvestigation", outcome: null, reporterTold: false });
  });

  it("sends findings back to investigation with the reason as an internal note, keeping the draft", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "3", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "p" } });
    await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { ...FINDINGS, outcome: "NOT_SUBSTANTIATED", lossAmount: "" } });
    await approveFindings({ actorUserId: people.lead.id, reportId: id });
    await sendBackFindings({ actorUserId: people.lead.id, reportId: id, input: { reason: "Interview the driver too" } });
    const report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({ status: "INVESTIGATION", outcome: null, findingsApprovedAt: null, findingsRecordedAt: null });
    expect(report.sealedFindings).not.toBeNull();
    expect(await internalNotes(id)).toEqual(["Interview the driver too"]);
    expect(availableActions(report, { triage: true, work: true, approve: true })).toEqual(["investigation", "findings", "refer"]);
  });

  it("checks the findings: an outcome, a cause, and a loss in CNY with at most two decimals (optional when not substantiated)", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "3", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "p" } });
    expect(await invalid(recordFindings({ actorUserId: people.investigator.id, reportId: id, input: {} }))).toEqual({ outcome: "choice", cause: "required" });
    expect(await invalid(recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { ...FINDINGS, lossAmount: "12.345" } }))).toEqual({ lossAmount: "lossAmount" });
    expect(await invalid(recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { ...FINDINGS, lossAmount: "-5" } }))).toEqual({ lossAmount: "lossAmount" });
    expect(await invalid(recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { ...FINDINGS, lossAmount: "" } }))).toEqual({ lossAmount: "required" });
    expect(await invalid(saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "6", category: "NOPE" } }))).toEqual({ severity: "choice", category: "choice" });
    expect(await statusOf(id)).toBe("INVESTIGATION");
    await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { ...FINDINGS, outcome: "PARTLY_SUBSTANTIATED", lossAmount: "0" } });
    expect(await statusOf(id)).toBe("FINDINGS");
  });

  it("hides the case from an investigator who is not assigned (404), and from roles without case access (403)", async () => {
    const id = await newCase();
    expect((await refused(saveTriage({ actorUserId: people.outsider.id, reportId: id, input: { severity: "1", category: "GIFTS" } }))).status).toBe(404);
    const { user } = await createUser();
    const employee = (await loadCurrentUser(user.id))!;
    expect((await refused(saveTriage({ actorUserId: employee.id, reportId: id, input: { severity: "1", category: "GIFTS" } }))).status).toBe(403);
  });
});

describe("the urgent flag", () => {
  it("mails the active auditors who are not excluded at once, with nothing of the report in the mail", async () => {
    const text = `Urgent canary ${randomBytes(6).toString("hex")}`;
    const id = await newCase(text);
    await db.caseExclusion.create({ data: { reportId: id, userId: people.excludedAuditor.id, reason: "INVOLVED" } });
    const reference = (await db.report.findUniqueOrThrow({ where: { id } })).reference;
    const mailsBefore = await db.outboxEmail.findMany({ select: { id: true } });
    const known = new Set(mailsBefore.map((m) => m.id));

    const result = await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "1", category: "GIFTS", urgent: "on" } });
    expect(result.notifiedAuditors).toBe(1);
    const mails = (await db.outboxEmail.findMany()).filter((m) => !known.has(m.id));
    expect(mails.map((m) => m.toAddress)).toEqual([people.auditor.email]);
    const [mail] = mails;
    expect(mail.template).toBe("caseUrgent");
    expect(mail.textBody).toContain(`/cases/${id}`);
    for (const body of [mail.subject, mail.textBody, mail.htmlBody]) {
      expect(body).not.toContain(text);
      expect(body).not.toContain(reference);
      expect(body).not.toMatch(/gift|GIFTS/i);
    }
    const flagged = (await eventTypes(id)).find((e) => e.type === "urgent.flagged");
    expect(flagged?.details).toEqual({ notified: 1 });

    // Saving again with the flag still up mails nobody; lowering it is recorded.
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "1", category: "GIFTS", urgent: "on" } });
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "1", category: "GIFTS" } });
    expect((await db.outboxEmail.findMany()).filter((m) => !known.has(m.id))).toHaveLength(1);
    expect((await eventTypes(id)).map((e) => e.type)).toContain("urgent.cleared");
  });
});

describe("two handlers at once", () => {
  it("apply a transition once", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "2", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    const results = await Promise.allSettled([
      startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "Plan A" } }),
      startInvestigation({ actorUserId: people.lead2.id, reportId: id, input: { plan: "Plan B" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(rejected.reason).toBeInstanceOf(WorkflowError);
    expect(["conflict", "wrongStage"]).toContain((rejected.reason as WorkflowError).code);
    expect((await eventTypes(id)).filter((e) => e.type === "investigation.started")).toHaveLength(1);
    expect((await eventTypes(id)).filter((e) => e.type === "status.changed" && e.details.to === "INVESTIGATION")).toHaveLength(1);
  });

  it("raise the urgent flag once: the auditors get one mail", async () => {
    const id = await newCase();
    const before = await db.outboxEmail.count({ where: { toAddress: people.auditor.email } });
    const results = await Promise.allSettled([
      saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "1", category: "GIFTS", urgent: "on" } }),
      saveTriage({ actorUserId: people.lead2.id, reportId: id, input: { severity: "1", category: "GIFTS", urgent: "on" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect(await db.outboxEmail.count({ where: { toAddress: people.auditor.email } })).toBe(before + 1);
    expect((await eventTypes(id)).filter((e) => e.type === "urgent.flagged")).toHaveLength(1);
    expect((await eventTypes(id)).filter((e) => e.type === "status.changed")).toHaveLength(1);
  });
});

describe("sealed plan, findings and lessons", () => {
  it("are not in the database in the clear and open to exactly what was typed", async () => {
    const canary = (tag: string) => `${tag}-${randomBytes(6).toString("hex")} 调查计划 🕵️ <script>alert(1)</script> "quotes" \\ 'x'\n second line`;
    const plan = canary("PLAN");
    const evidence = canary("EVIDENCE");
    const cause = canary("CAUSE");
    const responsible = canary("RESPONSIBLE");
    const sanction = canary("SANCTION");
    const lessons = canary("LESSONS");
    const reason = canary("REASON");
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "2", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "first plan" } });
    await saveInvestigation({ actorUserId: people.investigator.id, reportId: id, input: { plan, evidence } });
    await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { outcome: "SUBSTANTIATED", cause, lossAmount: "1000000", responsible, sanction } });
    await approveFindings({ actorUserId: people.lead.id, reportId: id });
    await closeCase({ actorUserId: people.lead.id, reportId: id, input: { lessons } });

    const needles = [plan, evidence, cause, responsible, sanction, lessons].map((s) => s.split("-")[1].split(" ")[0]);
    const report = await db.report.findUniqueOrThrow({ where: { id } });
    const places = [
      JSON.stringify(report),
      JSON.stringify(await db.caseEvent.findMany({ where: { reportId: id } })),
      JSON.stringify(await db.auditEvent.findMany({ where: { objectId: id } })),
      JSON.stringify(await db.caseMessage.findMany({ where: { reportId: id } })),
      JSON.stringify(await db.outboxEmail.findMany()),
    ];
    for (const place of places) for (const needle of needles) expect(place).not.toContain(needle);
    expect(report.sealedInvestigation).toMatch(/^v1\./);
    // Bound to their row and column: the findings do not open as the lessons.
    const { key } = await openCaseAs({ cookie: await sessionCookieFor(people.lead.id) }, id, "workflow");
    expect(() => openField(key!, report.sealedFindings!, fieldContext("Report", id, "lessons"))).toThrow();

    // Read as the page reads them: through requireCase and an audited openCaseKey.
    const reads = await db.auditEvent.count({ where: { objectId: id, action: "case.read" } });
    const access = await requireCase(getRequest(`/cases/${id}/workflow`, await sessionCookieFor(people.lead.id)), id);
    const record = await loadWorkflow(access);
    expect(record.investigation).toEqual({ plan, evidence });
    expect(record.findings).toEqual({ outcome: "SUBSTANTIATED", cause, lossAmount: "1000000", responsible, sanction });
    expect(record.lessons).toBe(lessons);
    expect(record.approvedBy).toMatchObject({ nameEn: expect.any(String) });
    const read = await db.auditEvent.findFirst({ where: { objectId: id, action: "case.read" }, orderBy: { seq: "desc" } });
    expect(await db.auditEvent.count({ where: { objectId: id, action: "case.read" } })).toBe(reads + 1);
    expect(JSON.parse(read!.details ?? "{}")).toMatchObject({ section: "workflow" });

    // The reopen reason is an internal note, sealed the same way.
    await reopenCase({ actorUserId: people.lead.id, reportId: id, input: { reason } });
    expect(await internalNotes(id)).toEqual([reason]);
    const note = JSON.stringify(await db.caseMessage.findMany({ where: { reportId: id } }));
    expect(note).not.toContain(reason.split("-")[1].split(" ")[0]);
  });
});

describe("the workflow tab (route)", () => {
  const url = (id: string) => `/cases/${id}/workflow`;

  it("shows the lead the triage form, keeps what was typed on an error, and redirects back on success", async () => {
    const id = await newCase();
    const cookie = await sessionCookieFor(people.lead.id);
    const page = await callLoader(loader, url(id), { cookie, params: { id } });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { actions: string[]; report: { status: string }; record: { investigation: unknown } };
    expect(data.report.status).toBe("NEW");
    expect(data.actions).toEqual(["triage", "markDuplicate"]);

    const bad = await callAction(action, url(id), { intent: "triage", severity: "9", category: "GIFTS", urgent: "on" }, { cookie, params: { id } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ intent: "triage", formError: "formInvalid", fieldErrors: { severity: "choice" }, values: { severity: "9", category: "GIFTS", urgent: "on" } });
    expect(await statusOf(id)).toBe("NEW");

    const ok = await callAction(action, url(id), { intent: "triage", severity: "2", category: "GIFTS" }, { cookie, params: { id } });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/cases/${id}/workflow?done=triage`);
    expect(await statusOf(id)).toBe("TRIAGE");

    // Starting without an assignee: refused with the reason, the plan kept.
    const refusedStart = await callAction(action, url(id), { intent: "start", plan: "My plan" }, { cookie, params: { id } });
    expect(refusedStart.status).toBe(400);
    expect(await refusedStart.json()).toMatchObject({ formError: "assignFirst", values: { plan: "My plan" } });

    const unknown = await callAction(action, url(id), { intent: "explode" }, { cookie, params: { id } });
    expect(unknown.status).toBe(400);
  });

  it("answers 403 to an assigned investigator who tries to approve, 409 to a step at the wrong stage", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "2", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "p" } });
    const cookie = await sessionCookieFor(people.investigator.id);
    const page = await callLoader(loader, url(id), { cookie, params: { id } });
    expect(((await page.json()) as { actions: string[] }).actions).toEqual(["investigation", "findings", "refer"]);
    const approve = await callAction(action, url(id), { intent: "approve" }, { cookie, params: { id } });
    expect(approve.status).toBe(403);
    expect(await approve.json()).toMatchObject({ formError: "forbidden" });
    const leadCookie = await sessionCookieFor(people.lead.id);
    const early = await callAction(action, url(id), { intent: "close", lessons: "l" }, { cookie: leadCookie, params: { id } });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ formError: "wrongStage", values: { lessons: "l" } });
    const outsiderCookie = await sessionCookieFor(people.outsider.id);
    const outsider = await callAction(action, url(id), { intent: "approve" }, { cookie: outsiderCookie, params: { id } });
    expect(outsider.status).toBe(404);
  });
});

/**
 * The page as the server renders it for a request (GET, or a POST answered by the action), through
 * a data router holding the real loader and action, under a root that says "English".
 */
async function renderPage(request: Request): Promise<string> {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale: "en", timeZone: "Asia/Shanghai" }),
      children: [{ id: "workflow", path: "cases/:id/workflow", loader, action, Component: WorkflowPage }],
    },
  ];
  const handler = createStaticHandler(routes as Parameters<typeof createStaticHandler>[0]);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`expected a page, got ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  return html;
}

const intents = (html: string) => [...html.matchAll(/name="intent" value="([^"]+)"/g)].map((m) => m[1]);

describe("the workflow tab (page)", () => {
  const url = (id: string) => `/cases/${id}/workflow`;

  it("offers the lead triage with the written severity definitions, and keeps what was typed on an error", async () => {
    const id = await newCase();
    const cookie = await sessionCookieFor(people.lead.id);
    const page = await renderPage(getRequest(url(id), cookie));
    expect(intents(page)).toEqual(["triage", "markDuplicate"]);
    expect(page).toContain('aria-current="step"');
    expect(page).toContain("Senior management (department head or above) involved");
    expect(page).toContain("A minor breach with no loss");

    const failed = await renderPage(postRequest(url(id), { intent: "triage", severity: "", category: "OTHER", urgent: "on" }, cookie));
    expect(failed).toContain("Choose one of the options.");
    expect(failed).toMatch(/<option value="OTHER" selected="">/);
    expect(failed).toMatch(/name="urgent"[^>]*checked=""/);
  });

  it("shows the assigned investigator the sealed record as text and only the investigation's forms", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "2", category: "GIFTS" } });
    await assign(id, people.investigator.id);
    await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "Check the <script>alert(1)</script> invoices\nthen the car" } });
    const page = await renderPage(getRequest(url(id), await sessionCookieFor(people.investigator.id)));
    expect(intents(page)).toEqual(["investigation", "refer", "findings"]);
    expect(page).toContain("Check the &lt;script&gt;alert(1)&lt;/script&gt; invoices<br/>then the car");
    expect(page).not.toContain("<script>alert(1)");
  });

  it("shows a closed case's lessons and offers the lead only reopening", async () => {
    const id = await newCase();
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "5", category: "GIFTS" } });
    await closeWithoutInvestigation({ actorUserId: people.lead.id, reportId: id, input: { reason: "A calendar, not a gift" } });
    const page = await renderPage(getRequest(url(id), await sessionCookieFor(people.lead.id)));
    expect(intents(page)).toEqual(["reopen"]);
    expect(page).toContain("A calendar, not a gift");
    expect(page).toContain('<span class="badge warn" title="current stage">5');
  });
});
