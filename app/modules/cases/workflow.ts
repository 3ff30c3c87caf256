// The case workflow's vocabulary (issue 3, point 10), client-safe: the five stages in order, the
// severity scale, the findings outcomes, and label helpers that read app/i18n so every page (the
// case header, the queue, the workflow tab) names a stage or a level the same way.
import type { Messages } from "../../i18n/messages";

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
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export type WorkflowState = {
  status: CaseStage;
  legalReferral: boolean;
  legalHold: boolean;
  findingsApprovedAt: Date | string | null;
  /** The viewer recorded the findings and the organisation asks for four eyes: someone else approves. */
  findingsRecordedByViewer?: boolean;
};

export type WorkflowCapabilities = { triage: boolean; work: boolean; approve: boolean };

/**
 * The steps a viewer may take now, to decide which forms to show. The server checks each step
 * again on its own (workflow.server.ts); this only keeps the page from offering what would be refused.
 */
export function availableActions(state: WorkflowState, can: WorkflowCapabilities): WorkflowAction[] {
  const actions: WorkflowAction[] = [];
  const { status } = state;
  // Assessing and starting are the case team's (an assigned investigator or a lead); dismissing a
  // report without investigation is a lead's decision.
  if (can.work && (status === "NEW" || status === "TRIAGE")) actions.push("triage");
  if (can.work && status === "TRIAGE") actions.push("start");
  if (can.triage && status === "TRIAGE") actions.push("closeNoInvestigation");
  // A reporter who went back and sent the report again makes a duplicate: a lead closes it as such.
  if (can.triage && (status === "NEW" || status === "TRIAGE")) actions.push("markDuplicate");
  if (can.work && status === "INVESTIGATION") actions.push("investigation", "findings");
  if (can.work && (status === "INVESTIGATION" || status === "FINDINGS") && !state.legalReferral) actions.push("refer");
  if (can.approve && status === "FINDINGS") {
    if (!state.findingsApprovedAt && !state.findingsRecordedByViewer) actions.push("approve");
    actions.push("sendBack");
  }
  // Once a lead has approved the findings, the case team closes with the lessons learned.
  if (can.work && status === "FINDINGS" && state.findingsApprovedAt) actions.push("close");
  if (can.approve && state.legalHold) actions.push("liftHold");
  if (can.approve && status === "CLOSED") actions.push("reopen");
  return actions;
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
