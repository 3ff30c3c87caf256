import { describe, expect, it } from "vitest";
import { CASE_AUDITORS, CASE_HANDLERS, CASE_TRIAGERS, CASE_VIEWERS, DEFAULT_ROLE_PERMISSIONS, hasPermission, holdsSet, requiresTwoFactor } from "~/modules/auth/permissions";

describe("permissions", () => {
  it("lets a broader access level satisfy a narrower check", () => {
    expect(hasPermission(["read:case:any"], "read:case:assigned")).toBe(true);
    expect(hasPermission(["read:case:assigned"], "read:case:any")).toBe(false);
    expect(hasPermission(["read:case:granted"], "read:case:assigned")).toBe(false);
  });

  it("never gives administrators case content", () => {
    const admin = DEFAULT_ROLE_PERMISSIONS.admin;
    expect(admin.some((p) => p.startsWith("read:case"))).toBe(false);
  });

  it("requires a second factor exactly for roles that can read cases, audit data or administer", () => {
    expect(requiresTwoFactor(DEFAULT_ROLE_PERMISSIONS.employee)).toBe(false);
    for (const role of ["investigator", "compliance_lead", "auditor", "admin"] as const) {
      expect(requiresTwoFactor(DEFAULT_ROLE_PERMISSIONS[role])).toBe(true);
    }
  });

  it("names who handles cases once: each default role falls in the sets it should, by exact key", () => {
    const roles = DEFAULT_ROLE_PERMISSIONS;
    expect(holdsSet(roles.investigator, CASE_HANDLERS)).toBe(true);
    expect(holdsSet(roles.compliance_lead, CASE_HANDLERS)).toBe(true);
    expect(holdsSet(roles.auditor, CASE_HANDLERS)).toBe(false);
    for (const role of ["investigator", "compliance_lead", "auditor"] as const) expect(holdsSet(roles[role], CASE_VIEWERS)).toBe(true);
    for (const role of ["employee", "admin"] as const) expect(holdsSet(roles[role], CASE_VIEWERS)).toBe(false);
    expect(holdsSet(roles.compliance_lead, CASE_TRIAGERS)).toBe(true);
    // A lead's "read:case:any" does not make them an auditor (hasPermission's broader rule is not applied).
    expect(holdsSet(roles.compliance_lead, CASE_AUDITORS)).toBe(false);
    expect(holdsSet(new Set(roles.auditor), CASE_AUDITORS)).toBe(true);
  });
});
