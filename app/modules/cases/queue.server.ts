// The handlers' queue: the cases the viewer may see (visibleCasesWhere, nothing
// else), filtered, sorted and paginated, with counts per stage. Metadata only — no sealed content is
// opened here, so listing the queue is not a read of any case.
import { z } from "zod";
import { db, type Prisma } from "../db/db.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_AUDITORS, CASE_HANDLERS, CASE_TRIAGERS, holdsSet } from "../auth/permissions";
import { pageCount, pageFromUrl, pageWindow } from "../http/pagination";
import type { AppLocale } from "../../i18n/locales";
import { REPORT_CATEGORIES, REPORT_CHANNELS } from "../hotline/reports.server";
import { readableCasesWhere, visibleCasesWhere, type CaseViewer } from "./access.server";
import { USER_NAME_SELECT, userDisplayName } from "./names.server";
import { CASE_STAGES, type CaseStage } from "./workflow";

import { QUEUE_SORTS, type QueueSort } from "./queue";

// A query string is typed by hand or kept in a bookmark: a value that does not fit is ignored
// (the filter is off), rather than refusing the whole page.
const optionalOf = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);
const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "on" || v === "true")
  .catch(false);

export const queueQuerySchema = z.object({
  status: optionalOf(z.enum(CASE_STAGES)),
  severity: optionalOf(z.enum(["1", "2", "3", "4", "5", "unrated"])),
  category: optionalOf(z.enum(REPORT_CATEGORIES)),
  channel: optionalOf(z.enum(REPORT_CHANNELS)),
  /** A handler's user id, "me" or "unassigned". */
  assignee: optionalOf(z.string().min(1).max(64)),
  overdue: flag,
  urgent: flag,
  sort: z.enum(QUEUE_SORTS).catch("received").default("received"),
});
export type QueueFilters = z.output<typeof queueQuerySchema>;

export function parseQueueQuery(url: URL): { filters: QueueFilters; page: number } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(queueQuerySchema.shape)) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return { filters: queueQuerySchema.parse(raw), page: pageFromUrl(url) };
}

/** The filters as a Prisma condition, without the stage (the per-stage counts ignore it). */
function filterWhere(viewer: CaseViewer, filters: QueueFilters, now: Date): Prisma.ReportWhereInput[] {
  const and: Prisma.ReportWhereInput[] = [];
  if (filters.severity === "unrated") and.push({ severity: null });
  else if (filters.severity) and.push({ severity: Number(filters.severity) });
  if (filters.category) and.push({ category: filters.category });
  if (filters.channel) and.push({ channel: filters.channel });
  if (filters.assignee === "unassigned") and.push({ assignments: { none: { endedAt: null } } });
  else if (filters.assignee) {
    const userId = filters.assignee === "me" ? viewer.id : filters.assignee;
    and.push({ assignments: { some: { userId, endedAt: null } } });
  }
  if (filters.urgent) and.push({ urgent: true });
  if (filters.overdue) {
    // Either clock past its due time and not met; a closed case's clocks no longer run.
    and.push({
      status: { not: "CLOSED" },
      OR: [
        { acknowledgedAt: null, acknowledgeDueAt: { lte: now } },
        { feedbackGivenAt: null, feedbackDueAt: { lte: now } },
      ],
    });
  }
  return and;
}

function orderBy(sort: QueueSort): Prisma.ReportOrderByWithRelationInput[] {
  const newest: Prisma.ReportOrderByWithRelationInput[] = [{ receivedAt: "desc" }, { id: "desc" }];
  switch (sort) {
    case "severity":
      // Level 1 is the most severe; unrated cases after the rated ones.
      return [{ severity: { sort: "asc", nulls: "last" } }, ...newest];
    case "acknowledge":
      return [{ acknowledgeDueAt: "asc" }, ...newest];
    case "feedback":
      return [{ feedbackDueAt: "asc" }, ...newest];
    default:
      return newest;
  }
}

const ROW_SELECT = {
  id: true,
  reference: true,
  category: true,
  channel: true,
  status: true,
  severity: true,
  urgent: true,
  receivedAt: true,
  acknowledgeDueAt: true,
  acknowledgedAt: true,
  feedbackDueAt: true,
  feedbackGivenAt: true,
  purgedAt: true,
  // Part of the page's query (Prisma loads the relation for all rows at once): no query per row.
  assignments: { where: { endedAt: null }, orderBy: { assignedAt: "asc" }, select: { user: { select: USER_NAME_SELECT } } },
} satisfies Prisma.ReportSelect;

/** `readable`: the viewer may open the case's content; otherwise the row shows metadata only (no people). */
export type QueueRow = Omit<Prisma.ReportGetPayload<{ select: typeof ROW_SELECT }>, "assignments"> & { assignees: string[]; readable: boolean };

export type QueuePage = {
  rows: QueueRow[];
  /** Cases matching every filter. */
  total: number;
  /** Cases matching the other filters, per stage (for the stage links). */
  byStatus: Record<CaseStage, number>;
  page: number;
  pageCount: number;
};

/** One page of the viewer's queue; null when the viewer handles no cases at all. */
export async function listQueue({
  viewer,
  filter: filters,
  page,
  locale,
  now = new Date(),
}: {
  viewer: CaseViewer;
  filter: QueueFilters;
  page: number;
  locale: AppLocale;
  now?: Date;
}): Promise<QueuePage | null> {
  const visible = visibleCasesWhere(viewer, now);
  const readable = readableCasesWhere(viewer, now);
  if (!visible || !readable) return null;
  // Who handles a case is not metadata: filtering by assignee reaches only the cases one may read,
  // so an auditor cannot learn who handles an urgent case they see without a grant.
  const base: Prisma.ReportWhereInput = { AND: [visible, ...filterWhere(viewer, filters, now), ...(filters.assignee ? [readable] : [])] };
  const where: Prisma.ReportWhereInput = filters.status ? { AND: [base, { status: filters.status }] } : base;
  const [groups, rows] = await Promise.all([
    db.report.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    db.report.findMany({ where, orderBy: orderBy(filters.sort), ...pageWindow(page), select: ROW_SELECT }),
  ]);
  const byStatus = Object.fromEntries(CASE_STAGES.map((s) => [s, 0])) as Record<CaseStage, number>;
  for (const g of groups) byStatus[g.status] = g._count._all;
  const total = filters.status ? byStatus[filters.status] : CASE_STAGES.reduce((sum, s) => sum + byStatus[s], 0);
  // One query for the page's rows, not one per row.
  const readableIds = new Set(
    rows.length === 0 ? [] : (await db.report.findMany({ where: { AND: [{ id: { in: rows.map((r) => r.id) } }, readable] }, select: { id: true } })).map((r) => r.id),
  );
  return {
    rows: rows.map(({ assignments, ...row }) => {
      const open = readableIds.has(row.id);
      return { ...row, readable: open, assignees: open ? assignments.map((a) => userDisplayName(a.user, locale)) : [] };
    }),
    total,
    byStatus,
    page,
    pageCount: pageCount(total),
  };
}

/** The handlers one can filter the queue by: investigators and compliance leads, by name. */
export async function listQueueAssignees(locale: AppLocale): Promise<{ id: string; name: string }[]> {
  const users = await db.user.findMany({
    where: holdingPermission(CASE_HANDLERS),
    select: USER_NAME_SELECT,
    orderBy: { id: "asc" },
    take: 500,
  });
  const collator = new Intl.Collator(locale);
  return users.map((u) => ({ id: u.id, name: userDisplayName(u, locale) })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The open cases waiting for the viewer, for the home page: those assigned to them, and — for those
 * who triage — the new ones nobody has triaged yet. Within what the viewer may see; null for
 * accounts that handle no cases.
 */
export async function countCasesNeedingViewer(viewer: CaseViewer): Promise<number | null> {
  const visible = visibleCasesWhere(viewer);
  if (!visible) return null;
  const waiting: Prisma.ReportWhereInput[] = [{ assignments: { some: { userId: viewer.id, endedAt: null } } }];
  if (holdsSet(viewer.permissions, CASE_TRIAGERS)) waiting.push({ status: "NEW", auditorTriage: false });
  if (holdsSet(viewer.permissions, CASE_AUDITORS)) waiting.push({ status: "NEW", auditorTriage: true });
  return db.report.count({ where: { AND: [visible, { status: { not: "CLOSED" }, purgedAt: null }, { OR: waiting }] } });
}
