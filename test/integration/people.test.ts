// The people pages: list search (Chinese and English, any case) and pagination, creating and editing
// with errors that keep what was typed, manager checks, and deactivation ending the account's access.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getAuthState } from "~/modules/auth/session.server";
import { PAGE_SIZE } from "~/modules/http/pagination";
import { dateInZone } from "~/modules/time/dates";
import { loader as listLoader } from "~/routes/admin.people._index/route";
import { action as newAction } from "~/routes/admin.people.new/route";
import { action as personAction, loader as personLoader } from "~/routes/admin.people.$id/route";
import { createDepartment, createPerson, createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, getRequest, sessionCookieFor } from "../factories/requests";

let admin: { id: string };
let cookie: string;
let n = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${n++}`;

beforeAll(async () => {
  // An administrator who has enrolled TOTP and passed it in this session.
  const created = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  admin = created.user;
  cookie = await sessionCookieFor(admin.id);
});

async function list(query: string) {
  const res = await callLoader(listLoader, `/admin/people?${query}`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; pageCount: number; rows: { employeeNumber: string; nameZh: string; nameEn: string }[] };
}

function personForm(overrides: Record<string, string> = {}) {
  return {
    intent: "save",
    employeeNumber: unique("P"),
    nameZh: "张伟",
    nameEn: "Wei Zhang",
    email: "",
    departmentId: "",
    managerNumber: "",
    kind: "EMPLOYEE",
    locale: "zh-CN",
    status: "ACTIVE",
    hireDate: "",
    jobTitle: "",
    ...overrides,
  };
}

describe("people list", () => {
  it("finds people by Chinese name, English name in any case, number and email", async () => {
    const tag = unique("q").toLowerCase();
    const a = await createPerson({ nameZh: `欧阳娜娜${tag}`, nameEn: `Nana OUYANG ${tag}` });
    const b = await createPerson({ nameZh: `李雷${tag}`, nameEn: `Lei Li ${tag}`, email: `lei.li.${tag}@example.test` });

    expect((await list(`q=${encodeURIComponent(`欧阳娜娜${tag}`)}`)).rows.map((r) => r.employeeNumber)).toEqual([a.employeeNumber]);
    expect((await list(`q=${encodeURIComponent(`ouyang ${tag}`)}`)).rows.map((r) => r.employeeNumber)).toEqual([a.employeeNumber]);
    expect((await list(`q=${encodeURIComponent(`LEI LI ${tag.toUpperCase()}`)}`)).rows.map((r) => r.employeeNumber)).toEqual([b.employeeNumber]);
    expect((await list(`q=${encodeURIComponent(`LEI.LI.${tag}@EXAMPLE`)}`)).rows.map((r) => r.employeeNumber)).toEqual([b.employeeNumber]);
    expect((await list(`q=${encodeURIComponent(b.employeeNumber.toLowerCase())}`)).rows.map((r) => r.employeeNumber)).toEqual([b.employeeNumber]);
    expect((await list(`q=${encodeURIComponent(tag)}`)).total).toBe(2);
    expect((await list(`q=${encodeURIComponent(`nobody-${tag}`)}`)).total).toBe(0);
  });

  it("paginates, filters by department and sorts by number or name", async () => {
    const department = await createDepartment();
    const tag = unique("pg");
    const made = [];
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      made.push(await createPerson({ employeeNumber: `${tag}-${String(i).padStart(3, "0")}`, departmentId: department.id, nameZh: `泽${99 - i}`, nameEn: `Zed ${99 - i}` }));
    }
    const first = await list(`department=${department.id}`);
    expect(first.total).toBe(PAGE_SIZE + 5);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0].employeeNumber).toBe(`${tag}-000`);
    const second = await list(`department=${department.id}&page=2`);
    expect(second.rows.map((r) => r.employeeNumber)).toEqual(made.slice(PAGE_SIZE).map((p) => p.employeeNumber));

    // Sorted by name ("泽70" … "泽99"), the last person made comes first.
    const named = await list(`department=${department.id}&sort=name`);
    expect(named.rows[0].employeeNumber).toBe(`${tag}-029`);
    expect(named.rows[1].employeeNumber).toBe(`${tag}-028`);
  });
});

describe("creating and editing people", () => {
  it("creates a person with a manager chosen by number, in one transaction with its audit event", async () => {
    const department = await createDepartment();
    const manager = await createPerson();
    const form = personForm({
      nameZh: "诸葛亮",
      nameEn: "Liang Zhuge",
      email: "Liang.Zhuge@Example.TEST",
      departmentId: department.id,
      managerNumber: manager.employeeNumber,
      hireDate: "2024-03-01",
      jobTitle: "军师",
      isManager: "on",
      locale: "en",
    });
    const res = await callAction(newAction, "/admin/people/new", form, { cookie });
    expect(res.status).toBe(302);
    const person = await db.person.findUniqueOrThrow({ where: { employeeNumber: form.employeeNumber } });
    expect(res.headers.get("Location")).toBe(`/admin/people/${person.id}?done=created`);
    expect(person).toMatchObject({ nameZh: "诸葛亮", email: "liang.zhuge@example.test", managerId: manager.id, departmentId: department.id, isManager: true, locale: "en" });
    expect(dateInZone(person.hireDate!, "Asia/Shanghai")).toBe("2024-03-01");
    expect(person.searchText).toBe(`${form.employeeNumber} 诸葛亮 liang zhuge liang.zhuge@example.test`.toLowerCase());
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "person.create", objectId: person.id } });
    expect(audit.actorUserId).toBe(admin.id);
  });

  it("keeps what was typed when the form has errors, and saves nothing", async () => {
    const before = await db.person.count();
    const form = personForm({ nameZh: "貂蝉", nameEn: "", email: "not-an-email", hireDate: "2023-02-30" });
    const res = await callAction(newAction, "/admin/people/new", form, { cookie });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toMatchObject({ nameEn: "required", email: "email", hireDate: "date" });
    expect(body.values).toMatchObject({ nameZh: "貂蝉", email: "not-an-email", employeeNumber: form.employeeNumber, hireDate: "2023-02-30" });

    const unknownManager = personForm({ managerNumber: "NOBODY-1" });
    const res2 = await callAction(newAction, "/admin/people/new", unknownManager, { cookie });
    expect(res2.status).toBe(400);
    const body2 = (await res2.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body2.fieldErrors).toEqual({ managerNumber: "managerNotFound" });
    expect(body2.values.nameZh).toBe("张伟");

    const taken = await createPerson();
    const res3 = await callAction(newAction, "/admin/people/new", personForm({ employeeNumber: taken.employeeNumber }), { cookie });
    expect(((await res3.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ employeeNumber: "numberTaken" });
    expect(await db.person.count()).toBe(before + 1);
  });

  it("edits a person and keeps the search text in step", async () => {
    const person = await createPerson({ nameZh: "旧名字", nameEn: "Old Name" });
    const form = personForm({ employeeNumber: person.employeeNumber, nameZh: "新名字", nameEn: "New Name", email: person.email ?? "" });
    const res = await callAction(personAction, `/admin/people/${person.id}`, form, { cookie, params: { id: person.id } });
    expect(res.status).toBe(302);
    const after = await db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.nameZh).toBe("新名字");
    expect(after.searchText).toContain("new name");
    expect(after.searchText).not.toContain("old name");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "person.update", objectId: person.id } });
    expect(JSON.parse(audit.details)).toEqual({ fields: ["nameZh", "nameEn"] });

    const page = await callLoader(personLoader, `/admin/people/${person.id}`, { cookie, params: { id: person.id } });
    expect(((await page.json()) as { person: { nameZh: string } }).person.nameZh).toBe("新名字");
  });

  it("refuses a manager loop and a person managing themselves", async () => {
    const top = await createPerson();
    const middle = await createPerson({ managerId: top.id });
    const bottom = await createPerson({ managerId: middle.id });
    const edit = (p: typeof top, managerNumber: string) =>
      callAction(personAction, `/admin/people/${p.id}`, personForm({ employeeNumber: p.employeeNumber, email: p.email ?? "", managerNumber }), { cookie, params: { id: p.id } });
    const loop = await edit(top, bottom.employeeNumber);
    expect(loop.status).toBe(400);
    expect(((await loop.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ managerNumber: "managerLoop" });
    const self = await edit(top, top.employeeNumber);
    expect(((await self.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ managerNumber: "managerSelf" });
    expect((await db.person.findUniqueOrThrow({ where: { id: top.id } })).managerId).toBeNull();
  });

  it("deactivating a person disables their account and ends its sessions", async () => {
    const { user, person } = await createUser();
    const theirCookie = await sessionCookieFor(user.id);
    expect(await getAuthState(getRequest("/", theirCookie))).not.toBeNull();

    const res = await callAction(personAction, `/admin/people/${person.id}`, { intent: "deactivate", reauthPassword: TEST_PASSWORD }, { cookie, params: { id: person.id } });
    expect(res.status).toBe(302);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("INACTIVE");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAuthState(getRequest("/", theirCookie))).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "person.deactivate", objectId: person.id } })).toBe(1);

    // Reactivating brings the person back but not their access.
    await callAction(personAction, `/admin/people/${person.id}`, { intent: "reactivate" }, { cookie, params: { id: person.id } });
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).status).toBe("ACTIVE");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
  });

  it("setting the status to inactive in the edit form also ends the account's sessions", async () => {
    const { user, person } = await createUser();
    await sessionCookieFor(user.id);
    const form: Record<string, string> = personForm({ employeeNumber: person.employeeNumber, nameZh: person.nameZh, nameEn: person.nameEn, email: person.email ?? "", status: "INACTIVE" });
    // It disables an account: the administrator's password is asked again.
    const refused = await callAction(personAction, `/admin/people/${person.id}`, form, { cookie, params: { id: person.id } });
    expect(((await refused.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ reauthPassword: "reauthWrong" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("ACTIVE");
    form.reauthPassword = TEST_PASSWORD;
    const res = await callAction(personAction, `/admin/people/${person.id}`, form, { cookie, params: { id: person.id } });
    expect(res.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("an administrator cannot deactivate themselves", async () => {
    const me = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    const res = await callAction(personAction, `/admin/people/${me.personId}`, { intent: "deactivate", reauthPassword: TEST_PASSWORD }, { cookie, params: { id: me.personId! } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { formError: string }).formError).toBe("selfDisable");
    expect((await db.person.findUniqueOrThrow({ where: { id: me.personId! } })).status).toBe("ACTIVE");
  });
});
