// The permission catalogue and the default grants of each role. Permissions are strings
// "action:entity:access"; access "any" includes "assigned"/"own"/"granted". This file is the
// seed of the Role/Permission tables (syncRoleCatalogue) and is client-safe (no server imports),
// so navigation can be built from the same names. The database is what is checked at run time.

export const ROLE_KEYS = ["employee", "investigator", "compliance_lead", "auditor", "admin"] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

// The catalogue in groups, so a role that holds a whole group says so by name.
/** Everyone with an account. */
const SELF_SERVICE = ["read:policy:any", "sign:pledge:own", "take:training:own", "update:account:own"] as const;
/** Case handling. */
const CASES = [
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
] as const;
/** Running the compliance programme: policies, pledges, training and who has done them. */
const PROGRAMME = ["manage:policy:any", "manage:pledge:any", "manage:training:any", "read:coverage:any"] as const;
/** Oversight. */
const OVERSIGHT = ["read:audit-log:any", "manage:audit-sample:any"] as const;
/** Administration: the directory and the installation. */
const ADMINISTRATION = ["manage:people:any", "manage:department:any", "manage:user:any", "manage:setting:any", "read:outbox:any"] as const;

export const PERMISSIONS = [...SELF_SERVICE, ...CASES, ...PROGRAMME, ...OVERSIGHT, ...ADMINISTRATION] as const;
export type PermissionKey = (typeof PERMISSIONS)[number];

const EVERYONE: PermissionKey[] = [...SELF_SERVICE];

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
    ...PROGRAMME,
  ],
  // Oversight sees metadata, coverage and the log; case content only through an explicit grant.
  auditor: [
    ...EVERYONE,
    "read:case:granted",
    "read:case-metadata:any",
    "read:remediation:any",
    "read:coverage:any",
    ...OVERSIGHT,
  ],
  // Administrators run the directory and the installation, and read no case content.
  admin: [
    ...EVERYONE,
    ...ADMINISTRATION,
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

/**
 * Who does what with cases, named once. A set is held by an account holding any one of its
 * permissions; it lists every key that satisfies it (the database query `holdingPermission` matches
 * keys exactly, so "read:case:any" is listed beside "read:case:assigned"). Check a set in memory
 * with `holdsSet(user.permissions, SET)` and in a query with `holdingPermission(SET)`.
 */
/** Who can be given a case (assigned, excluded by a reporter, offered in the queue's filter): investigators and compliance leads. */
export const CASE_HANDLERS = ["read:case:assigned", "read:case:any"] as const satisfies readonly PermissionKey[];
/** Who sees cases at all (the /cases pages, the queue link): the handlers and the auditors (their triage, grants, urgent cases). */
export const CASE_VIEWERS = [...CASE_HANDLERS, "read:case:granted"] as const satisfies readonly PermissionKey[];
/** Who triages every case: the compliance leads. */
export const CASE_TRIAGERS = ["triage:case:any"] as const satisfies readonly PermissionKey[];
/** The audit committee: case content only under a grant; they triage a case every lead is excluded from. */
export const CASE_AUDITORS = ["read:case:granted"] as const satisfies readonly PermissionKey[];
/** Who approves findings: a compliance lead who also holds the approval (both sets, see caseApprovers). */
export const FINDINGS_APPROVERS = ["approve:findings:any"] as const satisfies readonly PermissionKey[];

/**
 * True when `granted` holds one of the set's permissions, by exact key — as `holdingPermission` asks
 * the database, so a page and a query never disagree. (hasPermission's "any covers assigned" rule
 * is not applied: "read:case:any" would then count as an auditor's "read:case:granted".)
 */
export function holdsSet(granted: ReadonlySet<string> | readonly string[], set: readonly PermissionKey[]): boolean {
  const held = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  return set.some((permission) => held.has(permission));
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
export const ROLE_GRANT_DECIDER_PERMISSION: PermissionKey = CASE_TRIAGERS[0];
