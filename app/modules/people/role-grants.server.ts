// Roles that open case content or the audit log are granted with four eyes (ADR 0014). Which roles
// those are is read from their permissions in the database (grantNeedsApproval), not from a list of
// names: if an installation gives a role such a permission, that role needs approval too.
//
// An administrator asks (a RoleGrantRequest); a compliance lead who is neither the requester nor the
// account's holder decides. Every request, grant, rejection and removal is an audit event, and every
// grant and removal is mailed to all the compliance leads (content-free, in each one's language),
// so a lead always learns who joined or left the readers of cases.
import { db, type Db, type Tx } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { getEnv } from "../config/env.server";
import { grantNeedsApproval, ROLE_GRANT_DECIDER_PERMISSION } from "../auth/permissions";
import { holdingPermission } from "../auth/permissions.server";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import { DirectoryError } from "./errors";

/** Requests shown per page on the leads' page and the administrator's people page. */
export const ROLE_REQUESTS_PAGE_SIZE = 20;

/** The keys of the roles whose grant needs a lead's approval, from the roles' current permissions. */
export async function rolesNeedingApproval(tx: Tx | Db = db): Promise<Set<string>> {
  const roles = await tx.role.findMany({ select: { key: true, permissions: { select: { permission: { select: { key: true } } } } } });
  return new Set(roles.filter((r) => grantNeedsApproval(r.permissions.map((p) => p.permission.key))).map((r) => r.key));
}

/** The compliance leads, as mail recipients. */
function leads(tx: Tx) {
  return tx.user.findMany({ where: holdingPermission([ROLE_GRANT_DECIDER_PERMISSION]), select: RECIPIENT_SELECT, orderBy: { id: "asc" } });
}

async function mailLeads(tx: Tx, template: "roleGrantRequested" | "roleGranted" | "roleRemoved", roleKey: string) {
  const url = `${getEnv().APP_URL}/role-requests`;
  await emailRecipients(tx, { users: await leads(tx), template, params: { url, role: roleKey } });
}

/**
 * Files a request for `roleKey` on the account (in the caller's transaction). A request already
 * pending for the same account and role is left as it is: a second click asks nothing twice.
 * Returns whether a new request was filed.
 */
export async function requestRoleGrant(tx: Tx, input: { actorUserId: string; userId: string; roleKey: string; now?: Date }): Promise<boolean> {
  const pending = await tx.roleGrantRequest.count({ where: { userId: input.userId, roleKey: input.roleKey, status: "PENDING" } });
  if (pending > 0) return false;
  const request = await tx.roleGrantRequest.create({
    data: { userId: input.userId, roleKey: input.roleKey, requestedByUserId: input.actorUserId, createdAt: input.now ?? new Date() },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    actor: { kind: "USER", userId: input.actorUserId },
    action: "user.role.requested",
    objectType: "User",
    objectId: input.userId,
    details: { role: input.roleKey, requestId: request.id },
  });
  await mailLeads(tx, "roleGrantRequested", input.roleKey);
  return true;
}

/** After an approval role was taken away (in the caller's transaction): the leads are told. */
export async function roleRemoved(tx: Tx, roleKey: string) {
  await mailLeads(tx, "roleRemoved", roleKey);
}

/** A lead approves or rejects a pending request. Refused to the requester and to the account's holder. */
export async function decideRoleGrant(input: { requestId: string; actorUserId: string; approve: boolean; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const decider = await tx.user.count({ where: { id: input.actorUserId, ...holdingPermission([ROLE_GRANT_DECIDER_PERMISSION]) } });
    if (decider === 0) throw new DirectoryError("grantNotLead");
    const request = await tx.roleGrantRequest.findUnique({
      where: { id: input.requestId },
      select: { userId: true, roleKey: true, requestedByUserId: true, status: true, user: { select: { status: true } } },
    });
    if (!request || request.status !== "PENDING") throw new DirectoryError("grantDecided");
    if (request.requestedByUserId === input.actorUserId) throw new DirectoryError("grantOwnRequest");
    if (request.userId === input.actorUserId) throw new DirectoryError("grantToSelf");
    if (input.approve && request.user.status !== "ACTIVE") throw new DirectoryError("grantUserInactive");
    // Conditional on PENDING, so two leads clicking at once decide it once.
    const decided = await tx.roleGrantRequest.updateMany({
      where: { id: input.requestId, status: "PENDING" },
      data: { status: input.approve ? "APPROVED" : "REJECTED", decidedByUserId: input.actorUserId, decidedAt: now },
    });
    if (decided.count !== 1) throw new DirectoryError("grantDecided");
    const details = { role: request.roleKey, requestId: input.requestId, requestedBy: request.requestedByUserId };
    if (!input.approve) {
      await appendAuditEvent(tx, { actor: { kind: "USER", userId: input.actorUserId }, action: "user.role.rejected", objectType: "User", objectId: request.userId, details });
      return;
    }
    const role = await tx.role.findUnique({ where: { key: request.roleKey }, select: { id: true } });
    if (!role) throw new DirectoryError("grantDecided");
    const held = await tx.userRole.count({ where: { userId: request.userId, roleId: role.id } });
    if (held === 0) await tx.userRole.create({ data: { userId: request.userId, roleId: role.id } });
    await appendAuditEvent(tx, { actor: { kind: "USER", userId: input.actorUserId }, action: "user.role.granted", objectType: "User", objectId: request.userId, details });
    await mailLeads(tx, "roleGranted", request.roleKey);
  });
}

export type PendingRoleGrant = {
  id: string;
  roleKey: string;
  createdAt: Date;
  user: { id: string; email: string; personId: string | null; nameZh: string | null; nameEn: string | null };
  requestedBy: { id: string; email: string; nameZh: string | null; nameEn: string | null };
};

/** Pending requests, oldest first, one page at a time (`userId`: only that account's). */
export async function listPendingRoleGrants(opts: { page?: number; userId?: string } = {}): Promise<{ rows: PendingRoleGrant[]; total: number }> {
  const page = Math.max(1, opts.page ?? 1);
  const where = { status: "PENDING" as const, ...(opts.userId ? { userId: opts.userId } : {}) };
  const person = { select: { nameZh: true, nameEn: true } } as const;
  const [rows, total] = await Promise.all([
    db.roleGrantRequest.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * ROLE_REQUESTS_PAGE_SIZE,
      take: ROLE_REQUESTS_PAGE_SIZE,
      select: {
        id: true,
        roleKey: true,
        createdAt: true,
        user: { select: { id: true, email: true, personId: true, person } },
        requestedBy: { select: { id: true, email: true, person } },
      },
    }),
    db.roleGrantRequest.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      roleKey: r.roleKey,
      createdAt: r.createdAt,
      user: { id: r.user.id, email: r.user.email, personId: r.user.personId, nameZh: r.user.person?.nameZh ?? null, nameEn: r.user.person?.nameEn ?? null },
      requestedBy: { id: r.requestedBy.id, email: r.requestedBy.email, nameZh: r.requestedBy.person?.nameZh ?? null, nameEn: r.requestedBy.person?.nameEn ?? null },
    })),
  };
}
