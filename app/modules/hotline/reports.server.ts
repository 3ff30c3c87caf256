// Filing a report: one transaction stores the report with its sealed content, the
// reporter's exclusions, the attachments in sealed chunks, the clocks, a timeline entry, the audit
// event and the content-free notifications to the compliance leads — or nothing at all.
// The receipt's secret is hashed before the transaction (Argon2id is slow; a write lock must not wait
// on it) and leaves this module only in the return value, to be shown once.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, Prisma, type Tx } from "../db/db.server";
import { readAttachmentChunk } from "../db/blob-reader.server";
import { getEnv } from "../config/env.server";
import { appendAuditEvent, type AuditActor } from "../audit/audit.server";
import { getSettings } from "../settings/settings.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_AUDITORS, CASE_HANDLERS, CASE_TRIAGERS } from "../auth/permissions";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import {
  createReportKey,
  fieldContext,
  openField,
  openStream,
  sealField,
  sealStream,
  CHUNK_SIZE,
} from "../crypto/sealing.server";
import { generateReceipt, hashReceiptSecret } from "./receipt.server";
import { keepReceiptForRedisplay, redisplayableReceipt, submissionKeyHash } from "./receipt-redisplay.server";
import { assertIntakeOpen, countReport, HotlineBusyError, leaveForDigest } from "./intake-limits.server";
import type { Receipt } from "./receipt";
import type { PreparedAttachment } from "./attachments.server";
import { addCalendarDays, addCalendarMonths } from "../time/calendar";

import { IDENTITY_MODES, REPORT_CATEGORIES, type ReportChannel } from "./report-options";
import { DomainError } from "../http/domain-error";
import { issuesToErrors } from "../http/forms";

export { IDENTITY_MODES, REPORT_CATEGORIES, REPORT_CHANNELS } from "./report-options";
export type { IdentityMode, ReportCategory, ReportChannel } from "./report-options";

/** Longest answer to "what happened"; the other questions are shorter. */
export const MAX_ACCOUNT_LENGTH = 20_000;
export const MAX_ANSWER_LENGTH = 4_000;
export const MAX_EXCLUSIONS = 50;
export const MAX_EXTRA_ANSWERS = 100;

// Issue messages are error keys (app/i18n/*/errors.ts). Text is kept exactly as typed (no trim
// inside): the round trip must return what the reporter wrote.
const required = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .max(max, "tooLong")
    .refine((s) => s.trim().length > 0, "required");
const optional = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .max(max, "tooLong")
    .optional()
    .transform((s) => (s === undefined || s.trim() === "" ? undefined : s));

export const reportAnswersSchema = z.object({
  whatHappened: required(MAX_ACCOUNT_LENGTH),
  when: optional(MAX_ANSWER_LENGTH),
  where: optional(MAX_ANSWER_LENGTH),
  /** Free text: a public picker would show the staff list to anyone. Linked to people at triage. */
  involved: optional(MAX_ANSWER_LENGTH),
  howKnown: optional(MAX_ANSWER_LENGTH),
  othersAware: optional(MAX_ANSWER_LENGTH),
  /**
   * Answers to the administrator's questions for the category, by CategoryQuestion id; checked
   * against the questions by questions.server.ts checkAnswers before submitting.
   */
  extra: z
    .record(z.string().max(MAX_ANSWER_LENGTH, "tooLong"))
    .refine((answers) => Object.keys(answers).length <= MAX_EXTRA_ANSWERS, "tooLong")
    .optional()
    .transform((answers) => (answers && Object.keys(answers).length > 0 ? answers : undefined)),
});
export type ReportAnswers = z.infer<typeof reportAnswersSchema>;

export const reportIdentitySchema = z.object({
  name: required(200),
  contact: required(500),
});
export type ReportIdentity = z.infer<typeof reportIdentitySchema>;

export const submitReportSchema = z
  .object({
    category: z.enum(REPORT_CATEGORIES, { errorMap: () => ({ message: "choice" }) }),
    answers: reportAnswersSchema,
    identityMode: z.enum(IDENTITY_MODES, { errorMap: () => ({ message: "choice" }) }).default("ANONYMOUS"),
    identity: z
      .object({ name: z.string().optional(), contact: z.string().optional() })
      .optional(),
    excludedUserIds: z
      .array(z.string().min(1, "invalid").max(64, "invalid"), { invalid_type_error: "invalid" })
      .max(MAX_EXCLUSIONS, "tooLong")
      .default([])
      .transform((ids) => [...new Set(ids)]),
    /** Put in the form when it is shown: the same key twice means the same submission. */
    submissionKey: z.string({ required_error: "required" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid"),
  })
  .transform((value, ctx) => {
    if (value.identityMode === "ANONYMOUS") return { ...value, identity: undefined };
    const identity = reportIdentitySchema.safeParse(value.identity ?? {});
    if (!identity.success) {
      for (const issue of identity.error.issues) ctx.addIssue({ ...issue, path: ["identity", ...issue.path] });
      return z.NEVER;
    }
    return { ...value, identity: identity.data };
  });
export type SubmitReportInput = z.input<typeof submitReportSchema>;

/**
 * Every problem of a report at once (field → error key; none when it is valid). Zod runs the
 * schema's identity check only once every other field is valid, so a confidential report missing
 * its contact would be told so only on the second try; the identity is checked here beside the rest.
 */
export function reportFieldErrors(input: SubmitReportInput): Record<string, string> {
  const parsed = submitReportSchema.safeParse(input);
  if (parsed.success) return {};
  const out = issuesToErrors(parsed.error.issues).fieldErrors;
  if (input.identityMode && input.identityMode !== "ANONYMOUS") {
    const identity = reportIdentitySchema.safeParse(input.identity ?? {});
    if (!identity.success) for (const [field, key] of Object.entries(issuesToErrors(identity.error.issues, ["identity"]).fieldErrors)) out[field] ??= key;
  }
  return out;
}
export type ValidReport = z.output<typeof submitReportSchema>;

/** The report's fields are not valid: `fieldErrors` holds every field's key at once. */
export class ReportValidationError extends DomainError<"invalid"> {
  declare readonly fieldErrors: Record<string, string>;
  constructor(fieldErrors: Record<string, string>) {
    super("hotline", "invalid", { fieldErrors });
  }
}

/** The reporter's exclusions would leave nobody able to triage the report. Nothing was written. */
export class NoTriagerRemainsError extends DomainError<"noTriager"> {
  constructor() {
    super("hotline", "noTriager", { field: "excludedUserIds" });
  }
}

/** An excluded id is not a handler one could exclude (unknown, disabled, or not handling cases). */
export class UnknownExclusionError extends DomainError<"invalid"> {
  constructor() {
    super("hotline", "invalid", { field: "excludedUserIds" });
  }
}

export type AttachmentUpload = PreparedAttachment & {
  /** The file name the uploader gave: stored sealed, never used to serve the file. */
  name?: string | null;
};

export type SubmitReportOptions = {
  /** WEB for the public form; any other channel is a handler's intake and needs `intakeByUserId`. */
  channel?: ReportChannel;
  intakeByUserId?: string | null;
  attachments?: readonly AttachmentUpload[];
  now?: Date;
};

export type SubmitReportResult =
  | { kind: "created"; reportId: string; receipt: Receipt }
  /**
   * The same submission came again within minutes (a double click with JavaScript off, a form
   * resent after a lost response): no second report, and the first one's receipt, shown again
   * (receipt-redisplay.server.ts, ADR 0017).
   */
  | { kind: "repeated"; reportId: string; receipt: Receipt }
  /**
   * The same submission came again after that window: no second report, and the receipt cannot be
   * shown any more (only its hash is kept); the route says so.
   */
  | { kind: "duplicate"; reportId: string; reference: string };


function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function findBySubmissionKey(submissionKey: string, now: Date): Promise<SubmitReportResult | null> {
  const again = await redisplayableReceipt(submissionKey, now);
  if (again) return { kind: "repeated", ...again };
  const existing = await db.report.findUnique({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { id: true, reference: true } });
  return existing ? { kind: "duplicate", reportId: existing.id, reference: existing.reference } : null;
}

/** Whether a report was already filed with this form's submission key (a repeat is never "busy"). */
async function submissionSeen(submissionKey: string): Promise<boolean> {
  return (await db.report.count({ where: { submissionKey: submissionKeyHash(submissionKey) } })) > 0;
}

/**
 * Whether the hourly ceiling turns this post of the web form away (ADR 0016). Never a repeat of a
 * form already filed — not even when its racing twin was filed between the two looks and is what
 * reached the ceiling: that post's answer is the receipt again (ADR 0017).
 */
export async function turnedAwayByCeiling(submissionKey: string): Promise<boolean> {
  if (await submissionSeen(submissionKey)) return false;
  try {
    await assertIntakeOpen();
    return false;
  } catch (error) {
    if (!(error instanceof HotlineBusyError)) throw error;
    return !(await submissionSeen(submissionKey));
  }
}

/**
 * Files a report. Throws ReportValidationError (field → error key), UnknownExclusionError or
 * NoTriagerRemainsError before anything is written.
 */
export async function submitReport({ input, ...opts }: { input: SubmitReportInput } & SubmitReportOptions): Promise<SubmitReportResult> {
  const parsed = submitReportSchema.safeParse(input);
  if (!parsed.success) throw new ReportValidationError(issuesToErrors(parsed.error.issues).fieldErrors);
  const report = parsed.data;
  const channel = opts.channel ?? "WEB";
  const intakeByUserId = opts.intakeByUserId ?? null;
  if ((channel === "WEB") !== (intakeByUserId === null)) {
    throw new ReportValidationError({ channel: "invalid" });
  }
  const attachments = opts.attachments ?? [];
  if (attachments.length > (await getSettings())["hotline.maxAttachments"]) throw new ReportValidationError({ attachments: "tooLong" });

  const earlier = await findBySubmissionKey(report.submissionKey, new Date());
  if (earlier) return earlier;
  // Before the costly hashing: a flood is refused as cheaply as possible (ADR 0016).
  if (channel === "WEB") {
    try {
      await assertIntakeOpen();
    } catch (error) {
      // The racing twin of this very form may be what reached the ceiling a moment ago.
      const twin = error instanceof HotlineBusyError ? await findBySubmissionKey(report.submissionKey, new Date()) : null;
      if (twin) return twin;
      throw error;
    }
  }

  // Outside the transaction: Argon2id takes a noticeable time and would hold the write lock.
  const receipt = generateReceipt();
  const receiptHash = await hashReceiptSecret(receipt.secret);

  // The reference and the secret are independent, so a reference collision only redraws the reference.
  for (let attempt = 0; ; attempt += 1) {
    try {
      const reportId = await store(report, { ...opts, channel, intakeByUserId, attachments }, receipt, receiptHash);
      return { kind: "created", reportId, receipt };
    } catch (error) {
      // The ceiling too: the concurrent submit of the same form may be what reached it.
      if (!isUniqueViolation(error) && !(error instanceof HotlineBusyError)) throw error;
      // A concurrent submit of the same form won the race: answer as for any double submit.
      const winner = await findBySubmissionKey(report.submissionKey, new Date());
      if (winner) return winner;
      if (error instanceof HotlineBusyError) throw error;
      if (attempt >= 4) throw error;
      receipt.reference = generateReceipt().reference;
    }
  }
}

async function store(
  report: ValidReport,
  opts: SubmitReportOptions & { channel: ReportChannel; intakeByUserId: string | null; attachments: readonly AttachmentUpload[] },
  receipt: Receipt,
  receiptHash: string,
): Promise<string> {
  const reference = receipt.reference;
  const reportId = randomUUID();
  const { key, wrapped } = createReportKey(reportId);
  const now = opts.now ?? new Date();
  const actor: AuditActor = opts.intakeByUserId ? { kind: "USER", userId: opts.intakeByUserId } : { kind: "REPORTER" };
  const appUrl = getEnv().APP_URL;

  await db.$transaction(
    async (tx) => {
      const settings = await getSettings(tx);
      const timeZone = settings["org.timeZone"];

      if (opts.intakeByUserId) {
        const intake = await tx.user.count({ where: { id: opts.intakeByUserId, ...holdingPermission(["create:intake:any"]) } });
        if (intake === 0) throw new ReportValidationError({ channel: "invalid" });
      }
      const excluded = new Set(report.excludedUserIds);
      if (excluded.size > 0) {
        const handlers = await tx.user.count({ where: { id: { in: [...excluded] }, ...holdingPermission(CASE_HANDLERS) } });
        if (handlers !== excluded.size) throw new UnknownExclusionError();
      }
      // The site-wide ceiling on web reports, counted where it cannot be raced: in this transaction
      // (ADR 0016). Wall-clock time, like the receipt's window.
      const wall = new Date();
      const announce = opts.channel === "WEB" ? await countReport(tx, { settings, now: wall }) : { digest: false };
      const triagers = await tx.user.findMany({ where: holdingPermission(CASE_TRIAGERS), select: RECIPIENT_SELECT, orderBy: { id: "asc" } });
      const notified = triagers.filter((u) => !excluded.has(u.id));
      // When the reporter's choice removes every lead, the auditors triage the case instead;
      // refuse only when no auditor remains either. An installation without any lead yet still
      // accepts reports (they wait in the queue for one).
      const auditorTriage = triagers.length > 0 && notified.length === 0;
      if (auditorTriage) {
        const auditors = await tx.user.findMany({ where: holdingPermission(CASE_AUDITORS), select: RECIPIENT_SELECT, orderBy: { id: "asc" } });
        notified.push(...auditors.filter((u) => !excluded.has(u.id)));
        if (notified.length === 0) throw new NoTriagerRemainsError();
      }

      await tx.report.create({
        data: {
          id: reportId,
          reference,
          receiptHash,
          wrappedKey: wrapped,
          channel: opts.channel,
          category: report.category,
          identityMode: report.identityMode,
          auditorTriage,
          sealedAnswers: sealField(key, JSON.stringify(report.answers), fieldContext("Report", reportId, "answers")),
          sealedIdentity: report.identity
            ? sealField(key, JSON.stringify(report.identity), fieldContext("Report", reportId, "identity"))
            : null,
          intakeByUserId: opts.intakeByUserId,
          submissionKey: submissionKeyHash(report.submissionKey),
          receivedAt: now,
          acknowledgeDueAt: addCalendarDays(now, settings["hotline.acknowledgeDays"], timeZone),
          feedbackDueAt: addCalendarMonths(now, settings["hotline.feedbackMonths"], timeZone),
        },
        select: { id: true },
      });

      // Wall-clock time, not `now` (which may be a test's or an import's date): the window is real minutes.
      await keepReceiptForRedisplay(tx, { submissionKey: report.submissionKey, reportId, receipt, now: new Date() });

      if (excluded.size > 0) {
        await tx.caseExclusion.createMany({
          data: [...excluded].map((userId) => ({ reportId, userId, reason: "REPORTER_EXCLUDED" as const })),
        });
      }

      // The automatic acknowledgement: in the reporter's inbox at once, rendered in the
      // reader's language from its template, so nothing of it is sealed.
      await tx.caseMessage.create({
        data: { reportId, thread: "REPORTER", authorKind: "SYSTEM", sealedBody: "", template: "acknowledgement", createdAt: now },
        select: { id: true },
      });

      for (const file of opts.attachments) await storeAttachment(tx, { key, reportId, file, uploadedBy: opts.intakeByUserId ? "HANDLER" : "REPORTER" });

      const details = { channel: opts.channel, attachments: opts.attachments.length, exclusions: excluded.size };
      await tx.caseEvent.create({
        data: {
          reportId,
          at: now,
          actorKind: actor.kind,
          actorUserId: actor.kind === "USER" ? actor.userId : null,
          type: "report.submitted",
          details: JSON.stringify(details),
        },
      });
      await appendAuditEvent(tx, { actor, action: "report.submit", objectType: "Report", objectId: reportId, details });

      // During a flood the leads get one digest an hour instead (intake-limits.server.ts). A report
      // whose reporter excluded someone is still announced by itself, to the right people only.
      if (announce.digest && excluded.size === 0) await leaveForDigest(tx, wall);
      else await emailRecipients(tx, { users: notified, template: "caseNewReport", params: { url: `${appUrl}/cases/${reportId}` } });
    },
    // Sealing a few 25 MB files and writing their chunks takes longer than Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
  return reportId;
}

/** Stores one cleaned file sealed in chunks, in the caller's transaction; `messageId` ties it to a message. */
export async function storeAttachment(
  tx: Tx,
  {
    key,
    reportId,
    file,
    uploadedBy,
    messageId = null,
  }: { key: Buffer; reportId: string; file: AttachmentUpload; uploadedBy: "REPORTER" | "HANDLER"; messageId?: string | null },
): Promise<string> {
  const id = randomUUID();
  const size = file.bytes.length;
  // An empty file is one empty final chunk (sealing.server.ts), so never zero chunks.
  const chunkCount = Math.max(1, Math.ceil(size / CHUNK_SIZE));
  await tx.caseAttachment.create({
    data: {
      id,
      reportId,
      messageId,
      kind: file.kind,
      mimeType: file.mimeType,
      size,
      chunkCount,
      metadataRemoved: file.metadataRemoved,
      sealedName: file.name ? sealField(key, file.name, fieldContext("CaseAttachment", id, "name")) : null,
      uploadedBy,
    },
    select: { id: true },
  });
  let written = 0;
  for await (const chunk of sealStream(key, id, [file.bytes])) {
    // sealChunk's Buffer.concat always allocates a plain ArrayBuffer; Prisma's Bytes type wants it said.
    const sealed = chunk.sealed as Uint8Array<ArrayBuffer>;
    await tx.attachmentChunk.create({ data: { attachmentId: id, index: chunk.index, sealed }, select: { index: true } });
    written += 1;
  }
  if (written !== chunkCount) throw new Error("attachment chunk count mismatch");
  return id;
}

/**
 * An attachment's plaintext, piece by piece: chunks are read one query at a time, so the whole file
 * is never in memory. A tampered or missing chunk ends the stream with a SealingError. `key` is the
 * report's key from one of the doors in cases/access.server.ts (the handler's audited read, the
 * reporter's session): this module never unwraps a key itself.
 */
export async function* openAttachment(key: Buffer, attachmentId: string): AsyncGenerator<Buffer> {
  async function* chunks() {
    for (let index = 0; ; index += 1) {
      // Through the driver, not Prisma: see blob-reader.server.ts.
      const sealed = await readAttachmentChunk(attachmentId, index);
      if (!sealed) return;
      yield sealed;
    }
  }
  yield* openStream(key, attachmentId, chunks());
}

/** The attachment's name as the uploader gave it, or null; `key` as for openAttachment. */
export function openAttachmentName({ key, attachment }: { key: Buffer; attachment: { id: string; sealedName: string | null } }): string | null {
  if (!attachment.sealedName) return null;
  return openField(key, attachment.sealedName, fieldContext("CaseAttachment", attachment.id, "name"));
}
