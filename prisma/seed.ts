// The demo seed (`npm run db:seed`, run by `npm run demo` and by the end-to-end set-up): a fictional
// bilingual company with ten departments, about two hundred people, three suppliers and one account
// per role. It goes through the app's own modules (role catalogue, password hashing, settings, audit
// log) so the demo data is exactly what the app would have written. It refuses to touch a database
// that already has people, so running the demo twice keeps what was done in it.
import "dotenv/config";
import { db, dbReady, type Tx } from "../app/modules/db/db.server";
import { syncRoleCatalogue } from "../app/modules/auth/roles.server";
import { hashSecret } from "../app/modules/auth/password.server";
import { putSetting } from "../app/modules/settings/settings.server";
import { appendAuditEvent } from "../app/modules/audit/audit.server";
import { buildSearchText } from "../app/modules/people/people.schema";
import { seedDemoCases } from "./seed-cases";
import { buildDirectory, type SeedPerson } from "./demo-directory";
import { DEMO_ACCOUNTS, DEMO_DEPARTMENTS, DEMO_ORG, DEMO_PASSWORD, DEMO_SUPPLIERS } from "./seed-data";

async function writeDirectory(tx: Tx, people: SeedPerson[], passwordHash: string) {
  const departmentIds = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const row = await tx.department.create({
      data: { code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, parentId: d.parent ? departmentIds.get(d.parent)! : null },
    });
    departmentIds.set(d.code, row.id);
  }
  const supplierIds = new Map<string, string>();
  for (const s of DEMO_SUPPLIERS) {
    const row = await tx.supplier.create({ data: { code: s.code, nameZh: s.nameZh, nameEn: s.nameEn } });
    supplierIds.set(s.code, row.id);
  }

  // Inserted tier by tier so each manager's id is known before their reports are written.
  const idByNumber = new Map<string, string>();
  for (const tier of [0, 1, 2] as const) {
    const batch = people.filter((p) => p.tier === tier);
    // Department heads report to the head of the parent department, who is in the same tier:
    // insert them without managers and link them afterwards.
    await tx.person.createMany({
      data: batch.map((p) => ({
        employeeNumber: p.employeeNumber,
        kind: p.kind,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        email: p.email,
        departmentId: p.departmentCode ? departmentIds.get(p.departmentCode)! : null,
        supplierId: p.supplierCode ? supplierIds.get(p.supplierCode)! : null,
        managerId: tier === 0 || !p.manager ? null : idByNumber.get(p.manager)!,
        isManager: p.isManager,
        locale: p.locale,
        status: p.status,
        hireDate: p.hireDate,
        searchText: buildSearchText(p),
      })),
    });
    const rows = await tx.person.findMany({
      where: { employeeNumber: { in: batch.map((p) => p.employeeNumber) } },
      select: { id: true, employeeNumber: true },
    });
    for (const r of rows) idByNumber.set(r.employeeNumber, r.id);
  }
  for (const head of people.filter((p) => p.tier === 0 && p.manager)) {
    await tx.person.update({ where: { id: idByNumber.get(head.employeeNumber)! }, data: { managerId: idByNumber.get(head.manager!)! } });
  }

  const roles = new Map((await tx.role.findMany({ select: { id: true, key: true } })).map((r) => [r.key, r.id]));
  for (const p of people.filter((x) => x.account)) {
    const account = p.account!;
    const roleKeys = account.role === "employee" ? ["employee"] : ["employee", account.role];
    await tx.user.create({
      data: {
        email: account.email,
        passwordHash,
        personId: idByNumber.get(p.employeeNumber)!,
        passwordChangedAt: new Date(),
        roles: { create: roleKeys.map((key) => ({ roleId: roles.get(key)! })) },
      },
    });
  }
}

export async function seedDemo(): Promise<{ seeded: boolean; people: number; cases?: number; demoReceipt?: string }> {
  await dbReady;
  await syncRoleCatalogue();
  const existing = await db.person.count();
  if (existing > 0) return { seeded: false, people: existing };

  const people = buildDirectory();
  // One hash for the shared demo password, with the configured (production, in the demo) parameters.
  const passwordHash = await hashSecret(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      await writeDirectory(tx, people, passwordHash);
      await putSetting(tx, { key: "org.nameZh", value: DEMO_ORG.nameZh, actorUserId: null });
      await putSetting(tx, { key: "org.nameEn", value: DEMO_ORG.nameEn, actorUserId: null });
      // The demo is tried by people without an authenticator app at hand; README says how to turn it on.
      await putSetting(tx, { key: "auth.requireTwoFactor", value: false, actorUserId: null });
      await appendAuditEvent(tx, {
        actor: { kind: "SYSTEM" },
        action: "seed.demo",
        objectType: "Installation",
        details: { people: people.length, departments: DEMO_DEPARTMENTS.length, suppliers: DEMO_SUPPLIERS.length, accounts: DEMO_ACCOUNTS.length },
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  // After the directory: the cases go through the app's modules, which need its accounts.
  const { cases, demoReceipt } = await seedDemoCases();
  return { seeded: true, people: people.length, cases, demoReceipt };
}

async function main() {
  const started = Date.now();
  const result = await seedDemo();
  if (result.seeded) {
    console.log(
      `seed: wrote the demo company ${DEMO_ORG.nameEn} (${result.people} people, ${DEMO_DEPARTMENTS.length} departments, ${DEMO_ACCOUNTS.length} accounts, ${result.cases} cases) in ${Date.now() - started} ms`,
    );
    console.log(`seed: a demo reporter's receipt, for /report/follow-up: ${result.demoReceipt}`);
  } else {
    console.log(`seed: the database already has ${result.people} people; left as it is`);
  }
  await db.$disconnect();
}

// Run when executed (tsx prisma/seed.ts), not when imported by a test.
if (process.argv[1] && /seed\.ts$/.test(process.argv[1])) {
  main().catch(async (error) => {
    console.error(error);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
}
