// Who may use the directory pages: an employee gets 403 from every loader and action here, before
// anything is read or written; accounts and roles need manage:user:any on top of manage:people:any.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import type { RoleKey } from "~/modules/auth/permissions";
import { encodeImportPayload } from "~/modules/people/import-payload.server";
import * as peopleList from "~/routes/admin.people._index/route";
import * as peopleNew from "~/routes/admin.people.new/route";
import * as personPage from "~/routes/admin.people.$id/route";
import * as peopleImport from "~/routes/admin.people.import/route";
import * as importTemplate from "~/routes/admin.people.import.template/route";
import * as departmentList from "~/routes/admin.departments._index/route";
import * as departmentNew from "~/routes/admin.departments.new/route";
import * as departmentPage from "~/routes/admin.departments.$id/route";
import * as settingsPage from "~/routes/admin.settings/route";
import { createDepartment, createPerson, createUser } from "../factories/people";
import { callAction, callLoader, getRequest, postRequest, sessionCookieFor, settle, type RouteFunction } from "../factories/requests";

let employeeCookie: string;
let person: { id: string; employeeNumber: string };
let department: { id: string };
let withAccount: { id: string };

beforeAll(async () => {
  const { user } = await createUser();
  employeeCookie = await sessionCookieFor(user.id);
  person = await createPerson();
  department = await createDepartment();
  withAccount = (await createUser()).person;
});

async function snapshot() {
  const [people, users, departments, settings, audit, outbox] = await Promise.all([
    db.person.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" }, include: { roles: true } }),
    db.department.findMany({ orderBy: { id: "asc" } }),
    db.setting.count(),
    db.auditEvent.count(),
    db.outboxEmail.count(),
  ]);
  return { people, users, departments, settings, audit, outbox };
}

describe("directory pages refuse an employee", () => {
  it("answers 403 from every loader", async () => {
    const loaders: [RouteFunction, string, Record<string, string>][] = [
      [peopleList.loader, "/admin/people", {}],
      [peopleNew.loader, "/admin/people/new", {}],
      [personPage.loader, `/admin/people/${person.id}`, { id: person.id }],
      [peopleImport.loader, "/admin/people/import", {}],
      [importTemplate.loader, "/admin/people/import/template", {}],
      [departmentList.loader, "/admin/departments", {}],
      [departmentNew.loader, "/admin/departments/new", {}],
      [departmentPage.loader, `/admin/departments/${department.id}`, { id: department.id }],
      [settingsPage.loader, "/admin/settings", {}],
    ];
    for (const [loader, path, params] of loaders) {
      const res = await callLoader(loader, path, { cookie: employeeCookie, params });
      expect(res.status, path).toBe(403);
    }
  });

  it("answers 403 from every action and changes nothing", async () => {
    const before = await snapshot();
    const sample = fs.readFileSync("test/fixtures/directory-sample.csv");
    const personFields = { employeeNumber: "X1", nameZh: "甲", nameEn: "A", kind: "EMPLOYEE", locale: "zh-CN", status: "ACTIVE" };
    const actions: [RouteFunction, string, Record<string, string>, Record<string, string | string[] | Blob>][] = [
      [peopleNew.action, "/admin/people/new", {}, personFields],
      [personPage.action, `/admin/people/${person.id}`, { id: person.id }, { intent: "save", ...personFields }],
      [personPage.action, `/admin/people/${person.id}`, { id: person.id }, { intent: "deactivate" }],
      [personPage.action, `/admin/people/${person.id}`, { id: person.id }, { intent: "createAccount", email: "x@example.test", roles: "admin" }],
      [personPage.action, `/admin/people/${withAccount.id}`, { id: withAccount.id }, { intent: "roles", roles: ["employee", "admin"] }],
      [personPage.action, `/admin/people/${withAccount.id}`, { id: withAccount.id }, { intent: "disableAccount" }],
      [personPage.action, `/admin/people/${withAccount.id}`, { id: withAccount.id }, { intent: "resendInvitation" }],
      [peopleImport.action, "/admin/people/import", {}, { intent: "preview", file: new File([sample], "d.csv") }],
      [peopleImport.action, "/admin/people/import", {}, { intent: "commit", payload: encodeImportPayload(sample.toString("utf8")) }],
      [departmentNew.action, "/admin/departments/new", {}, { code: "X", nameZh: "甲", nameEn: "A" }],
      [departmentPage.action, `/admin/departments/${department.id}`, { id: department.id }, { intent: "save", code: "X", nameZh: "甲", nameEn: "A" }],
      [departmentPage.action, `/admin/departments/${department.id}`, { id: department.id }, { intent: "deactivate" }],
      [settingsPage.action, "/admin/settings", {}, { "org.timeZone": "UTC" }],
    ];
    for (const [action, path, params, fields] of actions) {
      const res = await callAction(action, path, fields, { cookie: employeeCookie, params });
      expect(res.status, `${path} ${String(fields.intent ?? "")}`).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("accounts need manage:user:any", () => {
  it("a directory clerk may edit people but not create accounts or change roles", async () => {
    // A role with the directory permission only: permissions are data, so an installation may define one.
    const permission = await db.permission.findUniqueOrThrow({ where: { key: "manage:people:any" } });
    await db.role.create({ data: { key: "directory_clerk", permissions: { create: [{ permissionId: permission.id }] } } });
    const { user } = await createUser({ roles: ["directory_clerk" as RoleKey], totpSecretSealed: "enrolled" });
    const clerk = await sessionCookieFor(user.id);

    const page = await settle(() => personPage.loader({ request: getRequest(`/admin/people/${withAccount.id}`, clerk), params: { id: withAccount.id }, context: {} }));
    expect(page.status).toBe(200);
    expect(((await page.json()) as { canManageUsers: boolean }).canManageUsers).toBe(false);

    const create = await settle(() =>
      personPage.action({
        request: postRequest(`/admin/people/${person.id}`, { intent: "createAccount", email: "y@example.test", roles: "employee" }, clerk),
        params: { id: person.id },
        context: {},
      }),
    );
    expect(create.status).toBe(403);
    expect(await db.user.count({ where: { personId: person.id } })).toBe(0);

    const rename = await settle(() =>
      personPage.action({
        request: postRequest(`/admin/people/${person.id}`, { intent: "save", employeeNumber: person.employeeNumber, nameZh: "改名", nameEn: "Renamed", kind: "EMPLOYEE", locale: "zh-CN", status: "ACTIVE" }, clerk),
        params: { id: person.id },
        context: {},
      }),
    );
    expect(rename.status).toBe(302);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).nameZh).toBe("改名");
  });
});
