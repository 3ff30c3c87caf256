// Remediation actions on a case and the cross-case list the audit committee
// follows every quarter. An action's title, owner, due date and status are clear by design (the form
// asks for a short title with no names or details of the report), so the list needs no report key
// and no audited read; progress notes are case content, sealed with the report's key, and read only
// through openCaseKey. Every change is one transaction with its timeline entry and audit event.
import { db, type Prisma, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import { fieldContext, openField, sealField } from "../crypto/sealing.server";
import { getSetting } from "../settings/settings.server";
import { pageWindow } from "../http/pagination";
import { parseForm, type FieldErrors } from "../http/forms";
import { dateInZone, startOfDayInZone, startOfNextDay } from "../time/dates";
import { parseQuarter, quarterRange } from "../time/quarters";
import { startOfToday } from "../time/zone";
import { searchTerms } from "../people/people.server";
import { formatReference } from "../hotline/receipt";
import { caseKeyIn, openCaseKey, visibleCasesWhere, type CaseAccess, type CaseViewer } from "./access.server";
import { writeCase } from "./case-write.server";
import { spendFormKey, type FormOnce } from "../http/form-key.server";
import {
  ACTIVE_STATUSES,
  EXPORT_MAX_ROWS,
  isOverdueOn,
  LIST_FILTER_FIELDS,
  listFilterSchema,
  NOTES_SHOWN,
  REMEDIATION_STATUSES,
  type RemediationErrorKey,
  type RemediationListFilter,
  type RemediationStatusValue,
} from "./remediation";
import { DomainError } from "../http/domain-error";

/** A refusal the form can show beside a field (or above the form when `field` is null). */
export class RemediationError extends DomainError<RemediationErrorKey> {
  constructor(code: RemediationErrorKey, field: string | null = null) {
    super("remediation", code, { field: field ?? undefined });
  }
}

type Actor = { reportId: string; actorUserId: string; now?: Date };
/** The creating form's one-time key, spent with the new row (a repeat of the form creates nothing). */
type Once = { once?: FormOnce | null };

/** Owner matches the add form offers: active people, by name or employee number (any case). */
export const OWNER_MATCHES = 25;

export type OwnerMatch = {
  id: string;
  employeeNumber: string;
  nameZh: string;
  nameEn: string;
  department: { nameZh: string; nameEn: string } | null;
};

/**
 * The add form's owner search: active people whose name, employee number or email contains every
 * word typed, case-insensitively (Person.searchText is lower-cased), at most OWNER_MATCHES. `chosen`
 * (a person already picked) is kept in the list even if the words no longer match it.
 */
export async function searchOwners({ q, chosen = null }: { q: string; chosen?: string | null }): Promise<OwnerMatch[]> {
  const terms = searchTerms(q);
  const select = { id: true, employeeNumber: true, nameZh: true, nameEn: true, department: { select: { nameZh: true, nameEn: true } } } as const;
  const rows =
    terms.length === 0
      ? []
      : await db.person.findMany({
          where: { status: "ACTIVE", AND: terms.map((term) => ({ searchText: { contains: term } })) },
          select,
          orderBy: { employeeNumber: "asc" },
          take: OWNER_MATCHES,
        });
  if (chosen && !rows.some((r) => r.id === chosen)) {
    const picked = await db.person.findFirst({ where: { id: chosen, status: "ACTIVE" }, select });
    if (picked) rows.unshift(picked);
  }
  return rows;
}

/**
 * Tells the owner, content-free, that the action is theirs: by their account (never a disabled one,
 * never one excluded from the case), with the action's link when they can open the case, else
 * without a link. Returns whether a mail was queued.
 */
async function notifyOwner(tx: Tx, input: { reportId: string; actionId: string; ownerPersonId: string; due: string; actorUserId: string }): Promise<boolean> {
  const user = await tx.user.findFirst({
    where: { personId: input.ownerPersonId, status: "ACTIVE", id: { not: input.actorUserId }, caseExclusions: { none: { reportId: input.reportId } } },
    select: { ...RECIPIENT_SELECT, roles: { select: { role: { select: { permissions: { select: { permission: { select: { key: true } } } } } } } } },
  });
  if (!user) return false;
  const permissions = new Set(user.roles.flatMap((r) => r.role.permissions.map((p) => p.permission.key)));
  const visible = visibleCasesWhere({ id: user.id, permissions });
  const canOpen = visible ? (await tx.report.count({ where: { AND: [{ id: input.reportId }, visible] } })) > 0 : false;
  const url = canOpen ? `${getEnv().APP_URL}/cases/${input.reportId}/remediation#action-${input.actionId}` : null;
  await emailRecipient(tx, { user, template: "remediationOwner", params: { url, due: input.due } });
  return true;
}

export async function addRemediationAction(
  input: Actor & Once & { title: string; ownerPersonId: string; dueDate: string; confirmPastDue?: boolean },
): Promise<string> {
  const timeZone = await getSetting("org.timeZone");
  const now = input.now ?? new Date();
  const dueDate = startOfDayInZone(input.dueDate, timeZone);
  // A due date already past makes the action overdue the moment it is added, which is nearly always
  // a typo (a wrong year or month): refused with a clear message unless the handler confirms it —
  // recording an action agreed earlier whose date has passed is legitimate.
  if (dueDate < startOfToday(now, timeZone) && !input.confirmPastDue) throw new RemediationError("pastDue", "dueDate");
  return writeCase({ reportId: input.reportId, actorUserId: input.actorUserId, action: "addRemediationAction", now, run: async (step) => {
    const { tx } = step;
    // The owner is a person chosen from the directory search (by id), active at the time of adding.
    const owner = await tx.person.findUnique({ where: { id: input.ownerPersonId }, select: { id: true, status: true } });
    if (!owner) throw new RemediationError("ownerNotFound", "ownerPersonId");
    if (owner.status !== "ACTIVE") throw new RemediationError("ownerInactive", "ownerPersonId");
    const action = await tx.remediationAction.create({
      data: {
        reportId: input.reportId,
        title: input.title,
        ownerPersonId: owner.id,
        dueDate,
        createdByUserId: input.actorUserId,
        createdAt: now,
      },
      select: { id: true },
    });
    await step.record("remediation.added", { actionId: action.id, status: "OPEN" });
    await notifyOwner(tx, { reportId: input.reportId, actionId: action.id, ownerPersonId: owner.id, due: input.dueDate, actorUserId: input.actorUserId });
    await spendFormKey(tx, { once: input.once, resultId: action.id });
    return action.id;
  } });
}

/** Moves an action to `status`; false when it already had it (nothing is written then). */
export async function changeRemediationStatus(input: Actor & { actionId: string; status: RemediationStatusValue }): Promise<boolean> {
  return writeCase({ ...input, action: "changeRemediationStatus", run: async (step) => {
    const { tx, now } = step;
    const action = await tx.remediationAction.findFirst({ where: { id: input.actionId, reportId: input.reportId }, select: { status: true } });
    if (!action) throw new RemediationError("actionNotFound");
    if (action.status === input.status) return false;
    await tx.remediationAction.update({
      where: { id: input.actionId },
      // completedAt says when it was done: set on DONE, cleared when it leaves DONE.
      data: { status: input.status, completedAt: input.status === "DONE" ? now : null },
      select: { id: true },
    });
    await step.record("remediation.status", { actionId: input.actionId, from: action.status, status: input.status });
    return true;
  } });
}

/** Adds a progress note, sealed with the report's key. Returns the note's id. */
export async function addRemediationNote(input: Actor & Once & { actionId: string; body: string }): Promise<string> {
  return writeCase({ ...input, action: "addRemediationNote", run: async (step) => {
    const { tx, now } = step;
    const action = await tx.remediationAction.findFirst({ where: { id: input.actionId, reportId: input.reportId }, select: { id: true } });
    if (!action) throw new RemediationError("actionNotFound");
    const key = await caseKeyIn(tx, input.reportId);
    const note = await tx.remediationNote.create({
      data: { actionId: input.actionId, authorUserId: input.actorUserId, sealedBody: "", createdAt: now },
      select: { id: true },
    });
    // The context binds the ciphertext to this row: it cannot be moved to another note or action.
    await tx.remediationNote.update({
      where: { id: note.id },
      data: { sealedBody: sealField(key, input.body, fieldContext("RemediationNote", note.id, "body")) },
      select: { id: true },
    });
    await step.record("remediation.note", { actionId: input.actionId, noteId: note.id });
    await spendFormKey(tx, { once: input.once, resultId: note.id });
    return note.id;
  } });
}

const OWNER_SELECT = {
  employeeNumber: true,
  nameZh: true,
  nameEn: true,
  department: { select: { code: true, nameZh: true, nameEn: true } },
} satisfies Prisma.PersonSelect;

/**
 * One page of a case's actions (by due date) with their newest notes opened. The report key is
 * opened — and the read audited — only when the page has notes to show. Two queries for the rows
 * (actions with owners, then the notes of the page's actions), whatever the page holds.
 */
export async function listCaseRemediation(access: CaseAccess, opts: { page: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const timeZone = await getSetting("org.timeZone");
  const where = { reportId: access.report.id };
  const [total, actions] = await Promise.all([
    db.remediationAction.count({ where }),
    db.remediationAction.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      ...pageWindow(opts.page),
      select: {
        id: true,
        title: true,
        dueDate: true,
        status: true,
        completedAt: true,
        owner: { select: OWNER_SELECT },
        notes: {
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: NOTES_SHOWN,
          select: { id: true, sealedBody: true, createdAt: true, author: { select: { email: true, person: { select: { nameZh: true, nameEn: true } } } } },
        },
        _count: { select: { notes: true } },
      },
    }),
  ]);
  const hasNotes = actions.some((a) => a.notes.length > 0);
  const key = hasNotes ? await openCaseKey(access, "remediation") : null;
  const today = startOfToday(now, timeZone);
  return {
    total,
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      dueDate: dateInZone(a.dueDate, timeZone),
      status: a.status,
      completedAt: a.completedAt,
      overdue: isOverdueOn(a, today),
      owner: a.owner,
      noteCount: a._count.notes,
      // Oldest first under the action, like a thread; a purged case has no key and shows no text.
      notes: a.notes
        .slice()
        .reverse()
        .map((n) => ({
          id: n.id,
          createdAt: n.createdAt,
          author: { email: n.author.email, nameZh: n.author.person?.nameZh ?? null, nameEn: n.author.person?.nameEn ?? null },
          body: key ? openField(key, n.sealedBody, fieldContext("RemediationNote", n.id, "body")) : null,
        })),
    })),
  };
}

export type ParsedListFilter =
  | { ok: true; filter: RemediationListFilter; values: Record<string, string> }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** The cross-case list's filters from the query string, read the same way by the page and its CSV export. */
export function listFilterFromUrl(url: URL): ParsedListFilter {
  const query = new FormData();
  const values: Record<string, string> = {};
  for (const field of LIST_FILTER_FIELDS) {
    const value = url.searchParams.get(field) ?? "";
    values[field] = value;
    if (value !== "") query.set(field, value);
  }
  const parsed = parseForm(listFilterSchema, query);
  return parsed.ok ? { ok: true, filter: parsed.data, values } : { ok: false, fieldErrors: parsed.fieldErrors, values };
}

type ListContext = { viewer: CaseViewer; timeZone: string; now?: Date };

/**
 * The filter as a query. Cases the viewer is excluded from are left out entirely (their actions
 * would say a case exists and who owns its remediation). `withStatus: false` gives the base of the
 * per-status counts.
 */
function listWhere(filter: RemediationListFilter, ctx: ListContext, withStatus = true): Prisma.RemediationActionWhereInput {
  const now = ctx.now ?? new Date();
  const and: Prisma.RemediationActionWhereInput[] = [{ report: { exclusions: { none: { userId: ctx.viewer.id } } } }];
  if (withStatus && filter.status) and.push({ status: filter.status });
  if (filter.overdue) and.push({ status: { in: [...ACTIVE_STATUSES] }, dueDate: { lt: startOfToday(now, ctx.timeZone) } });
  const terms = searchTerms(filter.owner ?? "");
  if (terms.length > 0) and.push({ owner: { AND: terms.map((term) => ({ searchText: { contains: term } })) } });
  if (filter.dueFrom) and.push({ dueDate: { gte: startOfDayInZone(filter.dueFrom, ctx.timeZone) } });
  if (filter.dueTo) and.push({ dueDate: { lt: startOfNextDay(filter.dueTo, ctx.timeZone) } });
  const quarter = filter.quarter ? parseQuarter(filter.quarter) : null;
  if (quarter) and.push({ dueDate: quarterRange(quarter, ctx.timeZone) });
  return { AND: and };
}

const LIST_ROW_SELECT = {
  id: true,
  reportId: true,
  title: true,
  dueDate: true,
  status: true,
  completedAt: true,
  report: { select: { reference: true } },
  owner: { select: OWNER_SELECT },
} satisfies Prisma.RemediationActionSelect;
type ListRow = Prisma.RemediationActionGetPayload<{ select: typeof LIST_ROW_SELECT }>;

/**
 * Sorting by status follows the workflow (open, in progress, done, cancelled), not the database's
 * own order of the enum, which differs between SQLite (text) and PostgreSQL (declaration order).
 */
const STATUS_ORDER: readonly RemediationStatusValue[] = REMEDIATION_STATUSES;
const BY_DUE: Prisma.RemediationActionOrderByWithRelationInput[] = [{ dueDate: "asc" }, { id: "asc" }];

export type StatusCounts = Record<RemediationStatusValue, number>;

/**
 * One page of the cross-case list, the per-status counts for the filter (status itself aside, so
 * the counts say what each status would give), and whether each row's case is one the viewer may
 * open. Queries: one groupBy, one or (status sort, across a boundary) a few page reads, one batched
 * visibility check.
 */
export async function listRemediation({ filter, ...opts }: { filter: RemediationListFilter } & ListContext & { page: number }) {
  const base = listWhere(filter, opts, false);
  const groups = await db.remediationAction.groupBy({ by: ["status"], where: base, _count: { _all: true } });
  const counts = Object.fromEntries(REMEDIATION_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const g of groups) counts[g.status] = g._count._all;
  const statuses = filter.status ? [filter.status] : STATUS_ORDER;
  const total = statuses.reduce((sum, s) => sum + counts[s], 0);
  const where = listWhere(filter, opts);
  const { skip, take } = pageWindow(opts.page);

  let rows: ListRow[];
  if (filter.sort === "due") {
    rows = total > skip ? await db.remediationAction.findMany({ where, orderBy: BY_DUE, skip, take, select: LIST_ROW_SELECT }) : [];
  } else {
    // Walk the statuses in order, reading from each only the part of the page that falls in it.
    rows = [];
    let offset = skip;
    for (const status of statuses) {
      if (rows.length >= take) break;
      if (offset >= counts[status]) {
        offset -= counts[status];
        continue;
      }
      const part = await db.remediationAction.findMany({
        where: { AND: [where, { status }] },
        orderBy: BY_DUE,
        skip: offset,
        take: take - rows.length,
        select: LIST_ROW_SELECT,
      });
      rows.push(...part);
      offset = 0;
    }
  }

  const visible = visibleCasesWhere(opts.viewer);
  const reportIds = [...new Set(rows.map((r) => r.reportId))];
  const openable =
    visible && reportIds.length > 0
      ? new Set((await db.report.findMany({ where: { AND: [{ id: { in: reportIds } }, visible] }, select: { id: true } })).map((r) => r.id))
      : new Set<string>();
  const today = startOfToday(opts.now ?? new Date(), opts.timeZone);
  return {
    total,
    counts,
    rows: rows.map((r) => ({ ...toListRow(r, opts.timeZone, today), canOpenCase: openable.has(r.reportId) })),
  };
}

function toListRow(r: ListRow, timeZone: string, today: Date) {
  return {
    id: r.id,
    reportId: r.reportId,
    reference: formatReference(r.report.reference),
    title: r.title,
    owner: { employeeNumber: r.owner.employeeNumber, nameZh: r.owner.nameZh, nameEn: r.owner.nameEn },
    department: r.owner.department,
    dueDate: dateInZone(r.dueDate, timeZone),
    status: r.status,
    completedAt: r.completedAt ? dateInZone(r.completedAt, timeZone) : null,
    overdue: isOverdueOn(r, today),
  };
}
export type RemediationListRow = ReturnType<typeof toListRow>;

/** Rows read per query while exporting; the export never holds more than this many at once. */
const EXPORT_BATCH = 500;

/** Every row of the filter in the list's order, read in batches (keyset pagination on the order). */
export async function* exportRemediationRows({ filter, ...ctx }: { filter: RemediationListFilter } & ListContext): AsyncGenerator<RemediationListRow> {
  const timeZone = ctx.timeZone;
  const today = startOfToday(ctx.now ?? new Date(), timeZone);
  // By due date: one pass; by status: one pass per status, in the workflow's order.
  const passes: Prisma.RemediationActionWhereInput[] =
    filter.sort === "status" && !filter.status
      ? STATUS_ORDER.map((status) => ({ AND: [listWhere(filter, ctx), { status }] }))
      : [listWhere(filter, ctx)];
  let sent = 0;
  for (const where of passes) {
    let cursor: string | null = null;
    for (;;) {
      const batch: ListRow[] = await db.remediationAction.findMany({
        where,
        orderBy: BY_DUE,
        take: Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent),
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: LIST_ROW_SELECT,
      });
      for (const row of batch) yield toListRow(row, timeZone, today);
      sent += batch.length;
      if (sent >= EXPORT_MAX_ROWS) return;
      if (batch.length < EXPORT_BATCH) break;
      cursor = batch[batch.length - 1].id;
    }
  }
}
