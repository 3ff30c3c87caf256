// The reporter's follow-up: the receipt check, its throttle, the short
// reporter session and what the reporter sees of their case.
//
// No state here is keyed by the client: the throttle counts failures per typed case reference (an
// HMAC of it) and across the whole site, never per address. The session cookie holds a random token
// and the row its SHA-256, the report id and an idle expiry — nothing about the browser or network.
import { db, unlessStorageUnavailable } from "../db/db.server";
import { clearCookie, hasCookie, readCookie, REPORTER_SESSION_COOKIE, setCookie } from "../http/cookies.server";
import { randomToken, sha256Hex } from "../crypto/crypto.server";
import {
  checkThrottle,
  clearThrottle,
  recordFailure,
  recordFailureWithBackoff,
  throttleKey,
  type BackoffRule,
  type ThrottleRule,
} from "../auth/throttle.server";
import { getSettings } from "../settings/settings.server";
import { listCaseMessages, listReportFiles, MESSAGE_PAGE_SIZE, postCaseMessage, type OpenedAttachment } from "../cases/messages.server";
import { reporterCaseKey } from "../cases/access.server";
import { dateInZone, dateTimeInZone, timeOfDayInZone } from "../time/dates";
import { parseReceipt, formatReference, type ReceiptParseError } from "./receipt";
import { verifyReceiptSecret } from "./receipt.server";
import { fieldContext, openField } from "../crypto/sealing.server";
import type { AttachmentUpload, ReportAnswers } from "./reports.server";
import type { FormOnce } from "../http/form-key.server";


const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Per case reference: three tries, then 1 min, 2, 4, 8 … up to a day; forgotten after a quiet day. */
export const REFERENCE_BACKOFF: Omit<BackoffRule, "key"> = { freeFailures: 3, firstBlockMs: MINUTE, maxBlockMs: DAY, forgetAfterMs: DAY };
/**
 * Across the site: so many failed receipts in ten minutes means someone is guessing references;
 * every check then waits, which caps guessing whatever the number of references tried.
 */
export const SITE_CEILING: Omit<ThrottleRule, "key"> = { limit: 100, windowMs: 10 * MINUTE, blockMs: 10 * MINUTE };

export function referenceThrottleKey(reference: string): string {
  return throttleKey("receipt.reference", reference);
}

export function siteThrottleKey(): string {
  return throttleKey("receipt.site", "all");
}

export type OpenResult =
  | { kind: "opened"; setCookie: string; reportId: string; expiresAt: Date }
  /** The text is not a receipt at all (public rules: nothing about any report). */
  | { kind: "format"; error: ReceiptParseError }
  /** Wrong secret or unknown reference — the two are never told apart. `retryAfterMs` if this failure started a wait. */
  | { kind: "refused"; retryAfterMs: number | null }
  | { kind: "referenceBlocked"; retryAfterMs: number }
  | { kind: "siteBlocked"; retryAfterMs: number };

/**
 * Checks a typed receipt. Blocked checks stop before Argon2. An unknown reference still runs a dummy
 * verification and counts a failure, exactly as a wrong secret does.
 */
export async function openWithReceipt(input: string, now = new Date()): Promise<OpenResult> {
  const parsed = parseReceipt(input);
  if (!parsed.ok) return { kind: "format", error: parsed.error };
  const { reference, secret } = parsed.value;
  const referenceKey = referenceThrottleKey(reference);

  const site = await checkThrottle(siteThrottleKey(), db, now);
  if (site.blocked) return { kind: "siteBlocked", retryAfterMs: site.retryAfterMs };
  const perReference = await checkThrottle(referenceKey, db, now);
  if (perReference.blocked) return { kind: "referenceBlocked", retryAfterMs: perReference.retryAfterMs };

  const report = await db.report.findUnique({ where: { reference }, select: { id: true, receiptHash: true } });
  // A purged case keeps its row but not its hash (""): check it like an unknown reference, so the
  // time taken does not tell a purged case from one that never existed.
  const correct = await verifyReceiptSecret(report?.receiptHash || null, secret);
  if (!report || !correct) {
    const after = await recordFailureWithBackoff({ key: referenceKey, ...REFERENCE_BACKOFF }, db, now);
    await recordFailure({ key: siteThrottleKey(), ...SITE_CEILING }, db, now);
    return { kind: "refused", retryAfterMs: after.blocked ? after.retryAfterMs : null };
  }
  await clearThrottle(referenceKey);
  const expiresAt = new Date(now.getTime() + (await idleMs()));
  return { kind: "opened", setCookie: await createReporterSession(report.id, now), reportId: report.id, expiresAt };
}

async function idleMs(): Promise<number> {
  return (await getSettings())["hotline.reporterIdleMinutes"] * MINUTE;
}

/**
 * Starts a session for the report and ends any earlier one: one reporter session per case, so a
 * receipt typed on a shared or lost device stops working there once the reporter signs in again
 * elsewhere. Returns the Set-Cookie value.
 */
export async function createReporterSession(reportId: string, now = new Date()): Promise<string> {
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + (await idleMs()));
  await db.$transaction(async (tx) => {
    await tx.reporterSession.deleteMany({ where: { reportId } });
    await tx.reporterSession.create({ data: { id: sha256Hex(token), reportId, expiresAt, createdAt: now } });
  });
  // No Max-Age or Expires: the cookie ends with the browser; the row's idle expiry ends it sooner.
  return setCookie(REPORTER_SESSION_COOKIE, token);
}

/** The Set-Cookie value that removes the reporter's cookie. */
export function blankReporterCookie(): string {
  return clearCookie(REPORTER_SESSION_COOKIE);
}

/** Whether the browser still sends a reporter cookie, valid or not (a stale one is then blanked). */
export function hasReporterCookie(request: Request): boolean {
  return hasCookie(request, REPORTER_SESSION_COOKIE.name);
}

function readReporterToken(request: Request): string | null {
  return readCookie(request, REPORTER_SESSION_COOKIE.name);
}

export type ReporterSessionInfo = {
  id: string;
  reportId: string;
  /** When the session ends if nothing more happens (the page says so, and warns before). */
  expiresAt: Date;
};

/**
 * The request's reporter session, if any and not idle for too long. Use moves the expiry forward,
 * written at most once a minute; an expired row is deleted when met.
 */
export async function readReporterSession(request: Request, now = new Date()): Promise<ReporterSessionInfo | null> {
  const token = readReporterToken(request);
  if (!token) return null;
  const id = sha256Hex(token);
  const row = await db.reporterSession.findUnique({ where: { id }, select: { id: true, reportId: true, expiresAt: true } });
  if (!row) return null;
  if (row.expiresAt <= now) {
    await db.reporterSession.deleteMany({ where: { id } });
    return null;
  }
  const idle = await idleMs();
  let expiresAt = row.expiresAt;
  if (row.expiresAt.getTime() - now.getTime() < idle - MINUTE) {
    // When the database cannot store the later end (full disk), the session keeps its current one
    // and the reporter's reply still reaches the form that gives it back (ADR 0021).
    const moved = await unlessStorageUnavailable(db.reporterSession.updateMany({ where: { id }, data: { expiresAt: new Date(now.getTime() + idle) } }));
    if (moved) expiresAt = new Date(now.getTime() + idle);
  }
  return { id: row.id, reportId: row.reportId, expiresAt };
}

/** "Leave": deletes the row; returns the Set-Cookie value that blanks the cookie. */
export async function endReporterSession(request: Request): Promise<string> {
  const token = readReporterToken(request);
  if (token) await db.reporterSession.deleteMany({ where: { id: sha256Hex(token) } });
  return blankReporterCookie();
}

/** Sweep: removes sessions idle past their expiry (those never used again). */
export async function expireReporterSessions({ now }: { now: Date }): Promise<void> {
  await db.reporterSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

// ───────────────────────── what the reporter sees ─────────────────────────

export type ReporterStatus = "RECEIVED" | "INVESTIGATING" | "CONCLUDING" | "CLOSED";

/** The case's stage in the reporter's words: nothing about triage, severity or people. */
export function reporterStatus(status: "NEW" | "TRIAGE" | "INVESTIGATION" | "FINDINGS" | "CLOSED"): ReporterStatus {
  switch (status) {
    case "NEW":
    case "TRIAGE":
      return "RECEIVED";
    case "INVESTIGATION":
      return "INVESTIGATING";
    case "FINDINGS":
      return "CONCLUDING";
    case "CLOSED":
      return "CLOSED";
  }
}

export type ReporterFile = { id: string; name: string | null; kind: string; size: number };

export type ReporterMessage = {
  id: string;
  /** Handlers are "the ethics office", never a person. */
  from: "REPORTER" | "OFFICE" | "SYSTEM";
  body: string;
  template: string | null;
  at: string;
  files: ReporterFile[];
};

export type FollowUpView = {
  reference: string;
  status: ReporterStatus;
  receivedOn: string;
  acknowledgeBy: string;
  feedbackBy: string;
  /** Closed and its content deleted by the retention rule: nothing else is shown. */
  purged: boolean;
  answers: ReportAnswers | null;
  reportFiles: ReporterFile[];
  messages: ReporterMessage[];
  page: number;
  pageCount: number;
};

function file(a: OpenedAttachment): ReporterFile {
  return { id: a.id, name: a.name, kind: a.kind, size: a.size };
}

/** The reporter's page: status, dates, their answers and the reporter thread (page 1 = newest). No audit row: this is the reporter reading their own report. */
export async function loadFollowUp({ reportId, page = 1 }: { reportId: string; page?: number }): Promise<FollowUpView> {
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { reference: true, status: true, receivedAt: true, acknowledgeDueAt: true, feedbackDueAt: true, sealedAnswers: true },
  });
  const timeZone = (await getSettings())["org.timeZone"];
  const head = {
    reference: formatReference(report.reference),
    status: reporterStatus(report.status),
    receivedOn: dateInZone(report.receivedAt, timeZone),
    acknowledgeBy: dateInZone(report.acknowledgeDueAt, timeZone),
    feedbackBy: dateInZone(report.feedbackDueAt, timeZone),
    page,
  };
  const key = await reporterCaseKey(reportId);
  if (!key) return { ...head, purged: true, answers: null, reportFiles: [], messages: [], pageCount: 1 };
  const [{ messages, total }, reportFiles] = await Promise.all([listCaseMessages({ key, reportId, thread: "REPORTER", page }), listReportFiles({ key, reportId })]);
  return {
    ...head,
    purged: false,
    answers: JSON.parse(openField(key, report.sealedAnswers, fieldContext("Report", reportId, "answers"))) as ReportAnswers,
    reportFiles: reportFiles.map(file),
    messages: messages.map((m) => ({
      id: m.id,
      from: m.authorKind === "HANDLER" ? "OFFICE" : m.authorKind,
      body: m.body,
      template: m.template,
      at: dateTimeInZone(m.createdAt, timeZone),
      files: m.attachments.map(file),
    })),
    pageCount: Math.max(1, Math.ceil(total / MESSAGE_PAGE_SIZE)),
  };
}

/** Whether the report's content is still there (a purged case takes no replies). */
export async function reportIsOpenable(reportId: string): Promise<boolean> {
  const row = await db.report.findUnique({ where: { id: reportId }, select: { purgedAt: true } });
  return row !== null && row.purgedAt === null;
}

/** The reporter's reply in their thread; handlers are told (content-free) by postCaseMessage. */
export function postReporterReply({
  reportId,
  body,
  attachments,
  once,
}: {
  reportId: string;
  body: string;
  attachments: readonly AttachmentUpload[];
  once?: FormOnce | null;
}): Promise<string> {
  return postCaseMessage({ reportId, thread: "REPORTER", author: { kind: "REPORTER" }, body, attachments, once });
}

/** When an idle session ends, in the organisation's time zone ("14:35"), for the page to say. */
export async function sessionEndsAt(expiresAt: Date): Promise<{ time: string; timeZone: string; idleMinutes: number }> {
  const settings = await getSettings();
  const timeZone = settings["org.timeZone"];
  return { time: timeOfDayInZone(expiresAt, timeZone), timeZone, idleMinutes: settings["hotline.reporterIdleMinutes"] };
}

/**
 * A file the reporter may download: one of their report's own files or one attached to a message in
 * the reporter thread — never a file of the internal notes, never another report's.
 */
export async function reporterFile({
  reportId,
  fileId,
}: {
  reportId: string;
  fileId: string;
}): Promise<{ id: string; kind: string; mimeType: string; size: number; sealedName: string | null } | null> {
  if (!(await reportIsOpenable(reportId))) return null;
  return db.caseAttachment.findFirst({
    where: { id: fileId, reportId, OR: [{ messageId: null }, { message: { thread: "REPORTER" } }] },
    select: { id: true, kind: true, mimeType: true, size: true, sealedName: true },
  });
}

/** The one naming rule of downloads (the handlers' route uses it too): see download.server.ts. */
export { attachmentDisposition } from "./download.server";
