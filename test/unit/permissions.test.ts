import { describe, expect, it } from "vitest";
import { DEFAULT_ROLE_PERMISSIONS, hasPermission, requiresTwoFactor } from "~/modules/auth/permissions";

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
});
