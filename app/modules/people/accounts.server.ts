// Accounts for people in the directory: creation with an emailed invitation, roles, disabling.
// Each change is one transaction with its audit event (and, for an invitation, its outbox row and
// link). Audit details name roles and ids, never an email address.
import { db, type Tx } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { invalidateUserSessions } from "../auth/session.server";
import { issuePasswordResetToken } from "../auth/password-reset.server";
import { enqueueEmail } from "../mail/outbox.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import type { RoleKey } from "../auth/permissions";
import { fromDbLocale, DEFAULT_LOCALE } from "../../i18n/locales";
import { DirectoryError, isUniqueViolation, notFoundError } from "./errors";
import { requestRoleGrant, roleRemoved, rolesNeedingApproval } from "./role-grants.server";
import type { AccountInput } from "./people.schema";
import { localized } from "../../i18n/localized";

async function roleIds(tx: Tx, keys: readonly RoleKey[]): Promise<Map<string, string>> {
  const rows = await tx.role.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function queueInvitation(tx: Tx, userId: string, to: string, person: { locale: "zh_CN" | "en"; nameZh: string; nameEn: string }) {
  const locale = fromDbLocale(person.locale) ?? DEFAULT_LOCALE;
  const link = await issuePasswordResetToken(tx, userId);
  await enqueueEmail(tx, {
    to,
    locale,
    template: "accountInvitation",
    params: link,
    recipientName: localized(person, "name", locale),
  });
}

/** The id of the person's account, which the account actions act on: a 404 when the person has none. */
export async function accountIdOf({ personId }: { personId: string }): Promise<string> {
  const user = await db.user.findUnique({ where: { personId }, select: { id: true } });
  if (!user) throw notFoundError("account");
  return user.id;
}

/**
 * Creates the person's account with the roles and queues an invitation in the person's language.
 * Roles that need a lead's approval are not granted here: they become requests (ADR 0014).
 */
export async function createAccount({ actorUserId, personId, input }: { actorUserId: string; personId: string; input: AccountInput }): Promise<{ userId: string; requested: string[] }> {
  return db
    .$transaction(async (tx) => {
      const person = await tx.person.findUnique({
        where: { id: personId },
        select: { status: true, locale: true, nameZh: true, nameEn: true, user: { select: { id: true } } },
      });
      if (!person) throw notFoundError("person");
      if (person.user) throw new DirectoryError("accountExists");
      if (person.status !== "ACTIVE") throw new DirectoryError("personInactive");
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new DirectoryError("accountEmailTaken", "accountEmail");
      }
      const ids = await roleIds(tx, input.roles);
      const needApproval = await rolesNeedingApproval(tx);
      const granted = input.roles.filter((k) => ids.has(k) && !needApproval.has(k));
      const requested = input.roles.filter((k) => ids.has(k) && needApproval.has(k));
      const user = await tx.user.create({
        data: {
          email: input.email,
          personId,
          roles: { create: granted.map((k) => ({ roleId: ids.get(k)! })) },
        },
        select: { id: true },
      });
      await queueInvitation(tx, user.id, input.email, person);
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "user.create",
        objectType: "User",
        objectId: user.id,
        details: { personId, roles: granted },
      });
      for (const roleKey of requested) await requestRoleGrant(tx, { actorUserId, userId: user.id, roleKey });
      return { userId: user.id, requested };
    })
    .catch((error) => {
      if (isUniqueViolation(error)) throw new DirectoryError("accountEmailTaken", "accountEmail");
      throw error;
    });
}

/** A fresh set-password link, e.g. when the first one expired. Earlier links stay as they were. */
export async function resendInvitation({ actorUserId, userId }: { actorUserId: string; userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, status: true, person: { select: { locale: true, nameZh: true, nameEn: true } } },
    });
    if (!user || !user.person) throw notFoundError("user");
    if (user.status !== "ACTIVE") throw new DirectoryError("personInactive");
    await queueInvitation(tx, userId, user.email, user.person);
    await appendAuditEvent(tx, { actor: { kind: "USER", userId: actorUserId }, action: "user.invite", objectType: "User", objectId: userId });
  });
}

/** Whether some active account other than `exceptUserId` holds the admin role. */
export async function anotherActiveAdmin(tx: Tx, exceptUserId: string): Promise<boolean> {
  const count = await tx.user.count({
    where: { id: { not: exceptUserId }, status: "ACTIVE", roles: { some: { role: { key: "admin" } } } },
  });
  return count > 0;
}

/**
 * Sets the account's roles. Removals and roles anyone may grant take effect at once; a role that
 * reads case content or the audit log becomes a request a compliance lead decides (ADR 0014), and
 * removing one tells the leads. Returns the roles that were requested rather than granted.
 */
export async function changeRoles({ actorUserId, userId, roles }: { actorUserId: string; userId: string; roles: RoleKey[] }): Promise<{ requested: string[] }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { status: true, roles: { select: { roleId: true, role: { select: { key: true } } } } },
    });
    if (!user) throw notFoundError("user");
    const before = new Set(user.roles.map((r) => r.role.key));
    const after = new Set<string>(roles);
    const needApproval = await rolesNeedingApproval(tx);
    const wanted = [...after].filter((k) => !before.has(k));
    const added = wanted.filter((k) => !needApproval.has(k));
    const requested = wanted.filter((k) => needApproval.has(k));
    const removed = [...before].filter((k) => !after.has(k));
    for (const roleKey of requested) await requestRoleGrant(tx, { actorUserId, userId, roleKey });
    // A pending request whose role is no longer ticked is withdrawn: the form shows pending roles ticked.
    const withdrawn = await tx.roleGrantRequest.findMany({ where: { userId, status: "PENDING", roleKey: { notIn: [...after] } }, select: { id: true, roleKey: true } });
    if (withdrawn.length > 0) {
      await tx.roleGrantRequest.updateMany({
        where: { id: { in: withdrawn.map((w) => w.id) }, status: "PENDING" },
        data: { status: "WITHDRAWN", decidedByUserId: actorUserId, decidedAt: new Date() },
      });
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "user.role.withdrawn",
        objectType: "User",
        objectId: userId,
        details: { roles: withdrawn.map((w) => w.roleKey) },
      });
    }
    if (added.length === 0 && removed.length === 0) return { requested };
    if (removed.includes("admin")) {
      // An administrator cannot lock themselves out, nor leave the installation without one.
      if (userId === actorUserId) throw new DirectoryError("selfAdminRemoval", "roles");
      if (user.status === "ACTIVE" && !(await anotherActiveAdmin(tx, userId))) throw new DirectoryError("lastAdmin", "roles");
    }
    const ids = await roleIds(tx, added as RoleKey[]);
    const removedIds = user.roles.filter((r) => removed.includes(r.role.key)).map((r) => r.roleId);
    if (removedIds.length > 0) await tx.userRole.deleteMany({ where: { userId, roleId: { in: removedIds } } });
    for (const key of added) if (ids.has(key)) await tx.userRole.create({ data: { userId, roleId: ids.get(key)! } });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: "user.roles.change",
      objectType: "User",
      objectId: userId,
      details: { added, removed },
    });
    for (const roleKey of removed) if (needApproval.has(roleKey)) await roleRemoved(tx, roleKey);
    return { requested };
  });
}

/**
 * An administrator removes a user's second factor (lost phone, lost recovery codes): the secret and
 * the recovery codes go, every session ends, and the user is told by email. Where the organisation
 * requires a second factor, requireUser sends them to enrol again at their next sign-in.
 */
export async function resetTwoFactor({ actorUserId, userId }: { actorUserId: string; userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (userId === actorUserId) throw new DirectoryError("selfTwoFactorReset");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { ...RECIPIENT_SELECT, totpEnabledAt: true } });
    if (!user) throw notFoundError("user");
    await tx.user.update({ where: { id: userId }, data: { totpSecretSealed: null, totpEnabledAt: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.session.deleteMany({ where: { userId } });
    await emailRecipient(tx, { user, template: "twoFactorReset", params: {} });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: "user.totp.reset",
      objectType: "User",
      objectId: userId,
      details: { wasEnrolled: user.totpEnabledAt !== null },
    });
  });
}

/** Disabling ends every session of the account; enabling needs the person to be active. */
export async function setAccountStatus({ actorUserId, userId, status }: { actorUserId: string; userId: string; status: "ACTIVE" | "DISABLED" }): Promise<void> {
  const changed = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { status: true, person: { select: { status: true } }, roles: { select: { role: { select: { key: true } } } } },
    });
    if (!user) throw notFoundError("user");
    if (user.status === status) return false;
    if (status === "DISABLED") {
      if (userId === actorUserId) throw new DirectoryError("selfDisable");
      const isAdmin = user.roles.some((r) => r.role.key === "admin");
      if (isAdmin && !(await anotherActiveAdmin(tx, userId))) throw new DirectoryError("lastAdmin");
    } else if (user.person && user.person.status !== "ACTIVE") {
      throw new DirectoryError("personInactive");
    }
    await tx.user.update({ where: { id: userId }, data: { status } });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: status === "DISABLED" ? "user.disable" : "user.enable",
      objectType: "User",
      objectId: userId,
    });
    return true;
  });
  if (changed && status === "DISABLED") await invalidateUserSessions(userId);
}
