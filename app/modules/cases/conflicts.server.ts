// Conflicts of interest. At triage the compliance lead links the people the
// report involves to their directory entries. The links are sealed with the report
// (Report.sealedInvolved: a JSON array of Person ids); what is stored in the clear is only their
// consequence, CaseExclusion rows: INVOLVED for the accounts of the people involved and
// MANAGER_OF_INVOLVED for the accounts of every manager up their reporting chains. An excluded
// user can never be assigned and never sees the case (access.server.ts filters on these rows).
//
// When the exclusions leave no compliance lead, the auditors triage the case instead
// (Report.auditorTriage, point 8); `recomputeAuditorTriage` keeps that flag in step.
import { db, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { fieldContext, openField, sealField } from "../crypto/sealing.server";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import type { CaseNotice } from "../mail/templates.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_TRIAGERS, CASE_VIEWERS, type PermissionKey } from "../auth/permissions";
import { searchTerms } from "../people/people.server";
import { caseKeyIn } from "./access.server";
import { lockCaseRow, writeCase } from "./case-write.server";
import { recordCaseEvent } from "./events.server";
import { caseTriagers } from "./messages.server";
import type { AuditActor } from "../audit/audit.server";
import { DomainError } from "../http/domain-error";

/** How far up a reporting chain exclusions reach; real chains are far shorter, and a cycle stops anyway. */
export const MAX_CHAIN_DEPTH = 20;
/** A bound on the people one case may link (the sealed list is rewritten whole on every change). */
export const MAX_INVOLVED = 50;
/** The directory search on the people tab lists at most this many matches. */
export const DIRECTORY_MATCHES = 25;

/** Why a case action was refused; a key of the conflicts messages' `errors`. */
export type CaseActionCode =
  | "notEligible"
  | "alreadyAssigned"
  | "notAssigned"
  | "unknownPerson"
  | "alreadyLinked"
  | "notLinked"
  | "tooMany"
  | "changedMeanwhile"
  | "notConfidential"
  | "alreadyRequested"
  | "ownRequest"
  | "alreadyDecided"
  | "closed";

/** A case action refused because of the case's state (409). */
export class CaseActionError extends DomainError<CaseActionCode> {
  constructor(code: CaseActionCode) {
    super("caseAction", code, { status: 409 });
    this.name = "CaseActionError";
  }
}

/** The acting user was excluded from the case meanwhile, or the case is gone: answer as for any unseen case. */
export { CaseGoneError } from "./case-write.server";

/**
 * The content-free mail saying why the case comes to each user (`notice`), in their language. Never
 * to a disabled account, never to anyone excluded from the case, whoever the caller picked.
 */
export async function notifyUsers(tx: Tx, { reportId, userIds, notice }: { reportId: string; userIds: readonly string[]; notice: CaseNotice }): Promise<number> {
  if (userIds.length === 0) return 0;
  const users = await tx.user.findMany({
    where: { id: { in: [...userIds] }, status: "ACTIVE", caseExclusions: { none: { reportId } } },
    select: RECIPIENT_SELECT,
    orderBy: { id: "asc" },
  });
  const url = `${getEnv().APP_URL}/cases/${reportId}`;
  return emailRecipients(tx, { users, template: notice, params: { url } });
}

/** The active, not excluded holders of a permission on this case (ids). */
async function unexcludedHolders(tx: Tx, reportId: string, set: readonly PermissionKey[]): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { ...holdingPermission(set), caseExclusions: { none: { reportId } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** Tells those who triage the case (the leads, or the auditors when they triage it) why it needs them. */
export async function notifyTriagers(tx: Tx, { reportId, notice, exceptUserId }: { reportId: string; notice: CaseNotice; exceptUserId?: string }): Promise<number> {
  const triagers = await caseTriagers(tx, reportId);
  return notifyUsers(tx, { reportId, userIds: triagers.map((u) => u.id).filter((id) => id !== exceptUserId), notice });
}

/**
 * Sets Report.auditorTriage: true when no active compliance lead remains un-excluded. When it
 * changes, it is a case event and those who triage from now on (the auditors who may see the case,
 * or the leads again) are told, content-free.
 * Call after every change to a case's exclusions, in the same transaction. Returns the new value.
 */
export async function recomputeAuditorTriage(tx: Tx, opts: { reportId: string; actorUserId?: string | null; now?: Date }): Promise<boolean> {
  const { reportId } = opts;
  const report = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { auditorTriage: true } });
  const leads = await unexcludedHolders(tx, reportId, CASE_TRIAGERS);
  const auditorTriage = leads.length === 0;
  if (auditorTriage === report.auditorTriage) return auditorTriage;
  await tx.report.update({ where: { id: reportId }, data: { auditorTriage }, select: { id: true } });
  await recordCaseEvent(tx, {
    reportId,
    actor: opts.actorUserId ? { kind: "USER", userId: opts.actorUserId } : { kind: "SYSTEM" },
    type: "triage.auditors",
    details: { auditorTriage },
    at: opts.now,
  });
  // Whoever triages from now on is told the case needs them: the auditors, or the leads again.
  await notifyTriagers(tx, { reportId, notice: "caseTriageHandedOver" });
  return auditorTriage;
}

/** The ids of every manager up the reporting chains of `personIds` (not including them), level by level. */
export async function managersUpTheChain(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  const seen = new Set(personIds);
  const managers = new Set<string>();
  let level = [...seen];
  // One query per level for the whole level; a cycle in the directory ends when nothing new appears.
  for (let depth = 0; depth < MAX_CHAIN_DEPTH && level.length > 0; depth += 1) {
    const rows = await tx.person.findMany({ where: { id: { in: level }, managerId: { not: null } }, select: { managerId: true } });
    const next: string[] = [];
    for (const { managerId } of rows) {
      if (!managerId || seen.has(managerId)) continue;
      seen.add(managerId);
      managers.add(managerId);
      next.push(managerId);
    }
    level = next;
  }
  return managers;
}

function readInvolved(key: Buffer, reportId: string, sealed: string | null): string[] {
  if (!sealed) return [];
  const parsed: unknown = JSON.parse(openField(key, sealed, fieldContext("Report", reportId, "involved")));
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
}

/** The linked people's ids, opened with a key from openCaseKey (which audited the read). */
export async function involvedPersonIds({ key, reportId }: { key: Buffer; reportId: string }): Promise<string[]> {
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedInvolved: true } });
  return readInvolved(key, reportId, row.sealedInvolved);
}

type ExclusionChange = { excluded: number; added: number; removed: number };

/**
 * Brings the INVOLVED and MANAGER_OF_INVOLVED exclusions in line with the linked people and the
 * directory as it is now (the reporter's own exclusions stay as they are), ends the active
 * assignments of everyone newly excluded and recomputes who triages. Rows that are still right are
 * left alone, so running it again changes nothing.
 */
async function applyInvolvement(tx: Tx, reportId: string, involved: readonly string[], actor: AuditActor, now: Date): Promise<ExclusionChange> {
  const managers = await managersUpTheChain(tx, involved);
  const accounts = await tx.user.findMany({
    where: { personId: { in: [...involved, ...managers] } },
    select: { id: true, personId: true },
  });
  const involvedSet = new Set(involved);
  const before = await tx.caseExclusion.findMany({ where: { reportId }, select: { id: true, userId: true, reason: true } });
  const reporterExcluded = new Set(before.filter((e) => e.reason === "REPORTER_EXCLUDED").map((e) => e.userId));
  const wanted = new Map<string, "INVOLVED" | "MANAGER_OF_INVOLVED">();
  for (const account of accounts) {
    if (reporterExcluded.has(account.id)) continue;
    wanted.set(account.id, involvedSet.has(account.personId ?? "") ? "INVOLVED" : "MANAGER_OF_INVOLVED");
  }
  const stale = before.filter((e) => e.reason !== "REPORTER_EXCLUDED" && wanted.get(e.userId) !== e.reason);
  if (stale.length > 0) await tx.caseExclusion.deleteMany({ where: { id: { in: stale.map((e) => e.id) } } });
  const kept = new Set(before.filter((e) => !stale.includes(e)).map((e) => e.userId));
  const rows = [...wanted].filter(([userId]) => !kept.has(userId)).map(([userId, reason]) => ({ reportId, userId, reason, createdAt: now }));
  if (rows.length > 0) await tx.caseExclusion.createMany({ data: rows });

  const excludedBefore = new Set(before.map((e) => e.userId));
  const newlyExcluded = rows.map((r) => r.userId).filter((id) => !excludedBefore.has(id));
  if (newlyExcluded.length > 0) {
    const ending = await tx.caseAssignment.findMany({ where: { reportId, userId: { in: newlyExcluded }, endedAt: null }, select: { userId: true } });
    if (ending.length > 0) {
      await tx.caseAssignment.updateMany({
        where: { reportId, userId: { in: newlyExcluded }, endedAt: null },
        data: { endedAt: now, endReason: "excluded" },
      });
      for (const { userId } of ending) {
        await recordCaseEvent(tx, { reportId, actor, type: "assignment.ended", details: { userId, reason: "excluded" }, at: now });
      }
    }
  }
  await recomputeAuditorTriage(tx, { reportId, actorUserId: actor.kind === "USER" ? actor.userId : null, now });
  const removed = stale.filter((e) => !wanted.has(e.userId)).length;
  return { excluded: wanted.size, added: newlyExcluded.length, removed };
}

export type InvolvementChange = { reportId: string; actorUserId: string; personId: string; now?: Date };

async function changeInvolvement(input: InvolvementChange, change: "link" | "unlink"): Promise<{ actorExcluded: boolean }> {
  const { reportId, actorUserId, personId } = input;
  return writeCase({ reportId, actorUserId, action: change, now: input.now, run: async (step) => {
    const { tx, now } = step;
    const key = await caseKeyIn(tx, reportId);
    const { sealedInvolved } = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedInvolved: true } });
    const current = readInvolved(key, reportId, sealedInvolved);
    let next: string[];
    if (change === "link") {
      if (current.includes(personId)) throw new CaseActionError("alreadyLinked");
      if (current.length >= MAX_INVOLVED) throw new CaseActionError("tooMany");
      if ((await tx.person.count({ where: { id: personId } })) === 0) throw new CaseActionError("unknownPerson");
      next = [...current, personId];
    } else {
      if (!current.includes(personId)) throw new CaseActionError("notLinked");
      next = current.filter((id) => id !== personId);
    }
    // The row is locked, so nobody changed the list since it was read; the condition is a second guard.
    const written = await tx.report.updateMany({
      where: { id: reportId, sealedInvolved },
      data: { sealedInvolved: next.length > 0 ? sealField(key, JSON.stringify(next), fieldContext("Report", reportId, "involved")) : null },
    });
    if (written.count !== 1) throw new CaseActionError("changedMeanwhile");
    const { excluded } = await applyInvolvement(tx, reportId, next, step.actor, now);
    // Content-free: how many are linked and excluded, never who.
    await step.record(change === "link" ? "involved.linked" : "involved.unlinked", { involved: next.length, excluded });
    const actorExcluded = (await tx.caseExclusion.count({ where: { reportId, userId: actorUserId } })) > 0;
    return { actorExcluded };
  } });
}

/**
 * Links a person as involved (can.triage). The actor may thereby exclude themselves (a lead linking
 * someone they manage): `actorExcluded` tells the route to leave the case.
 */
export function linkInvolvedPerson(input: InvolvementChange) {
  return changeInvolvement(input, "link");
}

export function unlinkInvolvedPerson(input: InvolvementChange) {
  return changeInvolvement(input, "unlink");
}

const REFRESH_BATCH = 100;

/**
 * The directory moves under the cases: someone involved gets an account, a new manager arrives
 * above them, a lead's account is disabled or a lead joins. This re-applies every case's links to
 * the directory as it is now and recomputes who triages — for a daily sweep. Only real changes are
 * written (an "exclusions.changed" event, content-free). Returns how many cases changed.
 */
export async function refreshConflicts({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  let changed = 0;
  let cursor: string | null = null;
  for (;;) {
    const batch: { id: string; linked: boolean }[] = (
      await db.report.findMany({
        where: { purgedAt: null, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true, sealedInvolved: true },
        orderBy: { id: "asc" },
        take: REFRESH_BATCH,
      })
    ).map((r) => ({ id: r.id, linked: r.sealedInvolved !== null }));
    if (batch.length === 0) return changed;
    for (const { id, linked } of batch) {
      const didChange = await db.$transaction(async (tx) => {
        if (!linked) {
          const before = await tx.report.findUniqueOrThrow({ where: { id }, select: { auditorTriage: true } });
          return (await recomputeAuditorTriage(tx, { reportId: id, now })) !== before.auditorTriage;
        }
        // A sweep, not a person: the case's lock, without a viewer's guard (guarded writes are people's).
        if (!(await lockCaseRow(tx, { reportId: id, now }))) return false;
        const { sealedInvolved, purgedAt } = await tx.report.findUniqueOrThrow({ where: { id }, select: { sealedInvolved: true, purgedAt: true } });
        // Purged meanwhile: nothing left to protect on this case.
        if (purgedAt) return false;
        const key = await caseKeyIn(tx, id);
        const result = await applyInvolvement(tx, id, readInvolved(key, id, sealedInvolved), { kind: "SYSTEM" }, now);
        if (result.added + result.removed === 0) return false;
        await recordCaseEvent(tx, { reportId: id, actor: { kind: "SYSTEM" }, type: "exclusions.changed", details: result, at: now });
        return true;
      });
      if (didChange) changed += 1;
    }
    cursor = batch[batch.length - 1].id;
  }
}

export type DirectoryMatch = {
  id: string;
  employeeNumber: string;
  nameZh: string;
  nameEn: string;
  department: { nameZh: string; nameEn: string } | null;
  hasAccount: boolean;
};

const PERSON_SELECT = {
  id: true,
  employeeNumber: true,
  nameZh: true,
  nameEn: true,
  department: { select: { nameZh: true, nameEn: true } },
  user: { select: { id: true } },
} as const;

function toMatch(p: { id: string; employeeNumber: string; nameZh: string; nameEn: string; department: { nameZh: string; nameEn: string } | null; user: { id: string } | null }): DirectoryMatch {
  return { id: p.id, employeeNumber: p.employeeNumber, nameZh: p.nameZh, nameEn: p.nameEn, department: p.department, hasAccount: p.user !== null };
}

/** The directory search of the people tab: name or employee number, at most DIRECTORY_MATCHES rows. */
export async function searchDirectory(q: string): Promise<DirectoryMatch[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  const rows = await db.person.findMany({
    where: { AND: terms.map((term) => ({ searchText: { contains: term } })) },
    select: PERSON_SELECT,
    orderBy: { employeeNumber: "asc" },
    take: DIRECTORY_MATCHES,
  });
  return rows.map(toMatch);
}

/** The directory entries of the linked people, in the order they were linked. */
export async function describePeople(personIds: readonly string[]): Promise<DirectoryMatch[]> {
  if (personIds.length === 0) return [];
  const rows = await db.person.findMany({ where: { id: { in: [...personIds] } }, select: PERSON_SELECT });
  const byId = new Map(rows.map((r) => [r.id, toMatch(r)]));
  return personIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export type ExclusionSummary = {
  counts: Record<"REPORTER_EXCLUDED" | "INVOLVED" | "MANAGER_OF_INVOLVED", number>;
  /** The excluded handlers (accounts that could otherwise handle cases), for those who triage. */
  handlers: { userId: string; nameZh: string | null; nameEn: string | null; email: string; reason: "REPORTER_EXCLUDED" | "INVOLVED" | "MANAGER_OF_INVOLVED" }[];
};

export async function summarizeExclusions(reportId: string): Promise<ExclusionSummary> {
  const [grouped, handlers] = await Promise.all([
    db.caseExclusion.groupBy({ by: ["reason"], where: { reportId }, _count: { _all: true } }),
    db.caseExclusion.findMany({
      where: { reportId, user: holdingPermission(CASE_VIEWERS) },
      select: { userId: true, reason: true, user: { select: { email: true, person: { select: { nameZh: true, nameEn: true } } } } },
      orderBy: { createdAt: "asc" },
      take: 200,
    }),
  ]);
  const counts = { REPORTER_EXCLUDED: 0, INVOLVED: 0, MANAGER_OF_INVOLVED: 0 };
  for (const g of grouped) counts[g.reason] = g._count._all;
  return {
    counts,
    handlers: handlers.map((h) => ({
      userId: h.userId,
      reason: h.reason,
      email: h.user.email,
      nameZh: h.user.person?.nameZh ?? null,
      nameEn: h.user.person?.nameEn ?? null,
    })),
  };
}
