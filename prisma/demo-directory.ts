// The demo company's directory, computed (pure: no database): the same people on every install,
// from a seeded PRNG. The seed writes it; the end-to-end tests read names from it.
import {
  DEMO_ACCOUNTS,
  DEMO_DEPARTMENTS,
  DEMO_SUPPLIERS,
  ENGLISH_FIRST_NAMES,
  GIVEN_NAMES,
  SURNAMES,
  type DemoAccount,
} from "./seed-data";

type Locale = "zh_CN" | "en";

export type SeedPerson = {
  employeeNumber: string;
  nameZh: string;
  nameEn: string;
  email: string;
  departmentCode: string | null;
  supplierCode: string | null;
  kind: "EMPLOYEE" | "SUPPLIER_CONTACT";
  isManager: boolean;
  locale: Locale;
  status: "ACTIVE" | "INACTIVE";
  hireDate: Date | null;
  /** employee number of the manager; null for the head of the group and supplier contacts */
  manager: string | null;
  /** 0 = department heads, 1 = team leads, 2 = everyone else: inserted in this order */
  tier: 0 | 1 | 2;
  account: DemoAccount | null;
};

/** mulberry32: a tiny seeded PRNG, so the directory is the same on every install. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds the whole directory in memory; pure and deterministic. */
export function buildDirectory(): SeedPerson[] {
  const random = prng(20260101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const usedNames = new Set<string>();
  const usedEmails = new Set<string>(DEMO_ACCOUNTS.map((a) => a.email));

  const newName = () => {
    for (;;) {
      const [sZh, sEn] = pick(SURNAMES);
      const [gZh, gEn] = pick(GIVEN_NAMES);
      if (usedNames.has(sZh + gZh)) continue;
      usedNames.add(sZh + gZh);
      const first = random() < 0.25 ? pick(ENGLISH_FIRST_NAMES) : gEn;
      return { nameZh: sZh + gZh, nameEn: `${first} ${sEn}`, first, last: sEn };
    }
  };
  const newEmail = (first: string, last: string, domain: string) => {
    const base = `${first}.${last}`.toLowerCase();
    let email = `${base}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${domain}`;
    usedEmails.add(email);
    return email;
  };
  const hireDate = () => {
    const start = Date.UTC(2012, 0, 1);
    const end = Date.UTC(2025, 11, 31);
    const day = Math.floor((random() * (end - start)) / 86_400_000);
    return new Date(start + day * 86_400_000);
  };

  const people: SeedPerson[] = [];
  let number = 0;
  const heads = new Map<string, string>();
  const accountsLeft = [...DEMO_ACCOUNTS];

  for (const dept of DEMO_DEPARTMENTS) {
    const members: SeedPerson[] = [];
    for (let i = 0; i < dept.size; i++) {
      number++;
      const name = newName();
      members.push({
        employeeNumber: `E${String(number).padStart(5, "0")}`,
        nameZh: name.nameZh,
        nameEn: name.nameEn,
        email: newEmail(name.first, name.last, "chengming.example"),
        departmentCode: dept.code,
        supplierCode: null,
        kind: "EMPLOYEE",
        isManager: false,
        locale: random() < 0.15 ? "en" : "zh_CN",
        status: "ACTIVE",
        hireDate: hireDate(),
        manager: null,
        tier: 2,
        account: null,
      });
    }
    // The first person heads the department; the head of HQ heads the group. Larger departments
    // have team leads (one per twelve people) between the head and the staff.
    const [head, ...rest] = members;
    head.isManager = true;
    head.tier = 0;
    head.manager = dept.parent ? (heads.get(dept.parent) ?? null) : null;
    heads.set(dept.code, head.employeeNumber);
    const leads = rest.slice(0, dept.size >= 20 ? Math.floor(dept.size / 12) : 0);
    for (const lead of leads) {
      lead.isManager = true;
      lead.tier = 1;
      lead.manager = head.employeeNumber;
    }
    const staff = rest.slice(leads.length);
    staff.forEach((p, i) => {
      p.manager = leads.length > 0 ? leads[i % leads.length].employeeNumber : head.employeeNumber;
    });
    // Demo accounts are ordinary staff of their department, everyone in zh-CN (the switcher changes it).
    for (const account of accountsLeft.filter((a) => a.department === dept.code)) {
      const holder = staff.find((p) => p.account === null && p.status === "ACTIVE")!;
      holder.account = account;
      holder.email = account.email;
      holder.locale = "zh_CN";
      accountsLeft.splice(accountsLeft.indexOf(account), 1);
    }
    // A few former staff, so the directory shows both statuses.
    const leaver = staff.filter((p) => p.account === null).at(-1);
    if (leaver && dept.size >= 30) leaver.status = "INACTIVE";
    people.push(...members);
  }
  if (accountsLeft.length > 0) throw new Error(`seed: no department for ${accountsLeft.map((a) => a.email).join(", ")}`);

  let supplierNumber = 0;
  for (const supplier of DEMO_SUPPLIERS) {
    for (let i = 0; i < supplier.contacts; i++) {
      supplierNumber++;
      const name = newName();
      const domain = `${supplier.code.slice(4).toLowerCase()}-supplier.example`;
      people.push({
        employeeNumber: `S${String(supplierNumber).padStart(4, "0")}`,
        nameZh: name.nameZh,
        nameEn: name.nameEn,
        email: newEmail(name.first, name.last, domain),
        departmentCode: null,
        supplierCode: supplier.code,
        kind: "SUPPLIER_CONTACT",
        isManager: false,
        locale: "zh_CN",
        status: "ACTIVE",
        hireDate: null,
        manager: null,
        tier: 2,
        account: null,
      });
    }
  }
  return people;
}


/** The directory entry of a demo account (its person has the account's email). */
export function demoPersonOf(email: string): SeedPerson {
  const person = buildDirectory().find((p) => p.email === email);
  if (!person) throw new Error(`no demo person has the email ${email}`);
  return person;
}
