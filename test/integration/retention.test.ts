// Retention: a closed case is purged once its retention period has passed, not
// before and never while on legal hold. The purge leaves a content-free record (the Report row's
// reference, category, dates and outcome, the timeline) and an audit event; the content, the key and
// the receipt hash are gone, so the reporter's receipt opens nothing and no copy of the database
// holds the case's words or its ciphertexts.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { putSetting, SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { fieldContext, sealField } from "~/modules/crypto/sealing.server";
import { verifyReceiptSecret } from "~/modules/hotline/receipt.server";
import { formatReceipt } from "~/modules/hotline/receipt";
import { openWithReceipt } from "~/modules/hotline/follow-up.server";
import { caseKeyIn, reporterCaseKey } from "~/modules/cases/access.server";
import { postCaseMessage } from "~/modules/cases/messages.server";
import { purgeExpiredCases } from "~/modules/cases/retention.server";
import { assignDirectly, createHandler, fileReportWithReceipt, openCaseAs, readReportAs, type TestHandler, textAttachment } from "../factories/cases";
import { databaseContains } from "../factories/database-search";

const canaryOf = (tag: string) => `CANARY${tag}${randomBytes(6).toString("hex")}`;

// The lead is excluded from every case here (linked as involved); the assigned investigator reads them.
let lead: TestHandler;
let investigator: TestHandler;

beforeAll(async () => {
  lead = await createHandler("compliance_lead");
  investigator = await createHandler("investigator");
});

/** A closed case with content in every place a case keeps it; returns what the purge must remove. */
async function closedCaseWithContent(closedAt: Date, opts: { legalHold?: boolean } = {}) {
  const canary = canaryOf("R");
  const { reportId, receipt } = await fileReportWithReceipt(
    {
      answers: { whatHappened: `${canary}-answer 供应商送礼`, involved: `${canary}-involved` },
      identityMode: "CONFIDENTIAL",
      identity: { name: `${canary}-name`, contact: `${canary}-contact` },
    },
    { attachments: [await textAttachment(`${canary}-file 账目不符\n`, `${canary}-filename.txt`)], now: new Date(closedAt.getTime() - 90 * 86_400_000) },
  );
  await assignDirectly(reportId, investigator.id);
  await postCaseMessage({ reportId, thread: "REPORTER", author: { kind: "HANDLER", userId: investigator.id }, body: `${canary}-reply` });
  await postCaseMessage({ reportId, thread: "REPORTER", author: { kind: "REPORTER" }, body: `${canary}-answer-back` });
  await postCaseMessage({ reportId, thread: "INTERNAL", author: { kind: "HANDLER", userId: investigator.id }, body: `${canary}-note` });
  await db.$transaction(async (tx) => {
    const key = await caseKeyIn(tx, reportId);
    const seal = (column: string, text: string) => sealField(key, text, fieldContext("Report", reportId, column));
    await tx.report.update({
      where: { id: reportId },
      data: {
        sealedInvolved: seal("involved", JSON.stringify([`${canary}-link`])),
        sealedInvestigation: seal("investigation", `${canary}-plan`),
        sealedFindings: seal("findings", `${canary}-findings`),
        sealedLessons: seal("lessons", `${canary}-lessons`),
        outcome: "SUBSTANTIATED",
        severity: 2,
        status: "CLOSED",
        closedAt,
        legalHold: opts.legalHold ?? false,
      },
    });
    await tx.caseExclusion.create({ data: { reportId, userId: lead.id, reason: "INVOLVED" } });
    const action = await tx.remediationAction.create({
      data: { reportId, title: "Retrain the purchasing team", ownerPersonId: lead.personId, dueDate: closedAt, createdByUserId: investigator.id },
    });
    const noteId = randomUUID();
    await tx.remediationNote.create({
      data: { id: noteId, actionId: action.id, authorUserId: investigator.id, sealedBody: sealField(key, `${canary}-progress`, fieldContext("RemediationNote", noteId, "body")) },
    });
    const requestId = randomUUID();
    await tx.identityRequest.create({
      data: { id: requestId, reportId, requestedByUserId: investigator.id, sealedJustification: sealField(key, `${canary}-why`, fieldContext("IdentityRequest", requestId, "justification")) },
    });
    await tx.reporterSession.create({ data: { id: randomBytes(32).toString("hex"), reportId, expiresAt: new Date(Date.now() + 600_000) } });
  });
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId } });
  const messages = await db.caseMessage.findMany({ where: { reportId }, select: { sealedBody: true } });
  const ciphertexts = [row.sealedAnswers, row.sealedIdentity!, row.sealedInvestigation!, row.sealedFindings!, row.sealedLessons!, row.wrappedKey, row.receiptHash, ...messages.map((m) => m.sealedBody).filter(Boolean)];
  return { reportId, canary, receipt, ciphertexts };
}

async function withRetention<T>(months: number, fn: () => Promise<T>): Promise<T> {
  await db.$transaction((tx) => putSetting(tx, { key: "hotline.retentionMonths", value: months, actorUserId: null }));
  try {
    return await fn();
  } finally {
    await db.$transaction((tx) => putSetting(tx, { key: "hotline.retentionMonths", value: SETTING_DEFAULTS["hotline.retentionMonths"], actorUserId: null }));
  }
}

describe("retention purge", () => {
  it("purges a closed case after the period, not before; keeps a content-free record and the timeline", async () => {
    // Closed 31 August, 22:00 in Shanghai; 12 months' retention: purgeable from 31 August next year, 22:00 there.
    const closedAt = new Date("2025-08-31T14:00:00Z");
    const report = await closedCaseWithContent(closedAt);
    const before = await db.report.findUniqueOrThrow({ where: { id: report.reportId } });
    const timelineBefore = await db.caseEvent.count({ where: { reportId: report.reportId } });

    await withRetention(12, async () => {
      await purgeExpiredCases({ now: new Date("2026-08-31T13:59:00Z") });
      expect((await db.report.findUniqueOrThrow({ where: { id: report.reportId } })).purgedAt).toBeNull();
      expect((await readReportAs(investigator, report.reportId)).answers.whatHappened).toContain(report.canary);

      const purgeAt = new Date("2026-08-31T14:00:00Z");
      expect(await purgeExpiredCases({ now: purgeAt })).toBeGreaterThanOrEqual(1);
      const after = await db.report.findUniqueOrThrow({ where: { id: report.reportId } });
      expect(after.purgedAt?.toISOString()).toBe(purgeAt.toISOString());
      // The content-free record.
      for (const column of ["reference", "category", "channel", "status", "severity", "outcome", "identityMode", "receivedAt", "closedAt", "acknowledgeDueAt", "feedbackDueAt"] as const) {
        expect(after[column]).toEqual(before[column]);
      }
      expect(after).toMatchObject({ sealedAnswers: "", sealedIdentity: null, sealedInvolved: null, sealedInvestigation: null, sealedFindings: null, sealedLessons: null, wrappedKey: "", receiptHash: "" });
      for (const count of [
        db.caseMessage.count({ where: { reportId: report.reportId } }),
        db.caseAttachment.count({ where: { reportId: report.reportId } }),
        db.remediationAction.count({ where: { reportId: report.reportId } }),
        db.identityRequest.count({ where: { reportId: report.reportId } }),
        db.reporterSession.count({ where: { reportId: report.reportId } }),
        db.caseExclusion.count({ where: { reportId: report.reportId } }),
      ]) {
        expect(await count).toBe(0);
      }
      expect(await db.remediationNote.count({ where: { action: { reportId: report.reportId } } })).toBe(0);
      expect(await db.caseAssignment.count({ where: { reportId: report.reportId } })).toBe(1);

      expect(await db.caseEvent.count({ where: { reportId: report.reportId } })).toBe(timelineBefore + 1);
      const purged = await db.caseEvent.findMany({ where: { reportId: report.reportId, type: "purged" } });
      expect(purged).toMatchObject([{ actorKind: "SYSTEM", actorUserId: null }]);
      expect(JSON.parse(purged[0].details)).toMatchObject({ messages: 4 /* three written and the automatic acknowledgement */, files: 1, actions: 1, identityRequests: 1, sessions: 1, exclusions: 1 });
      const audit = await db.auditEvent.findMany({ where: { objectType: "Report", objectId: report.reportId, action: "case.purged" } });
      expect(audit).toMatchObject([{ actorKind: "SYSTEM" }]);

      // The reporter's receipt opens nothing: no hash to check it against, no key to open with.
      expect(await verifyReceiptSecret(after.receiptHash, report.receipt.secret)).toBe(false);
      expect(await openWithReceipt(formatReceipt(report.receipt))).toMatchObject({ kind: "refused" });
      expect(await reporterCaseKey(report.reportId)).toBeNull();
      expect((await openCaseAs(investigator, report.reportId)).key).toBeNull();

      // A second sweep finds nothing more to do and records nothing.
      await purgeExpiredCases({ now: new Date("2026-09-30T00:00:00Z") });
      expect(await db.caseEvent.count({ where: { reportId: report.reportId, type: "purged" } })).toBe(1);
    });
  });

  it("leaves nothing of the case in the database: neither its text nor its ciphertexts, key or receipt hash", async () => {
    const report = await closedCaseWithContent(new Date("2020-01-10T02:00:00Z"));
    // The search finds the ciphertexts while they are there, so an empty result later means something.
    expect(await databaseContains(report.ciphertexts.slice(0, 2))).toEqual(report.ciphertexts.slice(0, 2));
    await purgeExpiredCases({ now: new Date("2026-11-01T00:00:00Z") });
    expect((await db.report.findUniqueOrThrow({ where: { id: report.reportId } })).purgedAt).not.toBeNull();
    expect(await databaseContains([report.canary, report.receipt.secret, ...report.ciphertexts])).toEqual([]);
  });

  it("never purges a case on legal hold, an open case or one closed too recently", async () => {
    const now = new Date("2026-11-01T00:00:00Z");
    const held = await closedCaseWithContent(new Date("2019-01-10T02:00:00Z"), { legalHold: true });
    const recent = await closedCaseWithContent(new Date("2026-06-01T02:00:00Z"));
    const reopened = await closedCaseWithContent(new Date("2019-01-10T02:00:00Z"));
    await db.report.update({ where: { id: reopened.reportId }, data: { status: "INVESTIGATION" } });
    await purgeExpiredCases({ now });
    for (const r of [held, recent, reopened]) {
      const row = await db.report.findUniqueOrThrow({ where: { id: r.reportId } });
      expect(row.purgedAt).toBeNull();
      expect((await readReportAs(investigator, r.reportId)).answers.whatHappened).toContain(r.canary);
      expect(await db.caseEvent.count({ where: { reportId: r.reportId, type: "purged" } })).toBe(0);
    }
    // The hold lifted: the next sweep purges it.
    await db.report.update({ where: { id: held.reportId }, data: { legalHold: false } });
    await purgeExpiredCases({ now });
    expect((await db.report.findUniqueOrThrow({ where: { id: held.reportId } })).purgedAt).not.toBeNull();
  });

  it("two sweeps at once purge a case once", async () => {
    const report = await closedCaseWithContent(new Date("2018-03-01T02:00:00Z"));
    const now = new Date("2026-11-02T00:00:00Z");
    await Promise.all([purgeExpiredCases({ now }), purgeExpiredCases({ now })]);
    expect(await db.caseEvent.count({ where: { reportId: report.reportId, type: "purged" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { objectId: report.reportId, action: "case.purged" } })).toBe(1);
  });
});
