// Who works on a case: those who triage it assign handlers — several at
// once if they like — and end assignments; an assignee may recuse themselves with a reason. Each
// action is one transaction with its case event (user ids only) and its content-free mail.
// Excluded users can never be assigned; someone who recused is shown as such when offered again.
import { db } from "../db/db.server";
import { caseKeyIn } from "./access.server";
import { insertCaseMessage, messageBodySchema } from "./messages.server";
import { writeCase, type CaseStep } from "./case-write.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_HANDLERS } from "../auth/permissions";
import { searchTerms } from "../people/people.server";
import { CaseActionError, notifyTriagers, notifyUsers } from "./conflicts.server";

/** A bound on the list of handlers offered; a real installation has a handful. */
const MAX_OFFERED = 200;

export const END_REASONS = ["reassigned", "recused", "excluded"] as const;
export type EndReason = (typeof END_REASONS)[number];

type Named = { userId: string; email: string; nameZh: string | null; nameEn: string | null };

export type ActiveAssignment = Named & {
  assignedAt: Date;
  assignedBy: { nameZh: string | null; nameEn: string | null; email: string } | null;
};

/** The roles shown beside a handler offered for assignment (what they may do on the case). */
export const HANDLER_ROLES = ["compliance_lead", "investigator"] as const;
export type HandlerRole = (typeof HANDLER_ROLES)[number];

export type AssignableHandler = Named & { recused: boolean; employeeNumber: string | null; roles: HandlerRole[] };

const USER_NAME = { email: true, person: { select: { nameZh: true, nameEn: true } } } as const;

/** The case's current assignees, who assigned them and when (oldest first). */
export async function listAssignments(reportId: string): Promise<ActiveAssignment[]> {
  const rows = await db.caseAssignment.findMany({
    where: { reportId, endedAt: null },
    orderBy: { assignedAt: "asc" },
    take: MAX_OFFERED,
    select: { userId: true, assignedAt: true, user: { select: USER_NAME }, assignedBy: { select: USER_NAME } },
  });
  return rows.map((r) => ({
    userId: r.userId,
    email: r.user.email,
    nameZh: r.user.person?.nameZh ?? null,
    nameEn: r.user.person?.nameEn ?? null,
    assignedAt: r.assignedAt,
    assignedBy: r.assignedBy ? { email: r.assignedBy.email, nameZh: r.assignedBy.person?.nameZh ?? null, nameEn: r.assignedBy.person?.nameEn ?? null } : null,
  }));
}

/**
 * Handlers who could be added: active, allowed to handle cases, not excluded, not assigned now —
 * with their roles. `q` narrows them by name, employee number or email (any case), as the
 * directory search does.
 */
export async function listAssignableHandlers({ reportId, q = "" }: { reportId: string; q?: string }): Promise<AssignableHandler[]> {
  const terms = searchTerms(q);
  const rows = await db.user.findMany({
    where: {
      ...holdingPermission(CASE_HANDLERS),
      caseExclusions: { none: { reportId } },
      caseAssignments: { none: { reportId, endedAt: null } },
      ...(terms.length > 0 ? { AND: terms.map((term) => ({ OR: [{ email: { contains: term } }, { person: { searchText: { contains: term } } }] })) } : {}),
    },
    select: {
      id: true,
      email: true,
      person: { select: { nameZh: true, nameEn: true, employeeNumber: true } },
      roles: { where: { role: { key: { in: [...HANDLER_ROLES] } } }, select: { role: { select: { key: true } } } },
      caseAssignments: { where: { reportId, endReason: "recused" }, select: { id: true }, take: 1 },
    },
    orderBy: { email: "asc" },
    take: MAX_OFFERED,
  });
  return rows.map((u) => ({
    userId: u.id,
    email: u.email,
    nameZh: u.person?.nameZh ?? null,
    nameEn: u.person?.nameEn ?? null,
    employeeNumber: u.person?.employeeNumber ?? null,
    roles: HANDLER_ROLES.filter((r) => u.roles.some((ur) => ur.role.key === r)),
    recused: u.caseAssignments.length > 0,
  }));
}

export type AssignInput = {
  reportId: string;
  actorUserId: string;
  userId: string;
  /** Reassigning: this assignee's assignment ends ("reassigned") in the same transaction. */
  replacingUserId?: string | null;
  now?: Date;
};

/** Adds an assignee (can.triage); tells them, content-free. */
export async function assignHandler(input: AssignInput): Promise<void> {
  const { reportId, actorUserId, userId } = input;
  await writeCase({ reportId, actorUserId, action: "assign", now: input.now, run: async (step) => {
    const { tx, now } = step;
    const eligible = await tx.user.count({ where: { id: userId, ...holdingPermission(CASE_HANDLERS), caseExclusions: { none: { reportId } } } });
    if (eligible === 0) throw new CaseActionError("notEligible");
    if ((await tx.caseAssignment.count({ where: { reportId, userId, endedAt: null } })) > 0) throw new CaseActionError("alreadyAssigned");
    if (input.replacingUserId) {
      if (input.replacingUserId === userId) throw new CaseActionError("alreadyAssigned");
      await endOne(step, input.replacingUserId, "reassigned");
    }
    await tx.caseAssignment.create({ data: { reportId, userId, assignedByUserId: actorUserId, assignedAt: now }, select: { id: true } });
    await step.record("assignment.added", { userId });
    await notifyUsers(tx, { reportId, userIds: [userId], notice: "caseAssigned" });
  } });
}

async function endOne(step: CaseStep, userId: string, reason: EndReason) {
  const ended = await step.tx.caseAssignment.updateMany({ where: { reportId: step.row.id, userId, endedAt: null }, data: { endedAt: step.now, endReason: reason } });
  if (ended.count === 0) throw new CaseActionError("notAssigned");
  await step.record("assignment.ended", { userId, reason });
}

/** Ends someone's assignment (can.triage): removed or handed to someone else. */
export async function endAssignment(input: { reportId: string; actorUserId: string; userId: string; now?: Date }): Promise<void> {
  await writeCase({ ...input, action: "unassign", run: (step) => endOne(step, input.userId, "reassigned") });
}

/**
 * An assignee steps back (can.assigned). The reason is written, sealed, in the internal thread; the
 * timeline says only who recused; those who triage are told the case needs attention.
 * Recusal is not an exclusion: the user may be assigned again, and the lead sees that they recused.
 */
export async function recuse(input: { reportId: string; actorUserId: string; reason: string; now?: Date }): Promise<void> {
  const reason = messageBodySchema.parse(input.reason);
  const { reportId, actorUserId: userId } = input;
  await writeCase({ reportId, actorUserId: userId, action: "recuse", now: input.now, run: async (step) => {
    const { tx, now } = step;
    const ended = await tx.caseAssignment.updateMany({ where: { reportId, userId, endedAt: null }, data: { endedAt: now, endReason: "recused" } });
    if (ended.count === 0) throw new CaseActionError("notAssigned");
    const key = await caseKeyIn(tx, reportId);
    const messageId = await insertCaseMessage(tx, { key, reportId, thread: "INTERNAL", author: { kind: "HANDLER", userId }, body: reason, at: now });
    await step.record("assignment.recused", { userId, messageId });
    await notifyTriagers(tx, { reportId, notice: "caseAssigneeRecused", exceptUserId: userId });
  } });
}
