// The directory import end to end through the route, as a browser without JavaScript uses it:
// upload → preview (nothing written) → commit carrying the file in the form → all or nothing.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { dateInZone } from "~/modules/time/dates";
import { previewDirectoryImport } from "~/modules/people/directory-import.server";
import { action as importAction, loader as importLoader } from "~/routes/admin.people.import/route";
import { loader as templateLoader } from "~/routes/admin.people.import.template/route";
import { createDepartment, createPerson, createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

type Preview = {
  stage: "preview";
  payload: string;
  refused: boolean;
  counts: { rows: number; create: number; update: number; unchanged: number; error: number };
  rows: { line: number; outcome: string; raw: { employeeNumber: string }; errors: { column: string; code: string; otherLine?: number }[]; changes: string[] }[];
};
type UploadError = { stage: "upload"; fileError: { code: string; line?: number } };

let cookie: string;
let adminPersonId: string;

beforeAll(async () => {
  const { user, person } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  cookie = await sessionCookieFor(user.id);
  adminPersonId = person.id;
  // The department codes of the demo company that the sample file uses.
  const hq = await createDepartment({ code: "HQ", nameZh: "集团总部", nameEn: "Group Headquarters" });
  await createDepartment({ code: "FIN", nameZh: "财务部", nameEn: "Finance", parentId: hq.id });
});

const fixture = (name: string) => fs.readFileSync(`test/fixtures/${name}`);
const csvFile = (content: string | Uint8Array<ArrayBuffer>, name = "directory.csv") => new File([content], name, { type: "text/csv" });

async function upload(file: File, extra: Record<string, string> = {}) {
  return callAction(importAction, "/admin/people/import", { intent: "preview", file, ...extra }, { cookie });
}

async function preview(file: File): Promise<Preview> {
  const res = await upload(file);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Preview;
  expect(body.stage).toBe("preview");
  return body;
}

/** The commit button: the preview's hidden field, posted back with the administrator's password. */
async function commit(payload: string, reauthPassword = TEST_PASSWORD) {
  return callAction(importAction, "/admin/people/import", { intent: "commit", payload, reauthPassword }, { cookie });
}

async function snapshot() {
  const [people, audit, rows] = await Promise.all([
    db.person.count(),
    db.auditEvent.count({ where: { action: "directory.import" } }),
    db.person.findMany({ orderBy: { employeeNumber: "asc" }, select: { employeeNumber: true, nameZh: true, nameEn: true, email: true, managerId: true, status: true } }),
  ]);
  return { people, audit, rows };
}

describe("directory import", () => {
  it("previews a valid file without writing, then creates everyone with Chinese names intact and managers from later rows", async () => {
    const before = await snapshot();
    const p = await preview(csvFile(fixture("directory-sample.csv")));
    expect(p.counts).toEqual({ rows: 5, create: 5, update: 0, unchanged: 0, error: 0 });
    expect(await snapshot()).toEqual(before);

    // An import can disable accounts: a wrong password imports nothing and shows the preview again.
    const wrong = await commit(p.payload, "not my password");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ stage: "preview", reauthError: "reauthWrong", counts: { create: 5 } });
    expect(await snapshot()).toEqual(before);

    const res = await commit(p.payload);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/people/import?created=5&updated=0&unchanged=0");

    const people = await db.person.findMany({
      where: { employeeNumber: { in: ["E90101", "E90102", "E90103", "E90104", "S90105"] } },
      include: { department: true, manager: true },
      orderBy: { employeeNumber: "asc" },
    });
    const by = Object.fromEntries(people.map((p) => [p.employeeNumber, p]));
    expect(by.E90102.nameZh).toBe("林晓雯");
    expect(by.E90103).toMatchObject({ nameZh: "欧阳明轩", nameEn: 'Mingxuan "Max" Ouyang', jobTitle: "分析师, 财务", locale: "en" });
    // E90101 is the last of the three rows that name it as manager.
    expect(by.E90102.manager?.employeeNumber).toBe("E90101");
    expect(by.E90103.manager?.employeeNumber).toBe("E90101");
    expect(by.E90101).toMatchObject({ managerId: null, isManager: true, jobTitle: "财务经理" });
    expect(by.E90101.department?.code).toBe("FIN");
    expect(by.E90104).toMatchObject({ status: "INACTIVE", jobTitle: null });
    expect(by.S90105).toMatchObject({ kind: "SUPPLIER_CONTACT", departmentId: null, hireDate: null });
    expect(dateInZone(by.E90102.hireDate!, "Asia/Shanghai")).toBe("2024-03-01");
    expect(by.E90102.searchText).toBe("e90102 林晓雯 xiaowen lin xiaowen.lin@sample.example");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "directory.import" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.details)).toEqual({ rows: 5, created: 5, updated: 0, unchanged: 0, accountsDisabled: 0 });

    const done = await callLoader(importLoader, "/admin/people/import?created=5&updated=0&unchanged=0", { cookie });
    expect(((await done.json()) as { done: unknown }).done).toEqual({ create: 5, update: 0, unchanged: 0 });
  });

  it("reads the same file with a BOM as unchanged, and upserts by employee number", async () => {
    const same = await preview(csvFile(fixture("directory-sample-bom.csv")));
    expect(same.counts).toEqual({ rows: 5, create: 0, update: 0, unchanged: 5, error: 0 });

    const edited = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        [
          "employee_number,name_zh,name_en,department_code,manager_employee_number",
          "E90102,林晓雯（财务）,Xiaowen Lin,HQ,E90103",
          "E90106,司马懿,Yi Sima,FIN,E90101",
        ].join("\r\n"),
        "utf8",
      ),
    ]);
    const p = await preview(csvFile(edited));
    expect(p.counts).toEqual({ rows: 2, create: 1, update: 1, unchanged: 0, error: 0 });
    expect(p.rows[0]).toMatchObject({ outcome: "update", changes: ["name_zh", "department_code", "manager_employee_number"] });
    const res = await commit(p.payload);
    expect(res.status).toBe(302);

    const updated = await db.person.findUniqueOrThrow({ where: { employeeNumber: "E90102" }, include: { manager: true, department: true } });
    expect(updated.nameZh).toBe("林晓雯（财务）");
    expect(updated.department?.code).toBe("HQ");
    expect(updated.manager?.employeeNumber).toBe("E90103");
    // Columns the file left out keep their values.
    expect(updated.email).toBe("xiaowen.lin@sample.example");
    expect(dateInZone(updated.hireDate!, "Asia/Shanghai")).toBe("2024-03-01");
    expect(updated.searchText).toContain("林晓雯（财务）");
    const created = await db.person.findUniqueOrThrow({ where: { employeeNumber: "E90106" } });
    expect(created).toMatchObject({ nameZh: "司马懿", locale: "zh_CN", status: "ACTIVE", kind: "EMPLOYEE" });
  });

  it("previews per-row, per-field errors, and a commit attempt changes nothing", async () => {
    await createPerson({ employeeNumber: "E91001", nameZh: "周旧名", nameEn: "Old Zhou", email: "old.zhou@sample.example" });
    const before = await snapshot();
    const p = await preview(csvFile(fixture("directory-bad-row.csv")));
    expect(p.counts).toEqual({ rows: 2, create: 0, update: 1, unchanged: 0, error: 1 });
    expect(p.rows.map((r) => r.outcome)).toEqual(["error"]); // errors are shown first
    expect(p.rows[0].line).toBe(3);
    expect(p.rows[0].errors.map((e) => `${e.column}:${e.code}`).sort()).toEqual(
      ["department_code:departmentNotFound", "hire_date:date", "manager_employee_number:managerNotFound"].sort(),
    );

    const res = await commit(p.payload);
    expect(res.status).toBe(409);
    const refused = (await res.json()) as Preview;
    expect(refused.refused).toBe(true);
    expect(refused.counts.error).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect((await db.person.findUniqueOrThrow({ where: { employeeNumber: "E91001" } })).nameZh).toBe("周旧名");
  });

  it("refuses a broken file with the line number, and a forged commit of it changes nothing", async () => {
    const before = await snapshot();
    const res = await upload(csvFile(fixture("directory-broken-quote.csv")));
    expect(res.status).toBe(400);
    expect(((await res.json()) as UploadError).fileError).toEqual({ code: "quoteNotClosed", line: 3 });

    const { encodeImportPayload } = await import("~/modules/people/import-payload.server");
    const forged = await commit(encodeImportPayload(fixture("directory-broken-quote.csv").toString("utf8")));
    expect(forged.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    const gbk = await upload(csvFile(fixture("directory-gbk.csv")));
    expect(((await gbk.json()) as UploadError).fileError).toEqual({ code: "invalidUtf8" });
    const missing = await callAction(importAction, "/admin/people/import", { intent: "preview" }, { cookie });
    expect(((await missing.json()) as UploadError).fileError).toEqual({ code: "noFile" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file over the size limit, however far over", async () => {
    for (const repeats of [330_000, 400_000]) {
      // 20 bytes a row: 6.6 MB (read, then refused) and 8 MB (refused while it is read).
      const big = "employee_number,name_zh,name_en\n" + "E1,张三,San Zhang\n".repeat(repeats);
      const res = await upload(csvFile(big));
      expect(res.status).toBe(400);
      expect(((await res.json()) as UploadError).fileError).toEqual({ code: "tooLarge", maxBytes: 5 * 1024 * 1024 });
    }
  });

  it("checks the file against the directory: departments, managers, emails, duplicates, loops", async () => {
    const inactive = await createDepartment({ code: "OLD" });
    await db.department.update({ where: { id: inactive.id }, data: { active: false } });
    const taken = await createPerson({ email: "taken@sample.example" });
    const boss = await createPerson({ employeeNumber: "E94000" });
    await createPerson({ employeeNumber: "E94001", managerId: boss.id });
    const text = [
      "employee_number,name_zh,name_en,email,department_code,manager_employee_number,locale",
      "E94100,甲,A One,taken@sample.example,OLD,,zh-CN", // line 2: email of someone else, inactive department
      "E94101,乙,B Two,b@sample.example,FIN,E94102,xx", // line 3: bad locale; manager is in the file (line 4)
      "E94102,丙,C Three,c@sample.example,FIN,E94101,en", // line 4: loop with line 3
      "E94101,丁,D Four,b@sample.example,FIN,,en", // line 5: repeats line 3's number and email
      "E94000,戊,Boss,,FIN,E94001,en", // line 6: loop through the directory: E94001 already reports to E94000
      ",己,,,,,", // line 7: required cells missing
    ].join("\n");
    const p = await previewDirectoryImport({ text, actorPersonId: adminPersonId });
    if (!p.ok) throw new Error(p.error.code);
    const errors = Object.fromEntries(p.rows.map((r) => [r.line, r.errors.map((e) => `${e.column}:${e.code}${e.otherLine ? `@${e.otherLine}` : ""}`).sort()]));
    expect(errors[2]).toEqual(["department_code:departmentInactive", "email:emailTaken"]);
    expect(errors[3]).toEqual(["locale:locale", "manager_employee_number:managerLoop"]);
    expect(errors[4]).toEqual(["manager_employee_number:managerLoop"]);
    expect(errors[5]).toEqual(["email:duplicateEmail@3", "employee_number:duplicateNumber@3"]);
    expect(errors[6]).toEqual(["manager_employee_number:managerLoop"]);
    expect(errors[7]).toEqual(["employee_number:required", "name_en:required"]);
    expect(p.counts.error).toBe(6);
    expect(taken.email).toBe("taken@sample.example");
  });

  it("lets two people of one file swap email addresses, and an empty cell clears one", async () => {
    await createPerson({ employeeNumber: "E95001", email: "first@sample.example" });
    await createPerson({ employeeNumber: "E95002", email: "second@sample.example" });
    await createPerson({ employeeNumber: "E95003", nameZh: "丙", nameEn: "C", email: "third@sample.example" });
    const text = [
      "employee_number,name_zh,name_en,email,job_title",
      "E95001,甲,A,second@sample.example,",
      "E95002,乙,B,first@sample.example,",
      "E95003,丙,C,,审计师",
    ].join("\n");
    const p = await preview(csvFile(text));
    expect(p.counts).toMatchObject({ update: 3, error: 0 });
    expect((await commit(p.payload)).status).toBe(302);
    const by = async (n: string) => db.person.findUniqueOrThrow({ where: { employeeNumber: n } });
    expect((await by("E95001")).email).toBe("second@sample.example");
    expect((await by("E95002")).email).toBe("first@sample.example");
    expect(await by("E95003")).toMatchObject({ email: null, jobTitle: "审计师", searchText: "e95003 丙 c " });
    expect((await by("E95001")).searchText).toBe("e95001 甲 a second@sample.example");
  });

  it("deactivating someone through the file disables their account and ends its sessions", async () => {
    const { user, person } = await createUser();
    await sessionCookieFor(user.id);
    const p = await preview(csvFile(`employee_number,name_zh,name_en,status\n${person.employeeNumber},${person.nameZh},${person.nameEn},inactive\n`));
    expect(p.counts.update).toBe(1);
    expect((await commit(p.payload)).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("offers a template that the import itself accepts", async () => {
    const res = await callLoader(templateLoader, "/admin/people/import/template", { cookie });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const p = await preview(csvFile(bytes));
    expect(p.counts).toMatchObject({ rows: 2, error: 0 });
  });
});
