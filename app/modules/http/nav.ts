// Navigation per permission: what a signed-in person sees in the header. Client-safe.
import type { Messages } from "../../i18n/messages";
import { CASE_VIEWERS, hasPermission, holdsSet, ROLE_GRANT_DECIDER_PERMISSION, type PermissionKey } from "../auth/permissions";

/** Shown when the account holds `permission`, or any permission of the set `anyOf`. */
type NavItem = { to: string; label: (m: Messages) => string; permission?: PermissionKey; anyOf?: readonly PermissionKey[] };

const NAV: NavItem[] = [
  { to: "/", label: (m) => m.nav.home },
  // Investigators (assigned), compliance leads (any) and auditors (cases they triage, urgent ones).
  { to: "/cases", label: (m) => m.nav.cases, anyOf: CASE_VIEWERS },
  { to: "/remediation", label: (m) => m.nav.remediation, permission: "read:remediation:any" },
  { to: "/admin/people", label: (m) => m.nav.people, permission: "manage:people:any" },
  { to: "/admin/departments", label: (m) => m.nav.departments, permission: "manage:department:any" },
  { to: "/admin/outbox", label: (m) => m.nav.outbox, permission: "read:outbox:any" },
  { to: "/admin/settings", label: (m) => m.nav.settings, permission: "manage:setting:any" },
  { to: "/admin/questions", label: (m) => m.nav.questions, permission: "manage:setting:any" },
  { to: "/audit/log", label: (m) => m.nav.auditLog, permission: "read:audit-log:any" },
  // The compliance leads decide role-grant requests (ADR 0014).
  { to: "/role-requests", label: (m) => m.nav.roleRequests, permission: ROLE_GRANT_DECIDER_PERMISSION },
  // Employees report too; the hotline's pages then show the header of someone signed out.
  { to: "/hotline", label: (m) => m.hotline.headerLink },
  { to: "/account", label: (m) => m.nav.account },
];

export function navFor(permissions: readonly string[]) {
  return NAV.filter((item) => {
    if (item.anyOf) return holdsSet(permissions, item.anyOf);
    return !item.permission || hasPermission(permissions, item.permission);
  });
}
