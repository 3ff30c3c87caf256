// One call records a step on a case twice, in the caller's transaction: on the case's timeline
// (CaseEvent, shown to its handlers) and in the hash-chained audit log. Both are content-free:
// `details` holds ids, enum values and counts, never report text. caseTimeline reads them back, a
// page at a time, for the timeline tab.
import { db, type Tx } from "../db/db.server";
import { appendAuditEvent, type AuditActor } from "../audit/audit.server";
import { pageCount, pageWindow } from "../http/pagination";
import type { AppLocale } from "../../i18n/locales";
import { userNames } from "./names.server";
import { ACCOUNT_DETAIL_KEYS, type EventDetails, type TimelineOrder } from "./timeline";

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

/** Details as stored (JSON); anything but an object reads as none, so one bad row cannot break the page. */
function parseDetails(json: string): EventDetails {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as EventDetails) : {};
  } catch {
    return {};
  }
}

/**
 * One page of the case's timeline, oldest or newest first, with the names of the accounts its
 * events mention (actors, and the accounts in their details) in the reader's language. Events are
 * content-free, so reading them opens no sealed content and needs no key. Three queries whatever
 * the page holds: the count and the page together, then the names.
 */
export async function caseTimeline({ reportId, order, page, locale }: { reportId: string; order: TimelineOrder; page: number; locale: AppLocale }) {
  const direction = order === "newest" ? "desc" : "asc";
  const where = { reportId };
  const [total, rows] = await Promise.all([
    db.caseEvent.count({ where }),
    db.caseEvent.findMany({
      where,
      orderBy: [{ at: direction }, { id: direction }],
      ...pageWindow(page),
      select: { id: true, at: true, actorKind: true, actorUserId: true, type: true, details: true },
    }),
  ]);
  const events = rows.map((r) => ({ ...r, details: parseDetails(r.details) }));
  const names = await userNames({ ids: events.flatMap((e) => [e.actorUserId, ...ACCOUNT_DETAIL_KEYS.map((k) => (typeof e.details[k] === "string" ? (e.details[k] as string) : null))]), locale });
  return { pageCount: pageCount(total), events, names };
}
