// Departments: the tree with active-people counts, create and edit with cycle checks, and
// deactivation refused while people remain.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { loader as listLoader } from "~/routes/admin.departments._index/route";
import { action as newAction } from "~/routes/admin.departments.new/route";
import { action as departmentAction, loader as departmentLoader } from "~/routes/admin.departments.$id/route";
import { createDepartment, createPerson, createUser } from "../factories/people";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

let cookie: string;
let n = 0;
const code = () => `T${Date.now().toString(36).toUpperCase()}${n++}`;

beforeAll(async () => {
  const { user } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  cookie = await sessionCookieFor(user.id);
});

const post = (id: string, fields: Record<string, string>) =>
  callAction(departmentAction, `/admin/departments/${id}`, fields, { cookie, params: { id } });

describe("departments", () => {
  it("lists the tree in order, indented by depth, with active people counted", async () => {
    const root = await createDepartment({ code: "A-ROOT", nameEn: "Root" });
    const child = await createDepartment({ code: "A-CHILD", parentId: root.id });
    const grandchild = await createDepartment({ code: "A-GRAND", parentId: child.id });
    const sibling = await createDepartment({ code: "A-ABLE", parentId: root.id });
    await createPerson({ departmentId: child.id });
    await createPerson({ departmentId: child.id });
    const gone = await createPerson({ departmentId: child.id });
    await db.person.update({ where: { id: gone.id }, data: { status: "INACTIVE" } });

    const res = await callLoader(listLoader, "/admin/departments", { cookie });
    const body = (await res.json()) as { rows: { id: string; depth: number; activePeople: number }[] };
    const ours = body.rows.filter((r) => [root.id, child.id, grandchild.id, sibling.id].includes(r.id));
    expect(ours.map((r) => [r.id, r.depth, r.activePeople])).toEqual([
      [root.id, 0, 0],
      [sibling.id, 1, 0],
      [child.id, 1, 2],
      [grandchild.id, 2, 0],
    ]);
  });

  it("creates a department with an upper-cased code, and refuses a taken code keeping the input", async () => {
    const c = code();
    const res = await callAction(newAction, "/admin/departments/new", { code: c.toLowerCase(), nameZh: "合规部", nameEn: "Compliance", parentId: "" }, { cookie });
    expect(res.status).toBe(302);
    const created = await db.department.findUniqueOrThrow({ where: { code: c } });
    expect(created.nameZh).toBe("合规部");
    expect(await db.auditEvent.count({ where: { action: "department.create", objectId: created.id } })).toBe(1);

    const again = await callAction(newAction, "/admin/departments/new", { code: c, nameZh: "另一个", nameEn: "Another", parentId: "" }, { cookie });
    expect(again.status).toBe(400);
    const body = (await again.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toEqual({ code: "codeTaken" });
    expect(body.values).toMatchObject({ code: c, nameZh: "另一个" });
  });

  it("refuses to put a department below itself or its own descendants", async () => {
    const top = await createDepartment({ code: code() });
    const mid = await createDepartment({ code: code(), parentId: top.id });
    const low = await createDepartment({ code: code(), parentId: mid.id });
    for (const parent of [low, top]) {
      const res = await post(top.id, { intent: "save", code: top.code, nameZh: top.nameZh, nameEn: top.nameEn, parentId: parent.id });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ parentId: "departmentCycle" });
    }
    expect((await db.department.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();

    // A legal move works and is audited with the changed field.
    const other = await createDepartment({ code: code() });
    expect((await post(low.id, { intent: "save", code: low.code, nameZh: low.nameZh, nameEn: low.nameEn, parentId: other.id })).status).toBe(302);
    expect((await db.department.findUniqueOrThrow({ where: { id: low.id } })).parentId).toBe(other.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "department.update", objectId: low.id } });
    expect(JSON.parse(audit.details)).toEqual({ fields: ["parentId"] });
  });

  it("refuses deactivation while active people remain, then allows it", async () => {
    const department = await createDepartment({ code: code() });
    const person = await createPerson({ departmentId: department.id });
    const refused = await post(department.id, { intent: "deactivate" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { formError: string }).formError).toBe("departmentHasPeople");
    expect((await db.department.findUniqueOrThrow({ where: { id: department.id } })).active).toBe(true);

    await db.person.update({ where: { id: person.id }, data: { status: "INACTIVE" } });
    expect((await post(department.id, { intent: "deactivate" })).status).toBe(302);
    expect((await db.department.findUniqueOrThrow({ where: { id: department.id } })).active).toBe(false);

    const page = await callLoader(departmentLoader, `/admin/departments/${department.id}`, { cookie, params: { id: department.id } });
    expect(((await page.json()) as { department: { active: boolean } }).department.active).toBe(false);
  });

  it("refuses deactivation while active sub-departments remain", async () => {
    const parent = await createDepartment({ code: code() });
    await createDepartment({ code: code(), parentId: parent.id });
    const res = await post(parent.id, { intent: "deactivate" });
    expect(((await res.json()) as { formError: string }).formError).toBe("departmentHasChildren");
  });

  it("answers 404 for an unknown department", async () => {
    const res = await callLoader(departmentLoader, "/admin/departments/nope", { cookie, params: { id: "nope" } });
    expect(res.status).toBe(404);
  });
});
