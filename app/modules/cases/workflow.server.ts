// The case workflow: New → Triage → Investigation → Findings → Closed, and
// reopen. Each step is one guarded case write (case-write.server.ts): one transaction that
//   - locks the case, re-reads it as the viewer may see it and recomputes what the viewer may do,
//   - refuses what the one table of case writes (case-actions.ts) does not allow — the same table
//     the workflow tab reads to offer its forms, so a stale page or a hand-made POST gets the answer
//     the page would have given,
//   - changes the case (conditional on the stage it was read in, a second guard behind the lock),
//   - seals any text with the report's key, and
//   - writes the content-free timeline entry and audit event ("status.changed" plus the step's own).
// A refused step throws WorkflowError (403 for the role, 409 for the stage, 400 for a missing
// prerequisite) or WorkflowValidationError (field → error key) and leaves nothing behind.
import { z } from "zod";
import { db, Prisma, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { getSettings } from "../settings/settings.server";
import { fieldContext, openField, sealField } from "../crypto/sealing.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_AUDITORS, CASE_TRIAGERS, FINDINGS_APPROVERS } from "../auth/permissions";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import { REPORT_CATEGORIES } from "../hotline/reports.server";
import { parseReference } from "../hotline/receipt";
import { caseKeyIn, openCaseKey, visibleCasesWhere, type CaseAccess } from "./access.server";
import { recordCaseEvent } from "./events.server";
import { insertCaseMessage, notifyHandlers } from "./messages.server";
import { notifyUsers } from "./conflicts.server";
import { FINDINGS_OUTCOMES, MAX_WORKFLOW_TEXT, SEVERITY_LEVELS, type CaseStage, type FindingsOutcome, type WorkflowAction } from "./workflow";
import { DomainError } from "../http/domain-error";
import { issuesToErrors } from "../http/forms";

// ───────────────────────────── errors ─────────────────────────────

// A refused step throws WorkflowError, from the guarded write every case write goes through.
export { WorkflowError, type WorkflowErrorCode } from "./case-write.server";
import { WorkflowError, writeCase, type CaseStep, type CaseWrite } from "./case-write.server";

/** Field name → error key (m.workflow.errors or m.errors). */
export class WorkflowValidationError extends DomainError {
  declare readonly fieldErrors: Record<string, string>;
  /** `formError`: what is wrong with the step as a whole, when a check is about no one field. */
  constructor(fieldErrors: Record<string, string>, formError: string | null = null) {
    super("workflow", formError ?? "formInvalid", { fieldErrors });
    this.name = "WorkflowValidationError";
  }
}

// ───────────────────────────── input ─────────────────────────────

// Text is kept exactly as typed; "required" means something other than blanks.
const requiredText = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .max(MAX_WORKFLOW_TEXT, "tooLong")
  .refine((s) => s.trim().length > 0, "required");
const optionalText = z.string({ invalid_type_error: "invalid" }).max(MAX_WORKFLOW_TEXT, "tooLong").default("");

/** A checkbox: present ("on") or absent; booleans for callers other than forms. */
const checkbox = z
  .union([z.boolean(), z.string()], { invalid_type_error: "invalid" })
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** CNY, at most two decimals; spaces and thousands separators allowed as typed ("12,500.50"). */
const LOSS_AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;

export const triageSchema = z.object({
  severity: z.coerce
    .number({ invalid_type_error: "choice", required_error: "choice" })
    .refine((n): n is (typeof SEVERITY_LEVELS)[number] => (SEVERITY_LEVELS as readonly number[]).includes(n), "choice"),
  category: z.enum(REPORT_CATEGORIES, { errorMap: () => ({ message: "choice" }) }),
  urgent: checkbox,
});

export const planSchema = z.object({ plan: requiredText });
export const investigationSchema = z.object({ plan: requiredText, evidence: optionalText });
export const reasonSchema = z.object({ reason: requiredText });

/**
 * The outcome message to the reporter that closing offers (on in the form; a handler may untick it,
 * e.g. when nobody will ever come back with the receipt). Required only when it is to be sent.
 */
const outcomeMessageFields = {
  notifyReporter: checkbox,
  outcomeMessage: z.string({ invalid_type_error: "invalid" }).max(MAX_WORKFLOW_TEXT, "tooLong").default(""),
};
function requireOutcomeMessage(v: { notifyReporter: boolean; outcomeMessage: string }, ctx: z.RefinementCtx) {
  if (v.notifyReporter && v.outcomeMessage.trim().length === 0) ctx.addIssue({ code: "custom", path: ["outcomeMessage"], message: "required" });
}
export const closeSchema = z.object({ lessons: requiredText, ...outcomeMessageFields }).superRefine(requireOutcomeMessage);
export const closeNoInvestigationSchema = z.object({ reason: requiredText, ...outcomeMessageFields }).superRefine(requireOutcomeMessage);
export const duplicateSchema = z.object({
  original: z.string({ required_error: "required", invalid_type_error: "invalid" }).trim().min(1, "required").max(40, "duplicateReference"),
  reason: requiredText,
});

export const findingsSchema = z
  .object({
    outcome: z.enum(FINDINGS_OUTCOMES, { errorMap: () => ({ message: "choice" }) }),
    cause: requiredText,
    lossAmount: z.string({ invalid_type_error: "invalid" }).max(40, "lossAmount").default(""),
    responsible: optionalText,
    sanction: optionalText,
  })
  .transform((v, ctx) => {
    const loss = v.lossAmount.replace(/[\s,，]/g, "");
    if (loss === "") {
      if (v.outcome !== "NOT_SUBSTANTIATED") ctx.addIssue({ code: "custom", path: ["lossAmount"], message: "required" });
    } else if (!LOSS_AMOUNT.test(loss)) {
      ctx.addIssue({ code: "custom", path: ["lossAmount"], message: "lossAmount" });
    }
    return { ...v, lossAmount: loss === "" ? null : loss };
  });

function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { fieldErrors, formError } = issuesToErrors(result.error.issues);
  throw new WorkflowValidationError(fieldErrors, formError);
}

/** A step's fields as a form posts them (strings; "on" for a ticked box), or typed values. */
export type StepInput = Record<string, unknown>;

/** One workflow step by a signed-in handler: who takes it, on which case, with what the form posted. */
export type StepRequest = { actorUserId: string; reportId: string; input: StepInput };

/** What is sealed in Report.sealedInvestigation. */
export type InvestigationRecord = { plan: string; evidence: string };
/** What is sealed in Report.sealedFindings (the outcome is also in the clear, for statistics). */
export type FindingsRecord = {
  outcome: FindingsOutcome;
  cause: string;
  /** CNY as typed, normalised ("12500.50"); null when none was given. */
  lossAmount: string | null;
  responsible: string;
  sanction: string;
};

// ───────────────────────────── the step frame ─────────────────────────────

type Step = CaseStep;

/**
 * One step, as the guarded case write named by its action: the table (case-actions.ts) checks the
 * role, the stage and the case's flags — what the workflow tab offers — before `body` runs.
 */
function runStep<T>(actorUserId: string, reportId: string, action: WorkflowAction, body: (step: Step) => Promise<T>, facts?: CaseWrite<T>["facts"]): Promise<T> {
  return writeCase({ reportId, actorUserId, action, run: body, facts });
}

/**
 * Moves the case from the stage it was read in to `to`, only if nobody moved it meanwhile (and
 * `also` still holds), and records the change on the timeline and in the audit log.
 */
async function moveStage(step: Step, to: CaseStage, data: Prisma.ReportUncheckedUpdateManyInput, also: Prisma.ReportWhereInput = {}) {
  const from = step.row.status;
  await updateInStage(step, { ...data, status: to }, also);
  if (from !== to) await step.record("status.changed", { from, to });
}

/**
 * A change applied only while the case is still in the stage (and `also` still holds) it was read
 * in. The case is locked, so this is a second guard: it never fails unless the lock was lost.
 */
async function updateInStage(step: Step, data: Prisma.ReportUncheckedUpdateManyInput, also: Prisma.ReportWhereInput = {}) {
  const { count } = await step.tx.report.updateMany({ where: { ...also, id: step.row.id, status: step.row.status }, data });
  if (count !== 1) throw new WorkflowError("conflict");
}

function seal(key: Buffer, reportId: string, column: "investigation" | "findings" | "lessons", value: unknown): string {
  return sealField(key, typeof value === "string" ? value : JSON.stringify(value), fieldContext("Report", reportId, column));
}

/** An internal note (the thread the reporter never sees) holding a step's reason. */
async function writeInternalNote(step: Step, key: Buffer, body: string) {
  await insertCaseMessage(step.tx, { key, reportId: step.row.id, thread: "INTERNAL", author: { kind: "HANDLER", userId: step.viewer.id }, body, at: step.now });
  await step.record("message.posted", { thread: "INTERNAL", attachments: 0, feedback: false });
}

/**
 * The closing outcome message to the reporter (the case closes with it or not at all); it is the
 * reporter's acknowledgement and feedback if none was given.
 */
async function writeReporterMessage(step: Step, key: Buffer, body: string) {
  await insertCaseMessage(step.tx, { key, reportId: step.row.id, thread: "REPORTER", author: { kind: "HANDLER", userId: step.viewer.id }, body, at: step.now, feedback: true });
  await step.record("message.posted", { thread: "REPORTER", attachments: 0, feedback: true });
}

/**
 * Tells the audit committee at once that a case was flagged urgent: every active account holding
 * CASE_AUDITORS that is not excluded from the case (and not the one who flagged it). The
 * email is the content-free "case flagged urgent" notice with the case's link.
 */
async function notifyAuditors(step: Step): Promise<number> {
  const reportId = step.row.id;
  const auditors = await step.tx.user.findMany({
    where: { ...holdingPermission(CASE_AUDITORS), id: { not: step.viewer.id }, caseExclusions: { none: { reportId } } },
    select: RECIPIENT_SELECT,
    orderBy: { id: "asc" },
  });
  const url = `${getEnv().APP_URL}/cases/${reportId}`;
  return emailRecipients(step.tx, { users: auditors, template: "caseUrgent", params: { url } });
}

// ───────────────────────────── the steps ─────────────────────────────

/**
 * Triage (NEW or TRIAGE; those who triage): severity, category confirmed or corrected, urgent flag.
 * The first save moves NEW → TRIAGE. Raising the urgent flag notifies the auditors in the same
 * transaction.
 */
export async function saveTriage({ actorUserId, reportId, input }: StepRequest): Promise<{ notifiedAuditors: number }> {
  const data = parseInput(triageSchema, input);
  return runStep(actorUserId, reportId, "triage", async (step) => {
    const before = step.row;
    const change = { severity: data.severity, category: data.category, urgent: data.urgent, triagedAt: before.triagedAt ?? step.now };
    // Conditional on the urgent flag as read too: two saves raising it at once notify the auditors once.
    await moveStage(step, "TRIAGE", change, { urgent: before.urgent });
    await step.record("triage.saved", { severity: data.severity, category: data.category, categoryChanged: data.category !== before.category, urgent: data.urgent });
    let notifiedAuditors = 0;
    if (data.urgent && !before.urgent) {
      notifiedAuditors = await notifyAuditors(step);
      await step.record("urgent.flagged", { notified: notifiedAuditors });
    } else if (!data.urgent && before.urgent) {
      await step.record("urgent.cleared");
    }
    return { notifiedAuditors };
  });
}

/** TRIAGE → INVESTIGATION (those who triage): needs a severity, an assignee and a plan. */
export async function startInvestigation({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { plan } = parseInput(planSchema, input);
  await runStep(actorUserId, reportId, "start", async (step) => {
    if (step.row.severity === null) throw new WorkflowError("severityFirst");
    const assignees = await step.tx.caseAssignment.count({ where: { reportId, endedAt: null } });
    if (assignees === 0) throw new WorkflowError("assignFirst");
    const key = await caseKeyIn(step.tx, reportId);
    const record: InvestigationRecord = { plan, evidence: "" };
    await moveStage(step, "INVESTIGATION", { sealedInvestigation: seal(key, reportId, "investigation", record) });
    await step.record("investigation.started", { assignees });
  });
}

/** During the investigation (those who work the case): the plan and the evidence notes. */
export async function saveInvestigation({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const record: InvestigationRecord = parseInput(investigationSchema, input);
  await runStep(actorUserId, reportId, "investigation", async (step) => {
    const key = await caseKeyIn(step.tx, reportId);
    await updateInStage(step, { sealedInvestigation: seal(key, reportId, "investigation", record) });
    await step.record("investigation.updated");
  });
}

/**
 * Refers the case to legal counsel (INVESTIGATION or FINDINGS; those who work the case). This also
 * places an evidence hold: the retention purge skips the case until the hold is lifted.
 */
export async function referToLegal({ actorUserId, reportId }: Omit<StepRequest, "input">): Promise<void> {
  await runStep(actorUserId, reportId, "refer", async (step) => {
    await updateInStage(step, { legalReferral: true, legalHold: true }, { legalReferral: false });
    await step.record("legal.referred", { hold: true });
  });
}

/** Lifts an evidence hold (any stage; those who approve), with a reason kept as an internal note. */
export async function liftLegalHold({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { reason } = parseInput(reasonSchema, input);
  await runStep(actorUserId, reportId, "liftHold", async (step) => {
    await updateInStage(step, { legalHold: false }, { legalHold: true });
    await writeInternalNote(step, await caseKeyIn(step.tx, reportId), reason);
    await step.record("legal.hold.lifted");
  });
}

/** INVESTIGATION → FINDINGS (those who work the case): outcome in the clear, the rest sealed. */
export async function recordFindings({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const record: FindingsRecord = parseInput(findingsSchema, input);
  await runStep(actorUserId, reportId, "findings", async (step) => {
    const key = await caseKeyIn(step.tx, reportId);
    await moveStage(step, "FINDINGS", {
      outcome: record.outcome,
      sealedFindings: seal(key, reportId, "findings", record),
      findingsRecordedAt: step.now,
      findingsApprovedAt: null,
      findingsApprovedByUserId: null,
    });
    await step.record("findings.recorded", { outcome: record.outcome, lossStated: record.lossAmount !== null });
    // The handoff to the approvers: those who may approve, never the recorder (four eyes or not).
    await notifyUsers(step.tx, { reportId, userIds: await caseApprovers(step.tx, { reportId, exceptUserId: step.viewer.id }), notice: "caseFindingsAwaitApproval" });
  });
}

/** Who recorded the case's current findings (the latest "findings.recorded" step), or null. */
export async function findingsRecorder(client: Tx | typeof db, reportId: string): Promise<string | null> {
  const recorded = await client.caseEvent.findFirst({
    where: { reportId, type: "findings.recorded" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { actorUserId: true },
  });
  return recorded?.actorUserId ?? null;
}

/**
 * Who may approve the case's findings (capabilitiesFor's `approve`), as user ids: the leads holding
 * the approval permission, or the auditors when they triage the case; never the excluded, never
 * `exceptUserId` (the recorder). notifyUsers drops disabled accounts.
 */
export async function caseApprovers(tx: Tx, { reportId, exceptUserId }: { reportId: string; exceptUserId: string }): Promise<string[]> {
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { auditorTriage: true } });
  const holders = report.auditorTriage
    ? holdingPermission(CASE_AUDITORS)
    : { AND: [holdingPermission(CASE_TRIAGERS), holdingPermission(FINDINGS_APPROVERS)] };
  const rows = await tx.user.findMany({
    where: { AND: [holders, { id: { not: exceptUserId }, caseExclusions: { none: { reportId } } }] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** True when the setting asks for four eyes and `userId` recorded the findings: someone else approves. */
export async function mayNotApproveOwnFindings({ reportId, userId, client = db }: { reportId: string; userId: string; client?: Tx | typeof db }): Promise<boolean> {
  if (!(await getSettings(client))["hotline.findingsFourEyes"]) return false;
  return (await findingsRecorder(client, reportId)) === userId;
}

/** The four-eyes fact the approval's rule needs, read in the step's transaction. */
const ownFindingsFact = async (step: Step) => ({ findingsRecordedByViewer: await mayNotApproveOwnFindings({ reportId: step.row.id, userId: step.viewer.id, client: step.tx }) });

/**
 * Approves the recorded findings (FINDINGS; those who approve), never the recorder's own when the
 * organisation asks for four eyes (setting "hotline.findingsFourEyes"). The case can then be closed.
 */
export async function approveFindings({ actorUserId, reportId }: Omit<StepRequest, "input">): Promise<void> {
  await runStep(actorUserId, reportId, "approve", async (step) => {
    await updateInStage(step, { findingsApprovedAt: step.now, findingsApprovedByUserId: step.viewer.id }, { findingsApprovedAt: null });
    await step.record("findings.approved", { outcome: step.row.outcome });
    // Back to the case team, who close it with the lessons learned.
    await notifyHandlers(step.tx, { reportId, appUrl: getEnv().APP_URL, notice: "caseFindingsApproved", exceptUserId: step.viewer.id });
  }, ownFindingsFact);
}

/**
 * FINDINGS → INVESTIGATION (those who approve), with the reason as an internal note. The sealed
 * findings stay as the draft the investigators revise; the clear outcome and approval are cleared.
 */
export async function sendBackFindings({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { reason } = parseInput(reasonSchema, input);
  await runStep(actorUserId, reportId, "sendBack", async (step) => {
    await moveStage(step, "INVESTIGATION", { outcome: null, findingsRecordedAt: null, findingsApprovedAt: null, findingsApprovedByUserId: null });
    await writeInternalNote(step, await caseKeyIn(step.tx, reportId), reason);
    await step.record("findings.returned");
    await notifyHandlers(step.tx, { reportId, appUrl: getEnv().APP_URL, notice: "caseFindingsReturned", exceptUserId: step.viewer.id });
  });
}

/** FINDINGS with approved findings → CLOSED (those who approve), with the lessons learned. */
export async function closeCase({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { lessons, notifyReporter, outcomeMessage } = parseInput(closeSchema, input);
  await runStep(actorUserId, reportId, "close", async (step) => {
    const key = await caseKeyIn(step.tx, reportId);
    await moveStage(step, "CLOSED", { sealedLessons: seal(key, reportId, "lessons", lessons), closedAt: step.now }, { findingsApprovedAt: { not: null } });
    if (notifyReporter) await writeReporterMessage(step, key, outcomeMessage);
    await step.record("case.closed", { route: "findings", outcome: step.row.outcome, reporterTold: notifyReporter });
  });
}

/** TRIAGE → CLOSED, "no investigation needed" (those who triage); the reason is kept as the lessons. */
export async function closeWithoutInvestigation({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { reason, notifyReporter, outcomeMessage } = parseInput(closeNoInvestigationSchema, input);
  await runStep(actorUserId, reportId, "closeNoInvestigation", async (step) => {
    const key = await caseKeyIn(step.tx, reportId);
    await moveStage(step, "CLOSED", { sealedLessons: seal(key, reportId, "lessons", reason), closedAt: step.now });
    if (notifyReporter) await writeReporterMessage(step, key, outcomeMessage);
    await step.record("case.closed", { route: "noInvestigation", outcome: null, reporterTold: notifyReporter });
  });
}

/**
 * NEW or TRIAGE → CLOSED as the duplicate of another case (those who triage; the original named by
 * its reference and visible to them too — a case they cannot see is "not found", as anywhere else).
 * The two are linked both ways (CaseDuplicate) and each timeline says so; the reason is kept as the
 * duplicate's lessons, as a closing without investigation keeps its reason.
 */
export async function markDuplicate({ actorUserId, reportId, input }: StepRequest): Promise<{ originalId: string }> {
  const data = parseInput(duplicateSchema, input);
  const reference = parseReference(data.original);
  if (!reference.ok) throw new WorkflowValidationError({ original: "duplicateReference" });
  return runStep(actorUserId, reportId, "markDuplicate", async (step) => {
    const original = await step.tx.report.findFirst({ where: { AND: [{ reference: reference.value }, visibleCasesWhere(step.viewer, step.now)!] }, select: { id: true } });
    if (!original) throw new WorkflowValidationError({ original: "duplicateNotFound" });
    if (original.id === reportId) throw new WorkflowValidationError({ original: "duplicateSelf" });
    // One level only: the original is not itself a duplicate, and this case is nobody's original.
    const chained = await step.tx.caseDuplicate.count({ where: { OR: [{ duplicateId: original.id }, { originalId: reportId }] } });
    if (chained > 0) throw new WorkflowValidationError({ original: "duplicateChain" });
    const key = await caseKeyIn(step.tx, reportId);
    await step.tx.caseDuplicate.create({ data: { duplicateId: reportId, originalId: original.id, markedByUserId: step.viewer.id, createdAt: step.now }, select: { duplicateId: true } });
    await moveStage(step, "CLOSED", { sealedLessons: seal(key, reportId, "lessons", data.reason), closedAt: step.now });
    await step.record("case.closed", { route: "duplicate", outcome: null });
    await step.record("duplicate.marked", { originalId: original.id });
    await recordCaseEvent(step.tx, { reportId: original.id, actor: step.actor, type: "duplicate.linked", details: { duplicateId: reportId }, at: step.now });
    return { originalId: original.id };
  });
}

/** CLOSED → INVESTIGATION (those who approve), with the reason as an internal note. */
export async function reopenCase({ actorUserId, reportId, input }: StepRequest): Promise<void> {
  const { reason } = parseInput(reasonSchema, input);
  await runStep(actorUserId, reportId, "reopen", async (step) => {
    await moveStage(step, "INVESTIGATION", {
      reopenCount: { increment: 1 },
      closedAt: null,
      outcome: null,
      findingsRecordedAt: null,
      findingsApprovedAt: null,
      findingsApprovedByUserId: null,
    });
    await writeInternalNote(step, await caseKeyIn(step.tx, reportId), reason);
    await step.record("case.reopened", { reopenCount: step.row.reopenCount + 1 });
    await notifyHandlers(step.tx, { reportId, appUrl: getEnv().APP_URL, notice: "caseReopened", exceptUserId: step.viewer.id });
  });
}

/** One step by the name its form posts as `intent` (the workflow tab's action). */
export async function takeWorkflowStep(request: StepRequest & { action: WorkflowAction }): Promise<void> {
  const { action, ...step } = request;
  switch (action) {
    case "triage":
      await saveTriage(step);
      return;
    case "start":
      return startInvestigation(step);
    case "closeNoInvestigation":
      return closeWithoutInvestigation(step);
    case "investigation":
      return saveInvestigation(step);
    case "refer":
      return referToLegal(step);
    case "markDuplicate":
      await markDuplicate(step);
      return;
    case "findings":
      return recordFindings(step);
    case "approve":
      return approveFindings(step);
    case "sendBack":
      return sendBackFindings(step);
    case "close":
      return closeCase(step);
    case "liftHold":
      return liftLegalHold(step);
    case "reopen":
      return reopenCase(step);
  }
}

// ───────────────────────────── reading ─────────────────────────────

export type WorkflowRecord = {
  /** Active assignments: starting the investigation needs one. */
  assignees: number;
  approvedBy: { nameZh: string; nameEn: string } | { email: string } | null;
  investigation: InvestigationRecord | null;
  findings: FindingsRecord | null;
  lessons: string | null;
};

/**
 * What the workflow tab shows: the clear facts and, when there is any, the sealed plan, findings and
 * lessons, opened through openCaseKey (which writes the audited read) for a viewer who passed requireCase.
 */
export async function loadWorkflow(access: CaseAccess): Promise<WorkflowRecord> {
  const reportId = access.report.id;
  const [assignees, row] = await Promise.all([
    db.caseAssignment.count({ where: { reportId, endedAt: null } }),
    db.report.findUniqueOrThrow({
      where: { id: reportId },
      select: {
        sealedInvestigation: true,
        sealedFindings: true,
        sealedLessons: true,
        findingsApprovedBy: { select: { email: true, person: { select: { nameZh: true, nameEn: true } } } },
      },
    }),
  ]);
  const approver = row.findingsApprovedBy;
  const approvedBy = approver ? (approver.person ?? { email: approver.email }) : null;
  const empty = { assignees, approvedBy, investigation: null, findings: null, lessons: null };
  if (!row.sealedInvestigation && !row.sealedFindings && !row.sealedLessons) return empty;
  const key = await openCaseKey(access, "workflow");
  if (!key) return empty;
  const open = (sealed: string | null, column: "investigation" | "findings" | "lessons") =>
    sealed === null ? null : openField(key, sealed, fieldContext("Report", reportId, column));
  const investigation = open(row.sealedInvestigation, "investigation");
  const findings = open(row.sealedFindings, "findings");
  return {
    assignees,
    approvedBy,
    investigation: investigation === null ? null : (JSON.parse(investigation) as InvestigationRecord),
    findings: findings === null ? null : (JSON.parse(findings) as FindingsRecord),
    lessons: open(row.sealedLessons, "lessons"),
  };
}
