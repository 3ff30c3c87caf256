// Who may see and act on a case. Every case route goes through
// `requireCase`, and every list of cases through `visibleCasesWhere`, so the rules live here once.
// Two questions are kept apart (ADR 0015): may the viewer know the case exists and see its metadata
// (reference, category, stage, severity, dates, clocks), and may they read its content (answers,
// messages, files, people, plan, findings)?
//
// - an investigator sees and reads only the cases assigned to them (an active assignment);
// - a compliance lead sees and reads every case;
// - an auditor reads the cases the auditors must triage (every compliance lead is excluded) and
//   those a compliance lead granted them for a period (CaseGrant, not revoked, not expired); they
//   also see the metadata of the cases flagged urgent (the escalation to the audit committee), but
//   read their content only with a grant;
// - and nobody ever sees a case they are excluded from (named by the reporter, linked as involved,
//   or a manager of someone involved) — not even its existence: such a case answers 404, as does a
//   case that does not exist.
//
// Administrators hold none of the case permissions and see nothing here.
import { forbidden, notFound } from "../http/respond.server";
import { db, Prisma, type Tx } from "../db/db.server";
import { CASE_AUDITORS, CASE_TRIAGERS, FINDINGS_APPROVERS, holdsSet } from "../auth/permissions";
import { requireUser, type CurrentUser } from "../auth/session.server";
import { appendAuditEvent } from "../audit/audit.server";
import { SealingError, unwrapReportKey } from "../crypto/sealing.server";
import { logError } from "../http/log.server";

export type CaseViewer = Pick<CurrentUser, "id" | "permissions">;

/** An auditor's grant on the case that is still running at `now` (the expiry is checked here, so no sweep is needed). */
export function activeGrantWhere(userId: string, now: Date): Prisma.CaseGrantWhereInput {
  return { userId, revokedAt: null, expiresAt: { gt: now } };
}

function casesWhere(viewer: CaseViewer, now: Date, scope: "metadata" | "content"): Prisma.ReportWhereInput | null {
  const notExcluded: Prisma.ReportWhereInput = { exclusions: { none: { userId: viewer.id } } };
  if (viewer.permissions.has("read:case:any")) return notExcluded;
  const reachable: Prisma.ReportWhereInput[] = [];
  if (viewer.permissions.has("read:case:assigned")) {
    reachable.push({ assignments: { some: { userId: viewer.id, endedAt: null } } });
  }
  if (viewer.permissions.has("read:case:granted")) {
    reachable.push({ auditorTriage: true }, { grants: { some: activeGrantWhere(viewer.id, now) } });
    if (scope === "metadata") reachable.push({ urgent: true });
  }
  if (reachable.length === 0) return null;
  return { AND: [notExcluded, { OR: reachable }] };
}

/** The cases `viewer` may know of and see the metadata of (lists, the case header), as a Prisma filter; null when none at all. */
export function visibleCasesWhere(viewer: CaseViewer, now = new Date()): Prisma.ReportWhereInput | null {
  return casesWhere(viewer, now, "metadata");
}

/** The cases whose content `viewer` may read: a subset of visibleCasesWhere (urgent cases need a grant for auditors). */
export function readableCasesWhere(viewer: CaseViewer, now = new Date()): Prisma.ReportWhereInput | null {
  return casesWhere(viewer, now, "content");
}

/**
 * Whether `viewer` may still see the case, asked after a change that may have taken it away from
 * them (a recusal, linking someone in their own reporting line): one count, no audit event.
 */
export async function stillSeesCase({ viewer, reportId }: { viewer: CaseViewer; reportId: string }): Promise<boolean> {
  const where = visibleCasesWhere(viewer);
  return where !== null && (await db.report.count({ where: { AND: [{ id: reportId }, where] } })) > 0;
}

/** The columns every case page needs to decide what to show (no sealed content). */
export const CASE_HEADER_SELECT = {
  id: true,
  reference: true,
  channel: true,
  category: true,
  status: true,
  severity: true,
  urgent: true,
  identityMode: true,
  legalHold: true,
  legalReferral: true,
  auditorTriage: true,
  outcome: true,
  receivedAt: true,
  acknowledgeDueAt: true,
  acknowledgedAt: true,
  feedbackDueAt: true,
  feedbackGivenAt: true,
  triagedAt: true,
  findingsRecordedAt: true,
  findingsApprovedAt: true,
  closedAt: true,
  purgedAt: true,
  reopenCount: true,
} satisfies Prisma.ReportSelect;

export type CaseHeader = Prisma.ReportGetPayload<{ select: typeof CASE_HEADER_SELECT }>;

/** What the viewer may do on this case. Computed once per request from the case and the viewer. */
export type CaseCapabilities = {
  /**
   * Read the case's content (every tab, the files). False for an auditor who sees an urgent case's
   * metadata without a grant: they get the header and a page saying the content needs a grant.
   */
  read: boolean;
  /** Assigned to the case now. */
  assigned: boolean;
  /** Assign and reassign, link involved people, dismiss without investigation (leads; auditors when every lead is excluded). */
  triage: boolean;
  /**
   * The case team's work (assignees and leads): assess severity and category, start the
   * investigation, write messages, plan and evidence, findings, remediation, close once approved.
   */
  work: boolean;
  /** Approve findings, send them back, decide on identity requests, reopen, lift a hold (leads; auditors on cases they triage). */
  approve: boolean;
  /** Grant an auditor the reading of this case for a period, and revoke such grants (leads). */
  grant: boolean;
};

export type CaseAccess = {
  viewer: CurrentUser;
  report: CaseHeader;
  can: CaseCapabilities;
};

/**
 * Not found — also the answer for a case the viewer may not see, so its existence is not revealed:
 * the very response any missing record gets (http/respond.server.ts).
 */
export const caseNotFound = notFound;
export { forbidden };

/**
 * A case whose metadata the viewer sees but whose content needs a grant: 403 (the case's existence
 * is no secret to them), with a body the case tabs' error boundary recognises to say so.
 */
export function needsGrant(): Response {
  return new Response(JSON.stringify({ needsGrant: true }), { status: 403, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/**
 * The answer for a case whose key does not unwrap: the configured master key is not the one the case
 * was sealed under (a database restored beside another installation's key, a rotation finished
 * elsewhere). The start-up key check refuses a wholly wrong key; this names the problem for one case
 * (a 500 page that says which key to fix) instead of a bare "something went wrong".
 */
export function caseKeyUnavailable(): Response {
  return new Response(JSON.stringify({ caseKeyUnavailable: true }), { status: 500, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/** unwrapReportKey for a case route: a key that does not unwrap is logged and answered with caseKeyUnavailable. */
export function unwrapCaseKey(wrappedKey: string, reportId: string): Buffer {
  try {
    return unwrapReportKey(wrappedKey, reportId);
  } catch (e) {
    if (!(e instanceof SealingError)) throw e;
    logError("case.key_unavailable", e, { reportId });
    throw caseKeyUnavailable();
  }
}

export async function capabilitiesFor({
  viewer,
  report,
  client = db,
  now = new Date(),
}: {
  viewer: CaseViewer;
  report: Pick<CaseHeader, "id" | "auditorTriage" | "purgedAt">;
  client?: Tx | typeof db;
  now?: Date;
}): Promise<CaseCapabilities> {
  const assignment = await client.caseAssignment.count({ where: { reportId: report.id, userId: viewer.id, endedAt: null } });
  const assigned = assignment > 0;
  const lead = holdsSet(viewer.permissions, CASE_TRIAGERS);
  const auditor = holdsSet(viewer.permissions, CASE_AUDITORS);
  const auditorTriages = report.auditorTriage && auditor;
  const granted = auditor && !auditorTriages && (await client.caseGrant.count({ where: { reportId: report.id, ...activeGrantWhere(viewer.id, now) } })) > 0;
  const open = report.purgedAt === null;
  return {
    read: viewer.permissions.has("read:case:any") || assigned || auditorTriages || granted,
    assigned,
    triage: open && (lead || auditorTriages),
    work: open && (assigned || lead || auditorTriages),
    approve: open && ((lead && holdsSet(viewer.permissions, FINDINGS_APPROVERS)) || auditorTriages),
    grant: open && lead && viewer.permissions.has("read:case:any"),
  };
}

/**
 * The signed-in viewer and the case, or a thrown 404 (no such case, or not one the viewer may see)
 * or a redirect to sign in. Does not open sealed content and does not write the audit log: routes
 * that show content call `openCaseKey`, which records the read.
 */
export async function requireCase(request: Request, reportId: string | undefined): Promise<CaseAccess> {
  const { user } = await requireUser(request);
  const where = visibleCasesWhere(user);
  if (!where) throw forbidden();
  if (!reportId || reportId.length > 64) throw caseNotFound();
  const report = await db.report.findFirst({ where: { AND: [{ id: reportId }, where] }, select: CASE_HEADER_SELECT });
  if (!report) throw caseNotFound();
  return { viewer: user, report, can: await capabilitiesFor({ viewer: user, report }) };
}

/**
 * requireCase for a tab or download that shows content: a viewer who sees only the metadata gets
 * needsGrant (403), which the case tabs show as "this content needs a grant".
 */
export async function requireCaseContent(request: Request, reportId: string | undefined): Promise<CaseAccess> {
  const access = await requireCase(request, reportId);
  if (!access.can.read) throw needsGrant();
  return access;
}

/** requireCase, then 403 unless the viewer has the capability on this case. */
export async function requireCaseCapability(request: Request, { reportId, capability }: { reportId: string | undefined; capability: keyof CaseCapabilities }): Promise<CaseAccess> {
  const access = await requireCase(request, reportId);
  if (!access.can[capability]) throw forbidden();
  return access;
}

/**
 * The report's data key, for a viewer who passed requireCase. Every call is a read of case content
 * and is written to the audit log first (`section` says what was read: "content", "messages"…).
 * A purged case has no key any more: null.
 */
export async function openCaseKey(access: CaseAccess, section: string): Promise<Buffer | null> {
  // Routes check first (requireCaseContent); this guard keeps a forgotten check from opening content.
  if (!access.can.read) throw needsGrant();
  if (access.report.purgedAt) return null;
  const row = await db.$transaction(async (tx) => {
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: access.viewer.id },
      action: "case.read",
      objectType: "Report",
      objectId: access.report.id,
      details: { section },
    });
    return tx.report.findUniqueOrThrow({ where: { id: access.report.id }, select: { wrappedKey: true } });
  });
  return unwrapCaseKey(row.wrappedKey, access.report.id);
}

/**
 * The report's key for the reporter reading their own report (the follow-up page, its downloads):
 * the caller holds the reporter's session for this report. Not audited: the reporter is anonymous
 * and the log would only say "someone with the receipt read it". A purged case has no key: null.
 */
export async function reporterCaseKey(reportId: string): Promise<Buffer | null> {
  const row = await db.report.findUnique({ where: { id: reportId }, select: { wrappedKey: true, purgedAt: true } });
  if (!row || row.purgedAt) return null;
  return unwrapReportKey(row.wrappedKey, reportId);
}

/** The report's key inside a transaction that writes sealed content (the write is audited by its caller). */
export async function caseKeyIn(tx: Tx, reportId: string): Promise<Buffer> {
  const row = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { wrappedKey: true, purgedAt: true } });
  if (row.purgedAt) throw new Error("the case has been purged");
  return unwrapCaseKey(row.wrappedKey, reportId);
}
