// Who holds a permission, as a where-clause for user queries: roles and their grants are rows
// (an administrator may change them), so "the leads" or "the auditors" are found through them.
import type { PermissionKey } from "./permissions";

/** Active accounts holding any of these permissions; spread it into a `tx.user` where. */
export function holdingPermission(keys: readonly PermissionKey[]) {
  return {
    status: "ACTIVE" as const,
    roles: { some: { role: { permissions: { some: { permission: { key: { in: [...keys] } } } } } } },
  };
}
