// Every write a handler makes on a case goes through `writeCase`: the guarded write
// (db/guarded-write.server.ts) on the case, with the one table of case writes (case-actions.ts)
// deciding what is allowed — the same table the case's tabs read to decide what to offer. ADR 0027.
import type { Tx } from "../db/db.server";
import { DomainError } from "../http/domain-error";
import { guardedWrite, type Aggregate, type GuardedStep } from "../db/guarded-write.server";
import { CASE_HEADER_SELECT, capabilitiesFor, visibleCasesWhere, type CaseCapabilities, type CaseHeader } from "./access.server";
import { CASE_ACTIONS, caseActionRefusal, type CaseAction, type CaseActionState } from "./case-actions";
import { recordCaseEvent } from "./events.server";
import { CaseActionError } from "./conflicts.server";

// ───────────────────────────── refusals ─────────────────────────────

/** Keys of m.workflow.errors. */
export type WorkflowErrorCode =
  | "notFound"
  | "forbidden"
  | "wrongStage"
  | "conflict"
  | "assignFirst"
  | "severityFirst"
  | "notApproved"
  | "alreadyApproved"
  | "ownFindings"
  | "alreadyReferred"
  | "noHold";

const STATUS_OF: Record<WorkflowErrorCode, 400 | 403 | 404 | 409> = {
  notFound: 404,
  forbidden: 403,
  wrongStage: 409,
  conflict: 409,
  assignFirst: 400,
  severityFirst: 400,
  notApproved: 409,
  alreadyApproved: 409,
  ownFindings: 403,
  alreadyReferred: 409,
  noHold: 409,
};

/** A case write refused by the table (403 for the role, 409 for the stage) or by a step's prerequisite (400). */
export class WorkflowError extends DomainError<WorkflowErrorCode> {
  declare readonly status: 400 | 403 | 404 | 409;
  constructor(code: WorkflowErrorCode) {
    super("workflow", code, { status: STATUS_OF[code] });
    this.name = "WorkflowError";
  }
}

/**
 * The case does not exist, or the acting user may not see it (excluded meanwhile, assignment ended,
 * account disabled): answered exactly as a missing case (ADR 0011). A WorkflowError "notFound".
 */
export class CaseGoneError extends WorkflowError {
  constructor() {
    super("notFound");
    this.name = "CaseGoneError";
    this.message = "the case is not visible to this user any more";
  }
}

// ───────────────────────────── the case as an aggregate ─────────────────────────────

/**
 * Takes the case's write lock for the rest of the transaction. On PostgreSQL the update takes the
 * row lock, so a second writer waits and then reads what the first committed; on SQLite the
 * transaction already holds the database's write lock (BEGIN IMMEDIATE). False when there is no such case.
 */
export async function lockCaseRow(tx: Tx, { reportId, now }: { reportId: string; now: Date }): Promise<boolean> {
  const locked = await tx.report.updateMany({ where: { id: reportId }, data: { updatedAt: now } });
  return locked.count === 1;
}

function caseAggregate(reportId: string): Aggregate<CaseHeader, CaseCapabilities> {
  return {
    lock: (tx, now) => lockCaseRow(tx, { reportId, now }),
    async open(tx, viewer, now) {
      const visible = visibleCasesWhere(viewer, now);
      // No role that reaches cases at all (an employee, an administrator): refused as a matter of
      // role (403), as the routes refuse them; a handler who cannot see this case gets the 404.
      if (!visible) throw new WorkflowError("forbidden");
      return tx.report.findFirst({ where: { AND: [{ id: reportId }, visible] }, select: CASE_HEADER_SELECT });
    },
    capabilities: (tx, viewer, row, now) => capabilitiesFor({ viewer, report: row, client: tx, now }),
    record: (tx, row, entry) => recordCaseEvent(tx, { reportId: row.id, ...entry }),
    refuse: { notFound: () => new CaseGoneError(), forbidden: () => new WorkflowError("forbidden") },
  };
}

export type CaseStep = GuardedStep<CaseHeader, CaseCapabilities>;

export type CaseWrite<T> = {
  reportId: string;
  actorUserId: string;
  /** The row of the table this write is: its capability, stages and facts are checked before `run`. */
  action: CaseAction;
  /** Facts about the viewer the action's rule needs (the four-eyes check), read in the transaction. */
  facts?: (step: CaseStep) => Promise<Partial<CaseActionState>>;
  run(step: CaseStep): Promise<T>;
  now?: Date;
  timeoutMs?: number;
};

/**
 * One write on a case by a signed-in handler, in one transaction: locked, opened as they may see it,
 * checked against the table, run, recorded (step.record writes the timeline entry and the audit event).
 */
export function writeCase<T>(write: CaseWrite<T>): Promise<T> {
  return guardedWrite({
    aggregate: caseAggregate(write.reportId),
    actorUserId: write.actorUserId,
    capability: CASE_ACTIONS[write.action].capability,
    now: write.now,
    timeoutMs: write.timeoutMs,
    async run(step) {
      const facts = write.facts ? await write.facts(step) : {};
      const refusal = caseActionRefusal(write.action, { ...step.row, ...facts }, step.can);
      if (refusal) throw new WorkflowError(refusal);
      // A purged case keeps only its record: nothing can be added to it.
      if (step.row.purgedAt) throw new CaseActionError("closed");
      return write.run(step);
    },
  });
}
