// One call records a step on a case twice, in the caller's transaction: on the case's timeline
// (CaseEvent, shown to its handlers) and in the hash-chained audit log. Both are content-free:
// `details` holds ids, enum values and counts, never report text.
import type { Tx } from "../db/db.server";
import { appendAuditEvent, type AuditActor } from "../audit/audit.server";

export type CaseEventInput = {
  reportId: string;
  actor: AuditActor;
  /** Dotted, e.g. "status.changed", "message.posted", "assignment.added". Audited as "case.<type>". */
  type: string;
  details?: Record<string, string | number | boolean | null>;
  at?: Date;
};

export async function recordCaseEvent(tx: Tx, event: CaseEventInput): Promise<void> {
  const details = event.details ?? {};
  await tx.caseEvent.create({
    data: {
      reportId: event.reportId,
      at: event.at ?? new Date(),
      actorKind: event.actor.kind,
      actorUserId: event.actor.kind === "USER" ? event.actor.userId : null,
      type: event.type,
      details: JSON.stringify(details),
    },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    actor: event.actor,
    action: `case.${event.type}`,
    objectType: "Report",
    objectId: event.reportId,
    details,
  });
}
