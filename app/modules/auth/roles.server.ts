// Keeps the Role and Permission tables in step with the catalogue in permissions.ts: inserts the
// roles and permissions that are missing and, for a role created now, its default grants. Grants an
// administrator has since changed on an existing role are left alone. Idempotent; run at start-up.
import { db } from "../db/db.server";
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, ROLE_KEYS } from "./permissions";

export async function syncRoleCatalogue() {
  const existingPermissions = new Set((await db.permission.findMany({ select: { key: true } })).map((p) => p.key));
  const missingPermissions = PERMISSIONS.filter((key) => !existingPermissions.has(key));
  const existingRoles = new Set((await db.role.findMany({ select: { key: true } })).map((r) => r.key));
  const missingRoles = ROLE_KEYS.filter((key) => !existingRoles.has(key));
  if (missingPermissions.length === 0 && missingRoles.length === 0) return;

  await db.$transaction(async (tx) => {
    for (const key of missingPermissions) await tx.permission.create({ data: { key } });
    const permissionIds = new Map((await tx.permission.findMany()).map((p) => [p.key, p.id]));
    for (const key of missingRoles) {
      await tx.role.create({
        data: {
          key,
          permissions: {
            create: DEFAULT_ROLE_PERMISSIONS[key].map((p) => ({ permissionId: permissionIds.get(p)! })),
          },
        },
      });
    }
  });
}
