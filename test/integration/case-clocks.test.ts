// Clock reminders: before the acknowledgement or feedback clock runs out (or once it
// has), the case's assignees — or, while nobody is assigned, those who triage it — get one
// content-free email per clock, never an excluded or disabled user, and never twice, even when two
// instances sweep at the same moment. A met clock, a closed or a purged case gets none.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { resetEnvCache } from "~/modules/config/env.server";
import { formatReference } from "~/modules/hotline/receipt";
import { formatDueInZone, sendClockReminders } from "~/modules/cases/clocks.server";
import { drainOutbox } from "~/modules/mail/sender.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createUser } from "../factories/people";
import { runTogether } from "../factories/processes";
import { startSmtpServer, type TestSmtpServer } from "../factories/smtp";
import { assignDirectly, fileReportWithReceipt } from "../factories/cases";

const DAY = 86_400_000;
const ZONE = "Asia/Shanghai";
const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
const canaryOf = (tag: string) => `CANARY${tag}${randomBytes(6).toString("hex")}`;

type U = { id: string; email: string };
let leadA: U;
let leadB: U;
let disabledLead: U;
let investigator: U;
let auditor: U;
let smtp: TestSmtpServer;

/** A report received at `receivedAt` (its clocks start there), with its reference. */
async function fileReport(receivedAt: Date, whatHappened = "A supplier paid for a holiday.") {
  const filed = await fileReportWithReceipt({ category: "MISAPPROPRIATION", answers: { whatHappened } }, { now: receivedAt });
  return { ...filed, reference: filed.receipt.reference };
}

/** The message as a mail client shows its text parts (the sender writes them quoted-printable). */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
}

/** The reminders queued for one case, per recipient. */
async function remindersFor(reportId: string) {
  return db.outboxEmail.findMany({ where: { template: "caseClockDue", textBody: { contains: `/cases/${reportId}` } }, orderBy: { toAddress: "asc" } });
}

async function exclude(reportId: string, userId: string) {
  await db.caseExclusion.create({ data: { reportId, userId, reason: "REPORTER_EXCLUDED" } });
}


beforeAll(async () => {
  leadA = (await createUser({ roles: ["compliance_lead"], locale: "en" })).user;
  leadB = (await createUser({ roles: ["compliance_lead"], locale: "zh_CN" })).user;
  disabledLead = (await createUser({ roles: ["compliance_lead"] })).user;
  await db.user.update({ where: { id: disabledLead.id }, data: { status: "DISABLED" } });
  investigator = (await createUser({ roles: ["investigator"], locale: "en" })).user;
  auditor = (await createUser({ roles: ["auditor"], locale: "en" })).user;
  smtp = await startSmtpServer();
  resetEnvCache();
});

afterAll(async () => {
  await smtp.stop();
});

describe("clock reminders", () => {
  it("reminds the triagers before the acknowledgement clock runs out, not earlier, and only once", async () => {
    const received = new Date("2026-03-02T02:00:00Z");
    const report = await fileReport(received);
    // Acknowledgement due in 7 days, reminders 2 days before: nothing 4 days in.
    await sendClockReminders({ now: at(received, 4) });
    expect(await remindersFor(report.reportId)).toHaveLength(0);

    const sweepAt = at(received, 5.5);
    await sendClockReminders({ now: sweepAt });
    const mails = await remindersFor(report.reportId);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([leadA.email, leadB.email].sort());
    const row = await db.report.findUniqueOrThrow({ where: { id: report.reportId } });
    expect(row.acknowledgeReminderAt?.toISOString()).toBe(sweepAt.toISOString());
    expect(row.feedbackReminderAt).toBeNull();
    const english = mails.find((m) => m.toAddress === leadA.email)!;
    expect(english.textBody).toContain("acknowledgement");
    expect(english.textBody).toContain(formatDueInZone(row.acknowledgeDueAt, ZONE));
    expect(english.textBody).toContain("2026-03-09 10:00 (Asia/Shanghai)");
    expect(english.textBody).not.toContain("passed");
    expect(mails.find((m) => m.toAddress === leadB.email)!.subject).toBe("案件期限将至");

    const events = await db.caseEvent.findMany({ where: { reportId: report.reportId, type: "reminder.sent" } });
    expect(events).toMatchObject([{ actorKind: "SYSTEM", actorUserId: null }]);
    expect(JSON.parse(events[0].details)).toMatchObject({ clock: "acknowledge" });
    expect(await db.auditEvent.count({ where: { objectId: report.reportId, action: "case.reminder.sent" } })).toBe(1);

    // Later sweeps, even once the clock has run out, send nothing more for this clock.
    await sendClockReminders({ now: at(received, 6) });
    await sendClockReminders({ now: at(received, 8) });
    expect(await remindersFor(report.reportId)).toHaveLength(2);
  });

  it("reminds about a clock that has already run out", async () => {
    const received = new Date("2026-01-05T02:00:00Z");
    const report = await fileReport(received);
    await sendClockReminders({ now: at(received, 30) });
    const mails = await remindersFor(report.reportId);
    expect(mails).toHaveLength(2);
    expect(mails.find((m) => m.toAddress === leadA.email)!.textBody).toContain("that time has passed");
    expect(mails.find((m) => m.toAddress === leadB.email)!.textBody).toContain("现已逾期");
    expect(await db.caseEvent.count({ where: { reportId: report.reportId, type: "reminder.sent" } })).toBe(1);
  });

  it("sends the feedback reminder to the assignees only, and never to an excluded or disabled user", async () => {
    const received = new Date("2026-04-01T02:00:00Z");
    const report = await fileReport(received);
    await db.report.update({ where: { id: report.reportId }, data: { acknowledgedAt: at(received, 1) } });
    await exclude(report.reportId, leadB.id);
    // No assignee: the leads who may see the case (not B, excluded; not the disabled one).
    const feedbackDue = (await db.report.findUniqueOrThrow({ where: { id: report.reportId } })).feedbackDueAt;
    await sendClockReminders({ now: at(feedbackDue, -1) });
    expect((await remindersFor(report.reportId)).map((m) => m.toAddress)).toEqual([leadA.email]);
    expect((await db.report.findUniqueOrThrow({ where: { id: report.reportId } })).acknowledgeReminderAt).toBeNull();

    const second = await fileReport(received);
    await db.report.update({ where: { id: second.reportId }, data: { acknowledgedAt: at(received, 1) } });
    await assignDirectly(second.reportId, investigator.id);
    await sendClockReminders({ now: at(feedbackDue, -1) });
    const mails = await remindersFor(second.reportId);
    expect(mails.map((m) => m.toAddress)).toEqual([investigator.email]);
    expect(mails[0].textBody).toContain("feedback");
    expect(mails[0].textBody).toContain(formatDueInZone(feedbackDue, ZONE));
  });

  it("an excluded assignee gets nothing; when every lead is excluded the auditors are reminded", async () => {
    const received = new Date("2026-05-04T02:00:00Z");
    const report = await fileReport(received);
    for (const lead of [leadA, leadB, disabledLead]) await exclude(report.reportId, lead.id);
    await db.report.update({ where: { id: report.reportId }, data: { auditorTriage: true } });
    await sendClockReminders({ now: at(received, 6) });
    expect((await remindersFor(report.reportId)).map((m) => m.toAddress)).toEqual([auditor.email]);

    const other = await fileReport(received);
    await assignDirectly(other.reportId, investigator.id);
    await exclude(other.reportId, investigator.id);
    await sendClockReminders({ now: at(received, 6) });
    // The excluded assignee is skipped; with nobody else assigned, the leads are told instead.
    expect((await remindersFor(other.reportId)).map((m) => m.toAddress).sort()).toEqual([leadA.email, leadB.email].sort());
  });

  it("sends nothing for a met clock, a closed case or a purged one", async () => {
    const received = new Date("2026-06-01T02:00:00Z");
    const met = await fileReport(received);
    await db.report.update({ where: { id: met.reportId }, data: { acknowledgedAt: at(received, 1) } });
    const closed = await fileReport(received);
    await db.report.update({ where: { id: closed.reportId }, data: { status: "CLOSED", closedAt: at(received, 2) } });
    const purged = await fileReport(received);
    await db.report.update({ where: { id: purged.reportId }, data: { purgedAt: at(received, 2) } });
    await sendClockReminders({ now: at(received, 6) });
    for (const r of [met, closed, purged]) {
      expect(await remindersFor(r.reportId)).toHaveLength(0);
      expect(await db.caseEvent.count({ where: { reportId: r.reportId, type: "reminder.sent" } })).toBe(0);
    }
  });

  it("two instances sweeping at the same moment send one reminder", { timeout: 90_000 }, async () => {
    const received = new Date("2026-07-01T02:00:00Z");
    const reports = [];
    for (let i = 0; i < 5; i += 1) reports.push(await fileReport(received));
    const now = at(received, 6);
    const children = await runTogether("test/fixtures/clock-sweep.ts", 2, { args: () => [now.toISOString()] });
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    // And two in this process at once, for good measure (nothing left to send).
    await Promise.all([sendClockReminders({ now }), sendClockReminders({ now })]);
    for (const r of reports) {
      expect((await remindersFor(r.reportId)).map((m) => m.toAddress).sort()).toEqual([leadA.email, leadB.email].sort());
      expect(await db.caseEvent.count({ where: { reportId: r.reportId, type: "reminder.sent" } })).toBe(1);
    }
    const counted = children.map((c) => JSON.parse(c.stdout.trim().split("\n").pop()!) as { cases: number });
    expect(counted.reduce((sum, c) => sum + c.cases, 0)).toBeGreaterThanOrEqual(5);
  });

  it("says nothing of the report: no text, category or reference, in the outbox or the delivered mail", async () => {
    const received = new Date("2026-08-03T02:00:00Z");
    const canary = canaryOf("CLK");
    const report = await fileReport(received, `${canary} 供应商送了一个红包`);
    await assignDirectly(report.reportId, investigator.id);
    await sendClockReminders({ now: at(received, 6) });
    const [mail] = await remindersFor(report.reportId);
    expect(mail.toAddress).toBe(investigator.email);

    await drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url }) });
    const delivered = smtp.to(investigator.email).filter((m) => decodeQuotedPrintable(m.raw).includes(`/cases/${report.reportId}`));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].subject).toBe("A case deadline is near");
    const raw = decodeQuotedPrintable(delivered[0].raw);
    expect(raw).toContain(`/cases/${report.reportId}`);

    const stored = JSON.stringify(mail);
    for (const text of [stored, raw, delivered[0].subject]) {
      for (const needle of [canary, "供应商", report.reference, formatReference(report.reference), "MISAPPROPRIATION"]) {
        expect(text).not.toContain(needle);
      }
      expect(text.toLowerCase()).not.toContain("misappropriation");
    }
  });
});
