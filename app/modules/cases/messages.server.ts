// The case's two message threads: REPORTER, between the handlers and the
// reporter (who reads it at /report/follow-up), and INTERNAL, notes the reporter never sees.
// Bodies and attached files are sealed with the report's key; the timeline and the audit log get a
// content-free event; the people to tell get a content-free email.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { fieldContext, openField, sealField } from "../crypto/sealing.server";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import type { CaseNotice } from "../mail/templates.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_AUDITORS, CASE_TRIAGERS } from "../auth/permissions";
import { openAttachmentName, storeAttachment, type AttachmentUpload } from "../hotline/reports.server";
import { caseKeyIn, openCaseKey, type CaseAccess } from "./access.server";
import { recordCaseEvent } from "./events.server";
import { writeCase } from "./case-write.server";
import { spendFormKey, type FormOnce } from "../http/form-key.server";

export const MAX_MESSAGE_LENGTH = 20_000;
export const MESSAGE_PAGE_SIZE = 25;

export type CaseThreadName = "REPORTER" | "INTERNAL";

export type MessageAuthor = { kind: "REPORTER" } | { kind: "HANDLER"; userId: string };

export const messageBodySchema = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .max(MAX_MESSAGE_LENGTH, "tooLong")
  .refine((s) => s.trim().length > 0, "required");

export type PostMessageInput = {
  reportId: string;
  thread: CaseThreadName;
  author: MessageAuthor;
  /** Exactly as typed. */
  body: string;
  attachments?: readonly AttachmentUpload[];
  /** A handler's reply that gives the reporter feedback on the outcome or planned action (stops the feedback clock). */
  countsAsFeedback?: boolean;
  /** The form's one-time key: spent in the same transaction, so the same form never posts twice. */
  once?: FormOnce | null;
  now?: Date;
};

/**
 * Writes one message in the caller's transaction, its text sealed with the report's key and bound
 * to its row (the ciphertext cannot be moved to another message). A handler's message in the
 * reporter thread is the acknowledgement the clock waits for, and the feedback when `feedback`.
 * Returns its id; the caller records the timeline entry (it knows why the message was written).
 */
export async function insertCaseMessage(
  tx: Tx,
  message: { key: Buffer; reportId: string; thread: CaseThreadName; author: MessageAuthor; body: string; at: Date; feedback?: boolean },
): Promise<string> {
  const { key, reportId, thread, author, at } = message;
  const id = randomUUID();
  await tx.caseMessage.create({
    data: {
      id,
      reportId,
      thread,
      authorKind: author.kind,
      authorUserId: author.kind === "HANDLER" ? author.userId : null,
      sealedBody: sealField(key, message.body, fieldContext("CaseMessage", id, "body")),
      createdAt: at,
    },
    select: { id: true },
  });
  if (author.kind === "HANDLER" && thread === "REPORTER") {
    await tx.report.updateMany({ where: { id: reportId, acknowledgedAt: null }, data: { acknowledgedAt: at } });
    if (message.feedback) await tx.report.updateMany({ where: { id: reportId, feedbackGivenAt: null }, data: { feedbackGivenAt: at } });
  }
  return id;
}

/**
 * Posts a message (and its files) in one transaction. Returns the message id. A handler's post is a
 * guarded case write ("postMessage": those who work the case); the reporter's comes through their
 * own session (report.follow-up), which is its guard.
 */
export async function postCaseMessage(input: PostMessageInput): Promise<string> {
  if (input.author.kind === "REPORTER" && input.thread !== "REPORTER") throw new Error("a reporter writes only in the reporter thread");
  const body = messageBodySchema.parse(input.body);
  const attachments = input.attachments ?? [];
  const now = input.now ?? new Date();
  const { author, reportId, thread } = input;
  const post = async (tx: Tx, record: (type: string, details: Record<string, string | number | boolean>) => Promise<void>) => {
    const key = await caseKeyIn(tx, reportId);
    const feedback = author.kind === "HANDLER" && Boolean(input.countsAsFeedback);
    const messageId = await insertCaseMessage(tx, { key, reportId, thread, author, body, at: now, feedback });
    for (const file of attachments) await storeAttachment(tx, { key, reportId, file, uploadedBy: author.kind === "REPORTER" ? "REPORTER" : "HANDLER", messageId });
    await record("message.posted", { thread, attachments: attachments.length, feedback: Boolean(input.countsAsFeedback) });
    if (author.kind === "REPORTER") await notifyHandlers(tx, { reportId, appUrl: getEnv().APP_URL, notice: "caseReporterReplied" });
    await spendFormKey(tx, { once: input.once, resultId: messageId });
    return messageId;
  };
  if (author.kind === "HANDLER") {
    return writeCase({ reportId, actorUserId: author.userId, action: "postMessage", now, timeoutMs: 120_000, run: (step) => post(step.tx, step.record) });
  }
  return db.$transaction((tx) => post(tx, (type, details) => recordCaseEvent(tx, { reportId, actor: { kind: "REPORTER" }, type, details, at: now })), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

/**
 * The people a case's content-free emails go to: its active assignees, or, while nobody is
 * assigned, those who triage it (the leads; the auditors when every lead is excluded). Never a
 * user excluded from the case, never a disabled account.
 */
export async function caseHandlersToNotify(tx: Tx, reportId: string) {
  const assignees = await tx.user.findMany({
    where: { status: "ACTIVE", caseExclusions: { none: { reportId } }, caseAssignments: { some: { reportId, endedAt: null } } },
    select: RECIPIENT_SELECT,
    orderBy: { id: "asc" },
  });
  return assignees.length > 0 ? assignees : caseTriagers(tx, reportId);
}

/**
 * Those who triage the case now, as mail recipients: the active compliance leads, or the auditors
 * when every lead is excluded (Report.auditorTriage) — never anyone excluded from the case.
 */
export async function caseTriagers(tx: Tx, reportId: string) {
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { auditorTriage: true } });
  return tx.user.findMany({
    where: { ...holdingPermission(report.auditorTriage ? CASE_AUDITORS : CASE_TRIAGERS), caseExclusions: { none: { reportId } } },
    select: RECIPIENT_SELECT,
    orderBy: { id: "asc" },
  });
}

/**
 * Tells the people working on a case why it needs them (`notice`: the reporter wrote, the findings
 * came back…): its assignees, or, while nobody is assigned, those who triage it. Content-free.
 */
export async function notifyHandlers(
  tx: Tx,
  { reportId, appUrl, notice, exceptUserId }: { reportId: string; appUrl: string; notice: CaseNotice; exceptUserId?: string },
): Promise<number> {
  const users = (await caseHandlersToNotify(tx, reportId)).filter((user) => user.id !== exceptUserId);
  return emailRecipients(tx, { users, template: notice, params: { url: `${appUrl}/cases/${reportId}` } });
}

export type OpenedAttachment = { id: string; kind: string; mimeType: string; size: number; name: string | null; uploadedBy: "REPORTER" | "HANDLER" | "SYSTEM" };

const ATTACHMENT_SELECT = { id: true, kind: true, mimeType: true, size: true, sealedName: true, uploadedBy: true } as const;

/** A file's metadata with its name opened (a file may have been filed without one). */
function openedAttachment(key: Buffer, row: Omit<OpenedAttachment, "name"> & { sealedName: string | null }): OpenedAttachment {
  const { sealedName, ...metadata } = row;
  return { ...metadata, name: sealedName ? openField(key, sealedName, fieldContext("CaseAttachment", row.id, "name")) : null };
}

export type OpenedMessage = {
  id: string;
  authorKind: "REPORTER" | "HANDLER" | "SYSTEM";
  /** The handler's display name; null for the reporter and for Sunline. The reporter's view gets none. */
  authorUserId: string | null;
  /** Opened text; for SYSTEM messages, empty (render `template`). */
  body: string;
  template: string | null;
  createdAt: Date;
  attachments: OpenedAttachment[];
};

/**
 * One page of a thread, oldest first within the page; page 1 is the newest messages. The caller has
 * the report's key (from openCaseKey, which audited the read, or the reporter's session).
 * Two queries whatever the page holds: the messages with their files' metadata.
 */
export async function listCaseMessages({
  key,
  reportId,
  thread,
  page = 1,
}: {
  key: Buffer;
  reportId: string;
  thread: CaseThreadName;
  page?: number;
}): Promise<{ messages: OpenedMessage[]; total: number }> {
  const where = { reportId, thread };
  const [total, rows] = await Promise.all([
    db.caseMessage.count({ where }),
    db.caseMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * MESSAGE_PAGE_SIZE,
      take: MESSAGE_PAGE_SIZE,
      select: {
        id: true,
        authorKind: true,
        authorUserId: true,
        sealedBody: true,
        template: true,
        createdAt: true,
        attachments: { select: ATTACHMENT_SELECT, orderBy: { createdAt: "asc" } },
      },
    }),
  ]);
  const messages = rows.reverse().map((row) => ({
    id: row.id,
    authorKind: row.authorKind,
    authorUserId: row.authorUserId,
    body: row.authorKind === "SYSTEM" ? "" : openField(key, row.sealedBody, fieldContext("CaseMessage", row.id, "body")),
    template: row.template,
    createdAt: row.createdAt,
    attachments: row.attachments.map((a) => openedAttachment(key, a)),
  }));
  return { messages, total };
}

/** The files filed with the report itself (not attached to a message), names opened. */
export async function listReportFiles({ key, reportId }: { key: Buffer; reportId: string }): Promise<OpenedAttachment[]> {
  const rows = await db.caseAttachment.findMany({
    where: { reportId, messageId: null },
    orderBy: { createdAt: "asc" },
    select: ATTACHMENT_SELECT,
  });
  return rows.map((a) => openedAttachment(key, a));
}

export type CaseFileDownload = {
  key: Buffer;
  file: { id: string; kind: string; mimeType: string; size: number };
  /** The name the file was filed with, opened; null when it was filed without one. */
  name: string | null;
};

/**
 * One file of the case, for its download by a handler who passed requireCase and may read content.
 * The file must belong to this case (an id from another case is no file at all), and only a file
 * that exists opens the case's key: one audited read ("file"). Null when there is no such file or
 * the case has been purged; the route answers both with the case's 404.
 */
export async function openCaseFile({ access, fileId }: { access: CaseAccess; fileId: string }): Promise<CaseFileDownload | null> {
  const file = await db.caseAttachment.findFirst({
    where: { id: fileId, reportId: access.report.id },
    select: { id: true, kind: true, mimeType: true, size: true, sealedName: true },
  });
  if (!file) return null;
  const key = await openCaseKey(access, "file");
  if (!key) return null;
  return { key, file, name: openAttachmentName({ key, attachment: file }) };
}
