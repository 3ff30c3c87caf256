import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCsv, MAX_FILE_BYTES, MAX_ROWS, parseDirectoryCsv } from "~/modules/people/csv";
import { dateInZone, isIsoDate, startOfDayInZone } from "~/modules/time/dates";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(`test/fixtures/${name}`));
const HEADER = "employee_number,name_zh,name_en,email,department_code,manager_employee_number,kind,locale,status,hire_date,job_title,is_manager";

function parseOk(text: string) {
  const parsed = parseDirectoryCsv(text);
  if (!parsed.ok) throw new Error(`expected a parsed file, got ${parsed.error.code}`);
  return parsed;
}

describe("directory CSV: decoding", () => {
  it("reads UTF-8 with and without a BOM to the same text, Chinese intact", () => {
    const plain = decodeCsv(fixture("directory-sample.csv"));
    const bom = decodeCsv(fixture("directory-sample-bom.csv"));
    expect(plain.ok && bom.ok).toBe(true);
    if (!plain.ok || !bom.ok) return;
    expect(bom.text).toBe(plain.text);
    expect(plain.text.startsWith("employee_number")).toBe(true);
    expect(plain.text).toContain("林晓雯");
  });

  it("refuses bytes that are not UTF-8 (a GBK export) and files over the size limit", () => {
    expect(decodeCsv(fixture("directory-gbk.csv"))).toEqual({ ok: false, error: { code: "invalidUtf8" } });
    expect(decodeCsv(new Uint8Array(MAX_FILE_BYTES + 1))).toEqual({ ok: false, error: { code: "tooLarge", maxBytes: MAX_FILE_BYTES } });
  });
});

describe("directory CSV: parsing", () => {
  it("reads every column, quoted commas and doubled quotes, with the file's line numbers", () => {
    const decoded = decodeCsv(fixture("directory-sample.csv"));
    if (!decoded.ok) throw new Error("fixture");
    const { rows, columns } = parseOk(decoded.text);
    expect(columns).toHaveLength(12);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(rows[1].values).toEqual({
      employeeNumber: "E90103",
      nameZh: "欧阳明轩",
      nameEn: 'Mingxuan "Max" Ouyang',
      email: "max.ouyang@sample.example",
      departmentCode: "FIN",
      managerNumber: "E90101",
      kind: "EMPLOYEE",
      locale: "en",
      status: "ACTIVE",
      hireDate: "2023-11-20",
      jobTitle: "分析师, 财务",
      isManager: false,
    });
    expect(rows[2].values.managerNumber).toBeNull();
    expect(rows[2].values.isManager).toBe(true);
    expect(rows[4].values).toMatchObject({ kind: "SUPPLIER_CONTACT", departmentCode: null, hireDate: null, jobTitle: null });
  });

  it("accepts upper-case headers, CRLF line ends and trailing rows of bare commas", () => {
    const text = "EMPLOYEE_NUMBER, Name_ZH ,name_en\r\nE1,张三,San Zhang\r\n,,\r\n";
    const { rows } = parseOk(text);
    expect(rows).toHaveLength(1);
    expect(rows[0].values).toEqual({ employeeNumber: "E1", nameZh: "张三", nameEn: "San Zhang" });
  });

  it("leaves absent columns undefined (keep) and empty optional cells null (clear)", () => {
    const { rows } = parseOk("employee_number,name_zh,name_en,email,kind\nE1,张三,San Zhang,,\n");
    expect(rows[0].values.email).toBeNull();
    expect("kind" in rows[0].values).toBe(false);
    expect("departmentCode" in rows[0].values).toBe(false);
  });

  it("reports each bad cell of a row, by column", () => {
    const text = [HEADER, "E1,,San Zhang,not-an-email,fin!,E1,robot,fr,gone,2023-02-29,,maybe"].join("\n");
    const { rows } = parseOk(text);
    expect(rows[0].errors.map((e) => `${e.column}:${e.code}`).sort()).toEqual(
      [
        "name_zh:required",
        "email:email",
        "department_code:codeFormat",
        "manager_employee_number:managerSelf",
        "kind:kind",
        "locale:locale",
        "status:status",
        "hire_date:date",
        "is_manager:boolean",
      ].sort(),
    );
  });

  it("flags repeated employee numbers and emails on the later row, pointing at the first", () => {
    const text = ["employee_number,name_zh,name_en,email", "E1,张三,San Zhang,a@x.example", "E2,李四,Si Li,A@X.example", "E1,王五,Wu Wang,c@x.example"].join("\n");
    const { rows } = parseOk(text);
    expect(rows[0].errors).toEqual([]);
    expect(rows[1].errors).toEqual([{ column: "email", code: "duplicateEmail", otherLine: 2 }]);
    expect(rows[2].errors).toEqual([{ column: "employee_number", code: "duplicateNumber", otherLine: 2 }]);
  });

  it("refuses broken files with the line of the problem", () => {
    const broken = decodeCsv(fixture("directory-broken-quote.csv"));
    if (!broken.ok) throw new Error("fixture");
    expect(parseDirectoryCsv(broken.text)).toEqual({ ok: false, error: { code: "quoteNotClosed", line: 3 } });
    expect(parseDirectoryCsv("employee_number,name_zh,name_en\nE1,张三,San Zhang\nE2,李四\n")).toEqual({
      ok: false,
      error: { code: "columnCount", line: 3, expected: 3, got: 2 },
    });
    expect(parseDirectoryCsv('employee_number,name_zh,name_en\nE1,"张"三,San Zhang\n')).toMatchObject({ ok: false, error: { code: "badQuote", line: 2 } });
  });

  it("refuses a header without required columns, with unknown or repeated columns, and empty files", () => {
    expect(parseDirectoryCsv("employee_number,name_zh\nE1,张三\n")).toEqual({ ok: false, error: { code: "missingColumns", columns: ["name_en"] } });
    expect(parseDirectoryCsv("employee_number,name_zh,name_en,salary\n")).toEqual({ ok: false, error: { code: "unknownColumns", columns: ["salary"] } });
    expect(parseDirectoryCsv("employee_number,name_zh,name_en,name_en\n")).toEqual({ ok: false, error: { code: "duplicateColumns", columns: ["name_en"] } });
    expect(parseDirectoryCsv("\uFEFF  \n")).toEqual({ ok: false, error: { code: "empty" } });
  });

  it("refuses more than the row limit", () => {
    const lines = ["employee_number,name_zh,name_en"];
    for (let i = 0; i <= MAX_ROWS; i++) lines.push(`E${i},张${i},Zhang ${i}`);
    expect(parseDirectoryCsv(lines.join("\n"))).toEqual({ ok: false, error: { code: "tooManyRows", max: MAX_ROWS } });
    expect(parseOk(lines.slice(0, MAX_ROWS + 1).join("\n")).rows).toHaveLength(MAX_ROWS);
  });
});

describe("dates in the organisation's time zone", () => {
  it("validates calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-2-1")).toBe(false);
  });

  it("stores the start of the day in the zone and reads the same day back", () => {
    expect(startOfDayInZone("2024-03-01", "Asia/Shanghai").toISOString()).toBe("2024-02-29T16:00:00.000Z");
    expect(startOfDayInZone("2024-07-01", "Europe/London").toISOString()).toBe("2024-06-30T23:00:00.000Z");
    expect(startOfDayInZone("2024-01-15", "America/New_York").toISOString()).toBe("2024-01-15T05:00:00.000Z");
    for (const tz of ["Asia/Shanghai", "Europe/London", "America/New_York", "UTC"]) {
      expect(dateInZone(startOfDayInZone("2024-03-31", tz), tz)).toBe("2024-03-31");
    }
  });
});
