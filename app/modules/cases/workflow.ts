// The case workflow's vocabulary (issue 3, point 10), client-safe: the five stages in order, the
// severity scale, the findings outcomes, and label helpers that read app/i18n so every page (the
// case header, the queue, the workflow tab) names a stage or a level the same way.
import type { Messages } from "../../i18n/messages";
import { allowedCaseActions, type CaseAction, type CaseActionState, type CaseCapabilityFlags } from "./case-actions";

/** The stages in the order a case moves through them (a reopened case goes back to INVESTIGATION). */
export const CASE_STAGES = ["NEW", "TRIAGE", "INVESTIGATION", "FINDINGS", "CLOSED"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Severity levels; 1 is the most severe. Their written definitions are m.workflow.severity[n]. */
export const SEVERITY_LEVELS = [1, 2, 3, 4, 5] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export const FINDINGS_OUTCOMES = ["SUBSTANTIATED", "PARTLY_SUBSTANTIATED", "NOT_SUBSTANTIATED"] as const;
export type FindingsOutcome = (typeof FINDINGS_OUTCOMES)[number];

/** Longest plan, evidence note, finding, lesson or reason a handler may type. */
export const MAX_WORKFLOW_TEXT = 20_000;

export function isSeverityLevel(value: unknown): value is SeverityLevel {
  return typeof value === "number" && (SEVERITY_LEVELS as readonly number[]).includes(value);
}

/** "Investigation", "调查"… */
export function stageLabel(m: Messages, stage: CaseStage): string {
  return m.workflow.status[stage];
}

/** "1 – Critical"; for a null or unknown level, "Not rated yet". */
export function severityLabel(m: Messages, level: number | null | undefined): string {
  return isSeverityLevel(level) ? m.workflow.severity[level].short : m.workflow.severityUnset;
}

/** Where a stage sits in the stepper (0-based). */
export function stageIndex(stage: CaseStage): number {
  return CASE_STAGES.indexOf(stage);
}

/** The forms of the workflow tab; also the `intent` a form posts. */
export const WORKFLOW_ACTIONS = [
  "triage",
  "start",
  "closeNoInvestigation",
  "investigation",
  "refer",
  "findings",
  "approve",
  "sendBack",
  "close",
  "liftHold",
  "reopen",
  "markDuplicate",
] as const satisfies readonly CaseAction[];
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export type WorkflowState = CaseActionState;

export type WorkflowCapabilities = Pick<CaseCapabilityFlags, "triage" | "work" | "approve">;

/**
 * The steps a viewer may take now, to decide which forms to show: the workflow's rows of the one
 * table of case writes (case-actions.ts), which the server checks again in the step's transaction.
 */
export function availableActions(state: WorkflowState, can: WorkflowCapabilities): WorkflowAction[] {
  return allowedCaseActions(state, can).filter(isWorkflowAction);
}

/**
 * The outcome message closing prefills (m: the catalogue of the language chosen for the reporter):
 * by the findings' outcome, or the "no investigation needed" one when the case closes from triage.
 */
export function outcomeMessageTemplate(m: Messages, outcome: FindingsOutcome | null): string {
  return m.workflow.outcomeMessage.templates[outcome ?? "noInvestigation"];
}

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === "string" && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}
