// Test factories: real rows through the real client. Names are bilingual like the directory's.
import { db } from "~/modules/db/db.server";
import { hashSecret } from "~/modules/auth/password.server";
import type { RoleKey } from "~/modules/auth/permissions";

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createDepartment(overrides: Partial<{ code: string; nameZh: string; nameEn: string; parentId: string | null }> = {}) {
  const n = next();
  return db.department.create({
    data: { code: overrides.code ?? `D${n}`, nameZh: overrides.nameZh ?? `部门${n}`, nameEn: overrides.nameEn ?? `Department ${n}`, parentId: overrides.parentId ?? null },
  });
}

export async function createPerson(
  overrides: Partial<{ employeeNumber: string; nameZh: string; nameEn: string; email: string | null; departmentId: string | null; managerId: string | null; locale: "zh_CN" | "en" }> = {},
) {
  const n = next();
  const employeeNumber = overrides.employeeNumber ?? `E${n}`;
  const nameZh = overrides.nameZh ?? `测试${n}`;
  const nameEn = overrides.nameEn ?? `Tester ${n}`;
  const email = overrides.email === undefined ? `${employeeNumber.toLowerCase()}@example.test` : overrides.email;
  return db.person.create({
    data: {
      employeeNumber,
      nameZh,
      nameEn,
      email,
      departmentId: overrides.departmentId ?? null,
      managerId: overrides.managerId ?? null,
      locale: overrides.locale ?? "zh_CN",
      searchText: [employeeNumber, nameZh, nameEn, email ?? ""].join(" ").toLowerCase(),
    },
  });
}

export const TEST_PASSWORD = "correct horse battery staple";

/** A person with an account holding the given roles (employee is always included). */
export async function createUser(
  opts: { roles?: RoleKey[]; password?: string; email?: string; locale?: "zh_CN" | "en" | null; totpSecretSealed?: string | null } = {},
) {
  const person = await createPerson({ email: opts.email });
  const roles = await db.role.findMany({ where: { key: { in: ["employee", ...(opts.roles ?? [])] } } });
  const user = await db.user.create({
    data: {
      email: person.email!,
      passwordHash: await hashSecret(opts.password ?? TEST_PASSWORD),
      locale: opts.locale ?? null,
      personId: person.id,
      totpSecretSealed: opts.totpSecretSealed ?? null,
      totpEnabledAt: opts.totpSecretSealed ? new Date() : null,
      roles: { create: roles.map((r) => ({ roleId: r.id })) },
    },
  });
  return { user, person };
}
