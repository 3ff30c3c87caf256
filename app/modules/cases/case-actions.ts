// Every write a viewer may make on a case, in one table: which capability it needs (access.server's
// capabilitiesFor), in which stages, and which flags of the case must hold. The page asks this
// table what to offer (`allowedCaseActions`), and the guarded write (case-write.server.ts) asks it
// again, inside its transaction, what to refuse (`caseActionRefusal`), so a form is shown exactly
// when posting it would be accepted. Client-safe: no server imports.
//
// Conditions found in other rows (an assignee to start with, a request already pending, the
// duplicate's original) are not here: the step finds them when it runs and the page shows them as
// its own hints. ADR 0027.
import type { CaseStage } from "./workflow";

/** What a viewer may do on a case; computed per request by capabilitiesFor (access.server.ts). */
export type CaseCapability = "read" | "assigned" | "triage" | "work" | "approve" | "grant";
export type CaseCapabilityFlags = Record<CaseCapability, boolean>;

/** The case's own facts the rules look at (its header), and one fact about the viewer. */
export type CaseActionState = {
  status: CaseStage;
  legalReferral: boolean;
  legalHold: boolean;
  findingsApprovedAt: Date | string | null;
  /** The viewer recorded the findings and the organisation asks for four eyes: someone else approves. */
  findingsRecordedByViewer?: boolean;
};

/** Why a write is refused: a key of m.workflow.errors. */
export type CaseActionRefusal = "forbidden" | "wrongStage" | "alreadyReferred" | "alreadyApproved" | "ownFindings" | "notApproved" | "noHold";

type Rule = {
  capability: CaseCapability;
  /** The stages the write is allowed in (any stage when absent); otherwise "wrongStage". */
  stages?: readonly CaseStage[];
  /** Further facts of the case, checked in order, each with its own refusal. */
  requires?: readonly { refusal: CaseActionRefusal; holds: (state: CaseActionState) => boolean }[];
};

const notReferred = { refusal: "alreadyReferred", holds: (s: CaseActionState) => !s.legalReferral } as const;

/**
 * The table. The workflow's steps come first, in the order the workflow tab shows their forms (their
 * names are the `intent` each form posts); then the other tabs' writes.
 */
export const CASE_ACTIONS = {
  // Assessing and starting are the case team's (an assigned investigator or a lead).
  triage: { capability: "work", stages: ["NEW", "TRIAGE"] },
  start: { capability: "work", stages: ["TRIAGE"] },
  // Dismissing a report without investigation, or as a duplicate, is a lead's decision.
  closeNoInvestigation: { capability: "triage", stages: ["TRIAGE"] },
  markDuplicate: { capability: "triage", stages: ["NEW", "TRIAGE"] },
  investigation: { capability: "work", stages: ["INVESTIGATION"] },
  findings: { capability: "work", stages: ["INVESTIGATION"] },
  refer: { capability: "work", stages: ["INVESTIGATION", "FINDINGS"], requires: [notReferred] },
  approve: {
    capability: "approve",
    stages: ["FINDINGS"],
    requires: [
      { refusal: "alreadyApproved", holds: (s) => !s.findingsApprovedAt },
      { refusal: "ownFindings", holds: (s) => !s.findingsRecordedByViewer },
    ],
  },
  sendBack: { capability: "approve", stages: ["FINDINGS"] },
  // Once the findings are approved, the case team closes with the lessons learned.
  close: { capability: "work", stages: ["FINDINGS"], requires: [{ refusal: "notApproved", holds: (s) => Boolean(s.findingsApprovedAt) }] },
  liftHold: { capability: "approve", requires: [{ refusal: "noHold", holds: (s) => s.legalHold }] },
  reopen: { capability: "approve", stages: ["CLOSED"] },

  // Messages (both threads; also on a closed case: the reporter may still write).
  postMessage: { capability: "work" },
  // People: assignments and the involved people are for those who triage; an assignee may recuse.
  assign: { capability: "triage" },
  unassign: { capability: "triage" },
  link: { capability: "triage" },
  unlink: { capability: "triage" },
  recuse: { capability: "assigned" },
  requestIdentity: { capability: "work" },
  decideIdentity: { capability: "approve" },
  // Remediation.
  addRemediationAction: { capability: "work" },
  changeRemediationStatus: { capability: "work" },
  addRemediationNote: { capability: "work" },
  // Auditors' access (ADR 0015).
  grantAccess: { capability: "grant" },
  revokeAccess: { capability: "grant" },
} as const satisfies Record<string, Rule>;

export type CaseAction = keyof typeof CASE_ACTIONS;

/** Why `action` would be refused now, or null when it is allowed. Capability first, then stage, then the facts. */
export function caseActionRefusal(action: CaseAction, state: CaseActionState, can: Partial<CaseCapabilityFlags>): CaseActionRefusal | null {
  const rule: Rule = CASE_ACTIONS[action];
  if (!can[rule.capability]) return "forbidden";
  if (rule.stages && !rule.stages.includes(state.status)) return "wrongStage";
  return rule.requires?.find((r) => !r.holds(state))?.refusal ?? null;
}

/** The writes the viewer may make now, in the table's order: what the case's tabs offer. */
export function allowedCaseActions(state: CaseActionState, can: Partial<CaseCapabilityFlags>): CaseAction[] {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((action) => caseActionRefusal(action, state, can) === null);
}
