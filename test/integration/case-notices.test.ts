// Why a case mail comes (ADR 0019): every handoff tells the right people — in their language, with a
// subject and one line of its own and the case's link — and never the excluded, never a disabled
// account, never anything of the report (its text, its category, the names of the people involved,
// a message). Delivered through the outbox to a real SMTP server, as in production.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { submitReport } from "~/modules/hotline/reports.server";
import { postCaseMessage } from "~/modules/cases/messages.server";
import { assignHandler, recuse } from "~/modules/cases/assignment.server";
import { decideIdentityRequest, requestIdentity } from "~/modules/cases/identity.server";
import { recomputeAuditorTriage } from "~/modules/cases/conflicts.server";
import { approveFindings, recordFindings, reopenCase, saveTriage, sendBackFindings, startInvestigation, closeCase } from "~/modules/cases/workflow.server";
import { drainOutbox } from "~/modules/mail/sender.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { getMessages } from "~/i18n/messages";
import { createCaseViewer, fileReportWithReceipt } from "../factories/cases";
import { startSmtpServer, type TestSmtpServer } from "../factories/smtp";

let smtp: TestSmtpServer;
const en = getMessages("en");
const zh = getMessages("zh-CN");

type Person = Awaited<ReturnType<typeof createCaseViewer>>;
const people = {} as Record<"leadEn" | "leadZh" | "excludedLead" | "disabledLead" | "investigator" | "investigator2" | "auditor", Person>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  people.leadEn = await createCaseViewer(["compliance_lead"], { locale: "en" });
  people.leadZh = await createCaseViewer(["compliance_lead"], { locale: "zh_CN" });
  people.excludedLead = await createCaseViewer(["compliance_lead"], { locale: "en" });
  people.disabledLead = await createCaseViewer(["compliance_lead"], { locale: "en" });
  people.investigator = await createCaseViewer(["investigator"], { locale: "en" });
  people.investigator2 = await createCaseViewer(["investigator"], { locale: "zh_CN" });
  people.auditor = await createCaseViewer(["auditor"], { locale: "en" });
  await db.user.update({ where: { id: people.disabledLead.id }, data: { status: "DISABLED" } });
});

afterAll(async () => {
  await smtp.stop();
});

beforeEach(async () => {
  await drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "local" }) });
  smtp.received.length = 0;
});

const REPORT_TEXT = `The buyer took a car from a supplier ${randomBytes(4).toString("hex")}`;

/** A report excluding one lead, as the reporter may; returns the case id and its reference. */
async function newCase(): Promise<{ id: string; reference: string }> {
  const { reportId, receipt } = await fileReportWithReceipt({ answers: { whatHappened: REPORT_TEXT }, excludedUserIds: [people.excludedLead.id] });
  return { id: reportId, reference: receipt.reference };
}

/** Sends what is queued to the SMTP server; returns the subjects each person received, in order. */
async function delivered(): Promise<Record<keyof typeof people, string[]>> {
  await drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url }) });
  return Object.fromEntries(Object.entries(people).map(([k, p]) => [k, smtp.to(p.email).map((m) => m.subject)])) as Record<keyof typeof people, string[]>;
}

/** The raw message without quoted-printable soft line breaks, as a mail client reads it. */
const unfolded = (raw: string) => raw.replace(/=\r?\n/g, "");

/** Nothing of the case in any message sent: not its text, reference, category, nor a message's words. */
async function expectContentFree(forbidden: string[]) {
  expect(smtp.received.length).toBeGreaterThan(0);
  const needles = [REPORT_TEXT, ...forbidden, en.hotline.form.categories.GIFTS.label, zh.hotline.form.categories.GIFTS.label];
  for (const mail of smtp.received) for (const needle of needles) expect(unfolded(mail.raw)).not.toContain(needle);
  // The rendered texts too (a Chinese message travels base64-encoded).
  for (const row of await db.outboxEmail.findMany({ select: { subject: true, textBody: true, htmlBody: true } })) {
    for (const needle of needles) expect(`${row.subject}${row.textBody}${row.htmlBody}`).not.toContain(needle);
  }
}

describe("case notices", () => {
  it("a new report: the leads who may see it, each in their language, never the excluded or the disabled", async () => {
    const { id, reference } = await newCase();
    const got = await delivered();
    expect(got.leadEn).toEqual([en.mail.caseNotices.caseNewReport.subject]);
    expect(got.leadZh).toEqual([zh.mail.caseNotices.caseNewReport.subject]);
    expect(got.excludedLead).toEqual([]);
    expect(got.disabledLead).toEqual([]);
    expect(got.investigator).toEqual([]);
    const mail = smtp.to(people.leadEn.email)[0];
    expect(unfolded(mail.raw)).toContain(`/cases/${id}`);
    await expectContentFree([reference]);
  });

  it("assignment, the reporter's reply, findings to approve, sent back, approved, reopened: each to the right people with its reason", async () => {
    const { id, reference } = await newCase();
    await saveTriage({ actorUserId: people.leadEn.id, reportId: id, input: { severity: "3", category: "GIFTS" } });
    await delivered();
    smtp.received.length = 0;

    await assignHandler({ reportId: id, actorUserId: people.leadEn.id, userId: people.investigator.id });
    let got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseAssigned.subject]);
    expect(got.leadEn).toEqual([]);

    const reply = `Last Wednesday, behind the warehouse ${randomBytes(3).toString("hex")}`;
    await postCaseMessage({ reportId: id, thread: "REPORTER", author: { kind: "REPORTER" }, body: reply });
    got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseAssigned.subject, en.mail.caseNotices.caseReporterReplied.subject]);
    expect(got.leadEn).toEqual([]);

    await startInvestigation({ actorUserId: people.leadEn.id, reportId: id, input: { plan: "Check the gifts register" } });
    smtp.received.length = 0;
    const cause = `Gift accepted against policy ${randomBytes(3).toString("hex")}`;
    await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { outcome: "SUBSTANTIATED", cause, lossAmount: "100", responsible: "Buyer Wang", sanction: "warning" } });
    got = await delivered();
    // Those who may approve: the active leads not excluded; never the recorder.
    expect(got.leadEn).toEqual([en.mail.caseNotices.caseFindingsAwaitApproval.subject]);
    expect(got.leadZh).toEqual([zh.mail.caseNotices.caseFindingsAwaitApproval.subject]);
    expect(got.excludedLead).toEqual([]);
    expect(got.disabledLead).toEqual([]);
    expect(got.investigator).toEqual([]);

    smtp.received.length = 0;
    const why = `Interview the driver too ${randomBytes(3).toString("hex")}`;
    await sendBackFindings({ actorUserId: people.leadEn.id, reportId: id, input: { reason: why } });
    got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseFindingsReturned.subject]);
    expect(got.leadEn).toEqual([]);

    await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { outcome: "SUBSTANTIATED", cause, lossAmount: "100", responsible: "Buyer Wang", sanction: "warning" } });
    await delivered();
    smtp.received.length = 0;
    await approveFindings({ actorUserId: people.leadZh.id, reportId: id });
    got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseFindingsApproved.subject]);
    expect(got.leadZh).toEqual([]);

    await closeCase({ actorUserId: people.investigator.id, reportId: id, input: { lessons: "Register gifts", notifyReporter: "" } });
    await delivered();
    smtp.received.length = 0;
    await reopenCase({ actorUserId: people.leadEn.id, reportId: id, input: { reason: why } });
    got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseReopened.subject]);

    await expectContentFree([reference, reply, cause, why, "Buyer Wang"]);
    // Each mail says one line about its reason and links the case.
    const reopened = smtp.to(people.investigator.email)[0];
    expect(unfolded(reopened.raw)).toContain(`/cases/${id}`);
  });

  it("recusal, identity requests and their decisions, and the hand-over to the auditors: each with its own subject", async () => {
    const filed = await submitReport({ input: {
      category: "GIFTS",
      answers: { whatHappened: REPORT_TEXT },
      submissionKey: randomBytes(12).toString("hex"),
      identityMode: "CONFIDENTIAL",
      identity: { name: "Reporter Li", contact: "li@example.test" },
    } });
    const id = filed.reportId;
    await assignHandler({ reportId: id, actorUserId: people.leadEn.id, userId: people.investigator.id });
    await assignHandler({ reportId: id, actorUserId: people.leadEn.id, userId: people.investigator2.id });
    await delivered();
    smtp.received.length = 0;

    const justification = `Need to call back ${randomBytes(3).toString("hex")}`;
    await requestIdentity({ reportId: id, actorUserId: people.investigator.id, justification });
    let got = await delivered();
    expect(got.leadEn).toEqual([en.mail.caseNotices.caseIdentityRequested.subject]);
    expect(got.leadZh).toEqual([zh.mail.caseNotices.caseIdentityRequested.subject]);
    expect(got.disabledLead).toEqual([]);

    smtp.received.length = 0;
    const request = await db.identityRequest.findFirstOrThrow({ where: { reportId: id } });
    await decideIdentityRequest({ reportId: id, requestId: request.id, actorUserId: people.leadEn.id, approve: true });
    got = await delivered();
    expect(got.investigator).toEqual([en.mail.caseNotices.caseIdentityApproved.subject]);

    smtp.received.length = 0;
    await recuse({ reportId: id, actorUserId: people.investigator2.id, reason: `Conflict ${randomBytes(3).toString("hex")}` });
    got = await delivered();
    expect(got.leadEn).toEqual([en.mail.caseNotices.caseAssigneeRecused.subject]);
    expect(got.leadZh).toEqual([zh.mail.caseNotices.caseAssigneeRecused.subject]);
    expect(got.investigator2).toEqual([]);

    // Every lead excluded: the auditors triage now, and are told so.
    smtp.received.length = 0;
    await db.caseExclusion.createMany({
      data: [people.leadEn, people.leadZh, people.excludedLead, people.disabledLead].map((p) => ({ reportId: id, userId: p.id, reason: "INVOLVED" as const })),
    });
    await db.$transaction((tx) => recomputeAuditorTriage(tx, { reportId: id }));
    got = await delivered();
    expect(got.auditor).toEqual([en.mail.caseNotices.caseTriageHandedOver.subject]);
    expect(got.leadEn).toEqual([]);
    await expectContentFree([justification, "Reporter Li", "li@example.test"]);
  });

  it("the urgent flag tells the auditors with a subject of its own", async () => {
    const { id } = await newCase();
    await delivered();
    smtp.received.length = 0;
    await saveTriage({ actorUserId: people.leadEn.id, reportId: id, input: { severity: "1", category: "GIFTS", urgent: "on" } });
    const got = await delivered();
    expect(got.auditor).toEqual([en.mail.caseNotices.caseUrgent.subject]);
  });

  it("has a subject and a line of its own for every reason, in both languages", () => {
    const reasons = Object.keys(en.mail.caseNotices).filter((k) => k !== "action") as (keyof typeof en.mail.caseNotices)[];
    for (const m of [en, zh]) {
      const subjects = reasons.map((r) => (m.mail.caseNotices[r] as { subject: string }).subject);
      const bodies = reasons.map((r) => (m.mail.caseNotices[r] as { body: string }).body);
      expect(new Set(subjects).size).toBe(reasons.length);
      expect(new Set(bodies).size).toBe(reasons.length);
      for (const body of bodies) expect(body).not.toContain("\n");
    }
  });
});
