// Case handlers, reports and the handler's audited read, as the case tests need them. A handler is
// a real account enrolled in the second factor when its roles require one (as sign-in would demand)
// with a fully verified session; a report goes through submitReport like the hotline form's; and
// content is opened the one way production opens it: requireCaseContent, then openCaseKey, which
// writes the `case.read` audit event (ADR 0011). No test unwraps a report key on its own.
import { randomBytes } from "node:crypto";
import { db } from "~/modules/db/db.server";
import { DEFAULT_ROLE_PERMISSIONS, requiresTwoFactor, type RoleKey } from "~/modules/auth/permissions";
import { sealUserSecret } from "~/modules/auth/totp.server";
import { openCaseKey, requireCaseContent, type CaseAccess } from "~/modules/cases/access.server";
import { fieldContext, openField } from "~/modules/crypto/sealing.server";
import { loadCurrentUser, type CurrentUser } from "~/modules/auth/session.server";
import { prepareAttachment } from "~/modules/hotline/attachments.server";
import type { Receipt } from "~/modules/hotline/receipt";
import {
  openAttachment,
  openAttachmentName,
  submitReport,
  type AttachmentUpload,
  type ReportAnswers,
  type ReportIdentity,
  type SubmitReportInput,
  type SubmitReportOptions,
} from "~/modules/hotline/reports.server";
import { createUser } from "./people";
import { getRequest, sessionCookieFor } from "./requests";

export type TestHandler = {
  id: string;
  email: string;
  personId: string;
  employeeNumber: string;
  /** The person's name in the account's language (Chinese, the directory's default, unless `locale` is "en"). */
  name: string;
  nameEn: string;
  nameZh: string;
  /** The TOTP secret the account is enrolled with (null when its roles need no second factor). */
  totpSecret: Buffer | null;
  /** A Cookie header of a signed-in session, second factor done. */
  cookie: string;
};

/**
 * A staff account holding `role` (or several), enrolled in the second factor when those roles require
 * one. `managerId` places the person under a manager (the conflict rules follow reporting lines).
 */
export async function createHandler(
  role: RoleKey | RoleKey[],
  opts: { locale?: "en" | "zh_CN" | null; managerId?: string | null } = {},
): Promise<TestHandler> {
  const roles = Array.isArray(role) ? role : [role];
  const locale = opts.locale ?? null;
  const { user, person } = await createUser({ roles, locale });
  if (opts.managerId) await db.person.update({ where: { id: person.id }, data: { managerId: opts.managerId } });
  const totpSecret = requiresTwoFactor(roles.flatMap((r) => DEFAULT_ROLE_PERMISSIONS[r])) ? randomBytes(20) : null;
  if (totpSecret) {
    await db.user.update({ where: { id: user.id }, data: { totpSecretSealed: sealUserSecret({ userId: user.id, secret: totpSecret }), totpEnabledAt: new Date() } });
  }
  return {
    id: user.id,
    email: user.email,
    personId: person.id,
    employeeNumber: person.employeeNumber,
    name: locale === "en" ? person.nameEn : person.nameZh,
    nameEn: person.nameEn,
    nameZh: person.nameZh,
    totpSecret,
    cookie: await sessionCookieFor(user.id),
  };
}

/**
 * The handler as the case modules take them (the signed-in user: id, permissions, locale…), with
 * the person's names, for tests that call the modules rather than the routes.
 */
export async function createCaseViewer(
  role: RoleKey | RoleKey[],
  opts: { locale?: "en" | "zh_CN" | null } = {},
): Promise<CurrentUser & { nameZh: string; nameEn: string }> {
  const handler = await createHandler(role, opts);
  const user = await loadCurrentUser(handler.id);
  if (!user) throw new Error("the new account did not load");
  return { ...user, nameZh: handler.nameZh, nameEn: handler.nameEn };
}

/**
 * Files a web report as the hotline form does (a gifts report with a short account unless
 * `overrides` say otherwise, a fresh submission key) and returns its id and the reporter's receipt.
 */
export async function fileReportWithReceipt(overrides: Partial<SubmitReportInput> = {}, opts: SubmitReportOptions = {}): Promise<{ reportId: string; receipt: Receipt }> {
  const result = await submitReport({
    input: { category: "GIFTS", answers: { whatHappened: "A report filed by a test." }, submissionKey: randomBytes(12).toString("hex"), ...overrides },
    ...opts,
  });
  if (result.kind !== "created") throw new Error(`expected a new report, got ${result.kind}`);
  return { reportId: result.reportId, receipt: result.receipt };
}

/** fileReport with the receipt left out: the case id. */
export async function fileReport(overrides: Partial<SubmitReportInput> = {}, opts: SubmitReportOptions = {}): Promise<string> {
  return (await fileReportWithReceipt(overrides, opts)).reportId;
}

/** A text file as the upload step leaves it (its type found by content, cleaned), filed under `name`. */
export async function textAttachment(text: string, name: string): Promise<AttachmentUpload> {
  return { ...(await prepareAttachment(Buffer.from(text, "utf8"))), name };
}

/** An assignment written straight to the table, for tests whose subject is not assigning (no mail, no event). */
export async function assignDirectly(reportId: string, userId: string, assignedByUserId: string | null = null): Promise<void> {
  await db.caseAssignment.create({ data: { reportId, userId, assignedByUserId } });
}

/**
 * The report's key as `reader` gets it on a case page: the case as they may see it, then the
 * audited read (`section` goes into the audit event). Null once the case is purged; a case the
 * reader may not see throws the route's 404/403 Response.
 */
export async function openCaseAs(reader: Pick<TestHandler, "cookie">, reportId: string, section = "content"): Promise<{ access: CaseAccess; key: Buffer | null }> {
  const access = await requireCaseContent(getRequest(`/cases/${reportId}`, reader.cookie), reportId);
  return { access, key: await openCaseKey(access, section) };
}

/**
 * The report's sealed answers and identity exactly as stored (with the per-category answers under
 * `extra`, by question id), read by `reader` through openCaseAs. Throws when the case has no key.
 */
export async function readReportAs(
  reader: Pick<TestHandler, "cookie">,
  reportId: string,
): Promise<{ answers: ReportAnswers; identity: ReportIdentity | null }> {
  const { key } = await openCaseAs(reader, reportId);
  if (!key) throw new Error("the case has no key (purged)");
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedAnswers: true, sealedIdentity: true } });
  return {
    answers: JSON.parse(openField(key, row.sealedAnswers, fieldContext("Report", reportId, "answers"))) as ReportAnswers,
    identity: row.sealedIdentity ? (JSON.parse(openField(key, row.sealedIdentity, fieldContext("Report", reportId, "identity"))) as ReportIdentity) : null,
  };
}

/** An attachment's name and bytes as `reader` downloads it: the audited read of its case, then the stream. */
export async function readAttachmentAs(reader: Pick<TestHandler, "cookie">, attachmentId: string): Promise<{ name: string | null; bytes: Buffer }> {
  const file = await db.caseAttachment.findUniqueOrThrow({ where: { id: attachmentId }, select: { id: true, reportId: true, sealedName: true } });
  const { key } = await openCaseAs(reader, file.reportId, "file");
  if (!key) throw new Error("the case has no key (purged)");
  const parts: Buffer[] = [];
  for await (const piece of openAttachment(key, file.id)) parts.push(piece);
  return { name: openAttachmentName({ key, attachment: file }), bytes: Buffer.concat(parts) };
}
