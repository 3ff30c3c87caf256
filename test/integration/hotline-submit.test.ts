// Filing a report: the report, its sealed content and attachments, exclusions, clocks, the
// timeline, the audit event and the leads' notifications are written together or not at all; nothing a
// reporter wrote (nor the receipt) is readable in the database; a double submit makes one report.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { putSetting, SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { formatReceipt, parseReceipt } from "~/modules/hotline/receipt";
import { verifyReceiptSecret } from "~/modules/hotline/receipt.server";
import { prepareAttachment } from "~/modules/hotline/attachments.server";
import {
  NoTriagerRemainsError,
  ReportValidationError,
  submitReport,
  UnknownExclusionError,
  type SubmitReportInput,
} from "~/modules/hotline/reports.server";
import { createUser } from "../factories/people";
import { createHandler, readAttachmentAs, readReportAs, type TestHandler } from "../factories/cases";
import { databaseContains } from "../factories/database-search";
import { submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";

const key = () => randomBytes(16).toString("hex");
const canaryOf = (tag: string) => `CANARY${tag}${randomBytes(6).toString("hex")}`;

function baseInput(overrides: Partial<SubmitReportInput> = {}): SubmitReportInput {
  return {
    category: "GIFTS",
    answers: { whatHappened: "A supplier paid for a holiday." },
    submissionKey: key(),
    ...overrides,
  };
}

async function counts() {
  const [reports, events, audits, mails, exclusions, attachments, chunks] = await Promise.all([
    db.report.count(),
    db.caseEvent.count(),
    db.auditEvent.count(),
    db.outboxEmail.count(),
    db.caseExclusion.count(),
    db.caseAttachment.count(),
    db.attachmentChunk.count(),
  ]);
  return { reports, events, audits, mails, exclusions, attachments, chunks };
}

let leads: TestHandler[];
let investigator: { id: string };

beforeAll(async () => {
  leads = [];
  for (let i = 0; i < 2; i += 1) {
    leads.push(await createHandler("compliance_lead"));
  }
  investigator = (await createUser({ roles: ["investigator"] })).user;
});

describe("submitting a report", () => {
  it("stores it sealed: exact round trip, a verifying receipt, and nothing readable in the database", async () => {
    const canary = canaryOf("A");
    const hostile = `${canary} 供应商送了一个红包 🧧🙈 <script>alert("x")</script> '; DROP TABLE "Report"; -- \u202Eevil\u0000 ${"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"}`;
    const chineseCanary = `举报内容${randomBytes(4).toString("hex")}绝密`;
    const fileCanary = canaryOf("F");
    const nameCanary = canaryOf("N");
    const identityCanary = canaryOf("I");
    const attachment = await prepareAttachment(Buffer.from(`${fileCanary}\n证据：账目不符。\n`, "utf8"));
    const answers = {
      whatHappened: hostile,
      when: "2026年11月 <b>bold</b>",
      where: chineseCanary,
      involved: "王经理 & <img src=x onerror=alert(1)>",
      howKnown: "我亲眼看到 👀",
      othersAware: "\n  leading and trailing space kept  \n",
    };
    const identity = { name: `张三 ${identityCanary}`, contact: "+86 138 0000 0000 / zhang@example.test" };

    const input = baseInput({ category: "MISAPPROPRIATION", answers, identityMode: "CONFIDENTIAL", identity });
    const result = await submitReport({ input, attachments: [{ ...attachment, name: `${nameCanary}.txt` }] });
    expect(result.kind).toBe("created");
    if (result.kind !== "created") return;

    const { answers: opened, identity: openedIdentity } = await readReportAs(leads[0], result.reportId);
    expect(opened).toEqual(answers);
    expect(openedIdentity).toEqual(identity);

    const row = await db.report.findUniqueOrThrow({ where: { id: result.reportId }, include: { attachments: true } });
    expect(row).toMatchObject({ channel: "WEB", category: "MISAPPROPRIATION", status: "NEW", identityMode: "CONFIDENTIAL", intakeByUserId: null });
    expect(row.reference).toBe(result.receipt.reference);
    expect(row.attachments).toHaveLength(1);
    const [stored] = row.attachments;
    expect(stored).toMatchObject({ kind: "text", uploadedBy: "REPORTER", chunkCount: 1, size: attachment.bytes.length });
    const download = await readAttachmentAs(leads[0], stored.id);
    expect(download.bytes.equals(attachment.bytes)).toBe(true);
    expect(download.name).toBe(`${nameCanary}.txt`);

    // The receipt as the reporter would type it back, and a wrong one.
    const parsed = parseReceipt(formatReceipt(result.receipt).toLowerCase());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.reference).toBe(row.reference);
    expect(await verifyReceiptSecret(row.receiptHash, parsed.value.secret)).toBe(true);
    const wrong = result.receipt.secret.slice(0, -1) + (result.receipt.secret.endsWith("2") ? "3" : "2");
    expect(await verifyReceiptSecret(row.receiptHash, wrong)).toBe(false);

    // The receipt kept for a repeated post of the form is sealed, and the form's submission key
    // that would open it is not stored either (ADR 0017).
    expect(await db.submissionReceipt.count({ where: { reportId: result.reportId } })).toBe(1);
    const needles = [canary, chineseCanary, fileCanary, nameCanary, identityCanary, result.receipt.secret, formatReceipt(result.receipt), "<script>alert", input.submissionKey];
    expect(await databaseContains(needles)).toEqual([]);
    // The search does find what is stored in the clear, so an empty result above means something.
    expect(await databaseContains([row.reference, row.submissionKey])).toEqual([row.reference, row.submissionKey]);
  });

  it("sets the clocks, writes the timeline and a content-free audit event", async () => {
    const now = new Date("2026-08-31T14:00:00Z"); // 22:00 in Shanghai
    const result = await submitReport({ input: baseInput(), now });
    if (result.kind !== "created") throw new Error("expected a new report");
    const row = await db.report.findUniqueOrThrow({ where: { id: result.reportId } });
    expect(row.receivedAt.toISOString()).toBe(now.toISOString());
    expect(row.acknowledgeDueAt.toISOString()).toBe("2026-09-07T14:00:00.000Z");
    // Three months after 31 August is the last day of November, at the same Shanghai time.
    expect(row.feedbackDueAt.toISOString()).toBe("2026-11-30T14:00:00.000Z");

    const events = await db.caseEvent.findMany({ where: { reportId: result.reportId } });
    expect(events).toMatchObject([{ type: "report.submitted", actorKind: "REPORTER", actorUserId: null }]);
    const audit = await db.auditEvent.findMany({ where: { objectType: "Report", objectId: result.reportId } });
    expect(audit).toMatchObject([{ action: "report.submit", actorKind: "REPORTER", actorUserId: null }]);
    expect(audit[0].details).not.toContain("supplier");
    expect(audit[0].details).not.toContain(row.reference);
  });

  it("takes the clocks' lengths from the settings", async () => {
    await db.$transaction(async (tx) => {
      await putSetting(tx, { key: "hotline.acknowledgeDays", value: 3, actorUserId: null });
      await putSetting(tx, { key: "hotline.feedbackMonths", value: 1, actorUserId: null });
    });
    try {
      const now = new Date("2026-01-31T02:00:00Z");
      const result = await submitReport({ input: baseInput(), now });
      if (result.kind !== "created") throw new Error("expected a new report");
      const row = await db.report.findUniqueOrThrow({ where: { id: result.reportId } });
      expect(row.acknowledgeDueAt.toISOString()).toBe("2026-02-03T02:00:00.000Z");
      expect(row.feedbackDueAt.toISOString()).toBe("2026-02-28T02:00:00.000Z");
    } finally {
      await db.$transaction(async (tx) => {
        await putSetting(tx, { key: "hotline.acknowledgeDays", value: SETTING_DEFAULTS["hotline.acknowledgeDays"], actorUserId: null });
        await putSetting(tx, { key: "hotline.feedbackMonths", value: SETTING_DEFAULTS["hotline.feedbackMonths"], actorUserId: null });
      });
    }
  });

  it("records a handler's intake with its channel and the handler as actor", async () => {
    const result = await submitReport({ input: baseInput({ category: "OTHER" }), channel: "PHONE", intakeByUserId: investigator.id });
    if (result.kind !== "created") throw new Error("expected a new report");
    const row = await db.report.findUniqueOrThrow({ where: { id: result.reportId } });
    expect(row).toMatchObject({ channel: "PHONE", intakeByUserId: investigator.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { objectType: "Report", objectId: result.reportId } });
    expect(audit).toMatchObject({ actorKind: "USER", actorUserId: investigator.id });
    // A web report cannot claim a handler, and an intake needs one.
    await expect(submitReport({ input: baseInput(), channel: "WEB", intakeByUserId: investigator.id })).rejects.toBeInstanceOf(ReportValidationError);
    await expect(submitReport({ input: baseInput(), channel: "LETTER" })).rejects.toBeInstanceOf(ReportValidationError);
  });

  it("tells each compliance lead, once, that a case needs attention — and nothing more", async () => {
    const canary = canaryOf("M");
    const [excludedLead, notifiedLead] = leads;
    const result = await submitReport({ input: baseInput({ category: "FICTITIOUS_TRANSACTIONS", answers: { whatHappened: canary, involved: canary }, excludedUserIds: [excludedLead.id] }) });
    if (result.kind !== "created") throw new Error("expected a new report");

    const allLeads = await db.user.findMany({
      where: { roles: { some: { role: { key: "compliance_lead" } } }, status: "ACTIVE" },
      select: { id: true, email: true },
    });
    const mails = await db.outboxEmail.findMany({ where: { template: "caseNewReport", textBody: { contains: `/cases/${result.reportId}` } } });
    const recipients = mails.map((m) => m.toAddress).sort();
    const expected = allLeads.filter((l) => l.id !== excludedLead.id).map((l) => l.email).sort();
    expect(recipients).toEqual(expected);
    expect(recipients).toContain(notifiedLead.email);
    expect(recipients).not.toContain(excludedLead.email);
    for (const mail of mails) {
      const all = `${mail.subject}\n${mail.textBody}\n${mail.htmlBody}`;
      expect(all).toContain(`http://localhost:3999/cases/${result.reportId}`);
      for (const secret of [canary, result.receipt.reference, result.receipt.secret, "FICTITIOUS", "Fictitious", "虚构"]) {
        expect(all).not.toContain(secret);
      }
    }

    const exclusions = await db.caseExclusion.findMany({ where: { reportId: result.reportId } });
    expect(exclusions).toMatchObject([{ userId: excludedLead.id, reason: "REPORTER_EXCLUDED" }]);
  });

  it("refuses exclusions that leave nobody to triage (every lead excluded, no auditor to take over), and writes nothing", async () => {
    // This file has no auditor: with one, excluding every lead hands the report to the auditors
    // (case-conflicts.test.ts).
    expect(await db.user.count({ where: { roles: { some: { role: { key: "auditor" } } } } })).toBe(0);
    const everyLead = await db.user.findMany({
      where: { roles: { some: { role: { permissions: { some: { permission: { key: "triage:case:any" } } } } } }, status: "ACTIVE" },
      select: { id: true },
    });
    expect(everyLead.length).toBeGreaterThanOrEqual(2);
    const before = await counts();
    await expect(submitReport({ input: baseInput({ excludedUserIds: everyLead.map((u) => u.id) }) })).rejects.toBeInstanceOf(NoTriagerRemainsError);
    // Not a handler (an ordinary employee) or an unknown id: refused as well.
    const { user: employee } = await createUser();
    await expect(submitReport({ input: baseInput({ excludedUserIds: [employee.id] }) })).rejects.toBeInstanceOf(UnknownExclusionError);
    await expect(submitReport({ input: baseInput({ excludedUserIds: ["no-such-user"] }) })).rejects.toBeInstanceOf(UnknownExclusionError);
    expect(await counts()).toEqual(before);

    // Excluding an investigator and all but one lead is fine.
    const ok = await submitReport({ input: baseInput({ excludedUserIds: [investigator.id, ...everyLead.slice(1).map((u) => u.id)] }) });
    expect(ok.kind).toBe("created");
  });

  it("validates the input with error keys per field", async () => {
    const check = async (input: SubmitReportInput, expected: Record<string, string>) => {
      const error = await submitReport({ input }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportValidationError);
      expect((error as ReportValidationError).fieldErrors).toMatchObject(expected);
    };
    await check(baseInput({ category: "BRIBES" as never }), { category: "choice" });
    await check(baseInput({ answers: { whatHappened: "   " } }), { "answers.whatHappened": "required" });
    await check(baseInput({ answers: { whatHappened: "x".repeat(20_001) } }), { "answers.whatHappened": "tooLong" });
    await check(baseInput({ identityMode: "NAMED" }), { "identity.name": "required", "identity.contact": "required" });
    await check(baseInput({ identityMode: "CONFIDENTIAL", identity: { name: "李四", contact: "" } }), { "identity.contact": "required" });
    await check(baseInput({ submissionKey: "short" }), { submissionKey: "invalid" });

    // An anonymous report keeps no identity even if the form sent one.
    const result = await submitReport({ input: baseInput({ identityMode: "ANONYMOUS", identity: { name: "王五", contact: "wang@example.test" } }) });
    if (result.kind !== "created") throw new Error("expected a new report");
    expect((await readReportAs(leads[0], result.reportId)).identity).toBeNull();
    expect((await db.report.findUniqueOrThrow({ where: { id: result.reportId } })).sealedIdentity).toBeNull();
  });

  it("makes one report of a double submit, even when both arrive at once, and gives both the same receipt", async () => {
    const input = baseInput();
    const first = await submitReport({ input });
    const second = await submitReport({ input });
    if (first.kind !== "created") throw new Error("expected a new report");
    expect(second).toEqual({ kind: "repeated", reportId: first.reportId, receipt: first.receipt });

    const racing = baseInput();
    const before = await counts();
    const results = await Promise.all([submitReport({ input: racing }), submitReport({ input: racing })]);
    expect(results.map((r) => r.kind).sort()).toEqual(["created", "repeated"]);
    expect(new Set(results.map((r) => r.reportId)).size).toBe(1);
    const receipts = results.map((r) => ("receipt" in r ? formatReceipt(r.receipt) : null));
    expect(receipts[0]).not.toBeNull();
    expect(receipts[1]).toBe(receipts[0]);
    expect(await db.report.count({ where: { submissionKey: submissionKeyHash(racing.submissionKey) } })).toBe(1);
    const after = await counts();
    expect(after.reports - before.reports).toBe(1);
    expect(after.events - before.events).toBe(1);
  });

  it("leaves no report, event, exclusion, attachment or mail when the transaction fails midway", async () => {
    const attachment = await prepareAttachment(Buffer.from("evidence that must not survive", "utf8"));
    const before = await counts();
    const input = baseInput({ excludedUserIds: [leads[0].id] });
    // The second file fails while it is written: after the report row, the exclusions, the
    // acknowledgement and the first file are already in the transaction.
    const failing = {
      ...attachment,
      get bytes(): Buffer {
        throw new Error("disk full");
      },
    };
    await expect(
      submitReport({ input, attachments: [attachment, failing] }),
    ).rejects.toThrow("disk full");
    expect(await counts()).toEqual(before);
    // The same form can then be sent again and succeeds.
    const retried = await submitReport({ input, attachments: [attachment] });
    expect(retried.kind).toBe("created");
    const after = await counts();
    expect(after.reports - before.reports).toBe(1);
    expect(after.attachments - before.attachments).toBe(1);
  });
});
