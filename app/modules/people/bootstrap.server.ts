// The installation's first administrator and first compliance lead, created by the operator from
// the command line (`npm run account:bootstrap`). Inside the app an administrator cannot make
// anyone a lead without a lead's approval (ADR 0014), so the first lead has to come from outside
// it, from someone with access to the server. Refused as soon as an active holder exists: after
// that, roles go through the app, where every change is approved and audited.
import { db } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { issuePasswordResetToken } from "../auth/password-reset.server";
import { normaliseEmail } from "../auth/login.server";
import { ROLE_GRANT_DECIDER_PERMISSION, type PermissionKey } from "../auth/permissions";
import { holdingPermission } from "../auth/permissions.server";
import { syncRoleCatalogue } from "../auth/roles.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import { DirectoryError } from "./errors";
import { buildSearchText } from "./people.schema";

export const BOOTSTRAP_ROLES = { admin: "manage:user:any", compliance_lead: ROLE_GRANT_DECIDER_PERMISSION } as const satisfies Record<string, PermissionKey>;
export type BootstrapRole = keyof typeof BOOTSTRAP_ROLES;

/** Why the first account of a role could not be made (the command line says it; no page shows it). */
export class BootstrapError extends DirectoryError<"alreadyHeld" | "badEmail" | "accountDisabled"> {}

/**
 * Gives `role` to the account with this email, creating the person and the account when there is
 * none, and queues a set-password link (returned too, for an installation whose mail is not set up
 * yet). Refused when an active account already holds the role's defining permission.
 */
export async function bootstrapAccount(input: {
  role: BootstrapRole;
  email: string;
  nameZh?: string;
  nameEn?: string;
  locale?: "zh_CN" | "en";
}): Promise<{ userId: string; created: boolean; link: string | null }> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new BootstrapError("badEmail");
  await syncRoleCatalogue();
  return db.$transaction(async (tx) => {
    if ((await tx.user.count({ where: holdingPermission([BOOTSTRAP_ROLES[input.role]]) })) > 0) throw new BootstrapError("alreadyHeld");
    const roles = new Map((await tx.role.findMany({ where: { key: { in: ["employee", input.role] } }, select: { id: true, key: true } })).map((r) => [r.key, r.id]));
    let user = await tx.user.findUnique({ where: { email }, select: { id: true, status: true, passwordHash: true } });
    const created = !user;
    if (!user) {
      const nameEn = input.nameEn?.trim() || email;
      const nameZh = input.nameZh?.trim() || nameEn;
      const employeeNumber = `SETUP-${Date.now().toString(36).toUpperCase()}`;
      const person = await tx.person.create({
        data: { employeeNumber, nameZh, nameEn, email, locale: input.locale ?? "zh_CN", searchText: buildSearchText({ employeeNumber, nameZh, nameEn, email }) },
        select: { id: true },
      });
      user = await tx.user.create({ data: { email, personId: person.id }, select: { id: true, status: true, passwordHash: true } });
    }
    if (user.status !== "ACTIVE") throw new BootstrapError("accountDisabled");
    for (const key of ["employee", input.role]) {
      const roleId = roles.get(key)!;
      if ((await tx.userRole.count({ where: { userId: user.id, roleId } })) === 0) await tx.userRole.create({ data: { userId: user.id, roleId } });
    }
    let link: string | null = null;
    if (!user.passwordHash) {
      const issued = await issuePasswordResetToken(tx, user.id);
      link = issued.url;
      const recipient = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: RECIPIENT_SELECT });
      await emailRecipient(tx, { user: recipient, template: "accountInvitation", params: issued });
    }
    await appendAuditEvent(tx, {
      actor: { kind: "SYSTEM" },
      action: "installation.bootstrap",
      objectType: "User",
      objectId: user.id,
      details: { role: input.role, created },
    });
    return { userId: user.id, created, link };
  });
}
