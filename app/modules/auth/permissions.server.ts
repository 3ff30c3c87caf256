// Who holds a permission, as a where-clause for user queries: roles and their grants are rows
// (an administrator may change them), so "the leads" or "the auditors" are found through them.
import type { Tx } from "../db/db.server";
import type { PermissionKey } from "./permissions";

/** Active accounts holding any of these permissions; spread it into a `tx.user` where. */
export function holdingPermission(keys: readonly PermissionKey[]) {
  return {
    status: "ACTIVE" as const,
    roles: { some: { role: { permissions: { some: { permission: { key: { in: [...keys] } } } } } } },
  };
}

/**
 * The account as a guarded write sees it, read in the write's transaction: its permissions now (a
 * role taken away a moment ago counts), or null for a disabled or unknown account.
 */
export async function viewerIn(tx: Tx, userId: string): Promise<{ id: string; permissions: Set<string> } | null> {
  const row = await tx.user.findUnique({
    where: { id: userId },
    select: { status: true, roles: { select: { role: { select: { permissions: { select: { permission: { select: { key: true } } } } } } } } },
  });
  if (!row || row.status !== "ACTIVE") return null;
  return { id: userId, permissions: new Set(row.roles.flatMap((r) => r.role.permissions.map((p) => p.permission.key))) };
}
