// The permission catalogue and the default grants of each role. Permissions are strings
// "action:entity:access"; access "any" includes "assigned"/"own"/"granted". This file is the
// seed of the Role/Permission tables (syncRoleCatalogue) and is client-safe (no server imports),
// so navigation can be built from the same names. The database is what is checked at run time.

export const ROLE_KEYS = ["employee", "investigator", "compliance_lead", "auditor", "admin"] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const PERMISSIONS = [
  // everyone with an account
  "read:policy:any",
  "sign:pledge:own",
  "take:training:own",
  "update:account:own",
  // case handling (issue: hotline and cases)
  "read:case:assigned",
  "update:case:assigned",
  "create:intake:any",
  "read:case:any",
  "triage:case:any",
  "assign:case:any",
  "approve:findings:any",
  "read:case:granted",
  "read:case-metadata:any",
  "read:remediation:any",
  // programme management
  "manage:policy:any",
  "manage:pledge:any",
  "manage:training:any",
  "read:coverage:any",
  // oversight
  "read:audit-log:any",
  "manage:audit-sample:any",
  // administration
  "manage:people:any",
  "manage:department:any",
  "manage:user:any",
  "manage:setting:any",
  "read:outbox:any",
] as const;
export type PermissionKey = (typeof PERMISSIONS)[number];

const EVERYONE: PermissionKey[] = ["read:policy:any", "sign:pledge:own", "take:training:own", "update:account:own"];

export const DEFAULT_ROLE_PERMISSIONS: Record<RoleKey, PermissionKey[]> = {
  employee: EVERYONE,
  investigator: [...EVERYONE, "read:case:assigned", "update:case:assigned", "create:intake:any"],
  compliance_lead: [
    ...EVERYONE,
    "read:case:any",
    "update:case:assigned",
    "create:intake:any",
    "triage:case:any",
    "assign:case:any",
    "approve:findings:any",
    "read:case-metadata:any",
    "read:remediation:any",
    "manage:policy:any",
    "manage:pledge:any",
    "manage:training:any",
    "read:coverage:any",
  ],
  // Oversight sees metadata, coverage and the log; case content only through an explicit grant.
  auditor: [
    ...EVERYONE,
    "read:case:granted",
    "read:case-metadata:any",
    "read:remediation:any",
    "read:coverage:any",
    "read:audit-log:any",
    "manage:audit-sample:any",
  ],
  // Administrators run the directory and the installation, and read no case content.
  admin: [
    ...EVERYONE,
    "manage:people:any",
    "manage:department:any",
    "manage:user:any",
    "manage:setting:any",
    "read:outbox:any",
  ],
};

/**
 * True when `granted` includes the permission, where a broader access level covers a narrower one:
 * "read:case:any" satisfies a check for "read:case:assigned".
 */
export function hasPermission(granted: ReadonlySet<string> | readonly string[], wanted: PermissionKey): boolean {
  const set = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  if (set.has(wanted)) return true;
  const [action, entity] = wanted.split(":");
  return set.has(`${action}:${entity}:any`);
}

/** Permissions that expose case content, audit data or administration: their holders need TOTP. */
const SENSITIVE_PREFIXES = ["read:case:", "read:case-metadata:", "read:audit-log:", "manage:"];
export function requiresTwoFactor(granted: Iterable<string>): boolean {
  for (const p of granted) {
    if (SENSITIVE_PREFIXES.some((prefix) => p.startsWith(prefix))) return true;
  }
  return false;
}

/**
 * Permissions that open case content or the audit log. A role holding one is granted to an account
 * only with a compliance lead's approval (people/role-grants.server.ts): an administrator alone
 * must not be able to make anyone — least of all themselves — a reader of cases.
 */
const APPROVAL_PREFIXES = ["read:case:", "read:audit-log:"];
export function grantNeedsApproval(granted: Iterable<string>): boolean {
  for (const p of granted) {
    if (APPROVAL_PREFIXES.some((prefix) => p.startsWith(prefix))) return true;
  }
  return false;
}

/** Whoever holds this decides role-grant requests: the compliance leads (the same people who triage). */
export const ROLE_GRANT_DECIDER_PERMISSION: PermissionKey = "triage:case:any";
