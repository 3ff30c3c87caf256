// The directory CSV: decoding, parsing and every check that needs no database. Pure, so it is
// unit-tested on its own; directory-import.server.ts adds the checks against the directory.
import { parse } from "csv-parse/sync";
import { isIsoDate } from "../time/dates";
import {
  DEPARTMENT_CODE_PATTERN,
  EMAIL_MAX,
  EMAIL_PATTERN,
  EMPLOYEE_NUMBER_PATTERN,
  NAME_MAX,
  NUMBER_MAX,
  type PersonKindValue,
  type PersonStatusValue,
} from "./people.schema";

export const CSV_COLUMNS = [
  "employee_number",
  "name_zh",
  "name_en",
  "email",
  "department_code",
  "manager_employee_number",
  "kind",
  "locale",
  "status",
  "hire_date",
  "job_title",
  "is_manager",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["employee_number", "name_zh", "name_en"];

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 20_000;

export type CsvFileError =
  | { code: "invalidUtf8" }
  | { code: "tooLarge"; maxBytes: number }
  | { code: "empty" }
  | { code: "tooManyRows"; max: number }
  | { code: "missingColumns"; columns: string[] }
  | { code: "unknownColumns"; columns: string[] }
  | { code: "duplicateColumns"; columns: string[] }
  | { code: "quoteNotClosed"; line: number }
  | { code: "columnCount"; line: number; expected: number; got: number }
  | { code: "badQuote"; line: number }
  | { code: "malformed"; line: number };

export type RowErrorCode =
  | "required"
  | "tooLong"
  | "numberFormat"
  | "email"
  | "codeFormat"
  | "kind"
  | "locale"
  | "status"
  | "boolean"
  | "date"
  | "managerSelf"
  | "duplicateNumber"
  | "duplicateEmail"
  | "departmentNotFound"
  | "departmentInactive"
  | "managerNotFound"
  | "managerLoop"
  | "emailTaken"
  | "selfDeactivate";

/** One problem with one cell. `otherLine` points at the row a duplicate repeats. */
export type RowError = { column: CsvColumn; code: RowErrorCode; otherLine?: number };

/**
 * A row's valid values. A column missing from the file is undefined and keeps what the directory
 * has; an empty cell in an optional column clears the value (null), except for kind, locale, status
 * and is_manager, where an empty cell means "the default for a new person, unchanged otherwise".
 */
export type DirectoryRecord = {
  employeeNumber?: string;
  nameZh?: string;
  nameEn?: string;
  email?: string | null;
  departmentCode?: string | null;
  managerNumber?: string | null;
  kind?: PersonKindValue;
  locale?: "zh_CN" | "en";
  status?: PersonStatusValue;
  hireDate?: string | null;
  jobTitle?: string | null;
  isManager?: boolean;
};

export type CsvRow = {
  /** The file's line number (the header is line 1), for messages people can find in their file. */
  line: number;
  /** What the cells said, trimmed, for the preview table even when a value is invalid. */
  raw: { employeeNumber: string; nameZh: string; nameEn: string };
  values: DirectoryRecord;
  errors: RowError[];
};

export type ParsedCsv = { ok: true; columns: CsvColumn[]; rows: CsvRow[] } | { ok: false; error: CsvFileError };

/** UTF-8 bytes to text: a BOM is dropped, invalid UTF-8 (e.g. a GBK export) is refused. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: CsvFileError } {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, error: { code: "tooLarge", maxBytes: MAX_FILE_BYTES } };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/, "") };
  } catch {
    return { ok: false, error: { code: "invalidUtf8" } };
  }
}

type CsvParseError = Error & { code?: string; lines?: number; record?: unknown[] };

function parseRecords(text: string): { ok: true; records: { record: string[]; line: number }[] } | { ok: false; error: CsvFileError } {
  let lastCompleteLine = 0;
  try {
    const out = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Spreadsheet exports often end with rows of bare commas: not data, not an error.
      skip_records_with_empty_values: true,
      // Header + MAX_ROWS + 1: enough to tell "too many rows" without parsing a huge file whole.
      to: MAX_ROWS + 2,
      on_record: (record: unknown, context: { lines: number }) => {
        lastCompleteLine = context.lines;
        return record;
      },
    }) as { record: string[]; info: { lines: number } }[];
    return { ok: true, records: out.map((r) => ({ record: r.record, line: r.info.lines })) };
  } catch (thrown) {
    const e = thrown as CsvParseError;
    const line = e.lines ?? lastCompleteLine + 1;
    switch (e.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        // The parser reports where the file ended; the open quote is in the record after the last complete one.
        return { ok: false, error: { code: "quoteNotClosed", line: lastCompleteLine + 1 } };
      case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      case "CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH": {
        const match = /expect (\d+), got (\d+)/.exec(e.message);
        return {
          ok: false,
          error: { code: "columnCount", line, expected: Number(match?.[1] ?? 0), got: Number(match?.[2] ?? e.record?.length ?? 0) },
        };
      }
      case "CSV_INVALID_CLOSING_QUOTE":
      case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      case "INVALID_OPENING_QUOTE":
        return { ok: false, error: { code: "badQuote", line } };
      default:
        return { ok: false, error: { code: "malformed", line } };
    }
  }
}

const BOOLEAN_WORDS: Record<string, boolean> = { yes: true, no: false, true: true, false: false, "1": true, "0": false, 是: true, 否: false, y: true, n: false };

/** Reads one data row into valid values and per-cell errors. */
function readRow(cells: Partial<Record<CsvColumn, string>>, line: number): CsvRow {
  const errors: RowError[] = [];
  const values: DirectoryRecord = {};
  const fail = (column: CsvColumn, code: RowErrorCode) => errors.push({ column, code });
  const cell = (c: CsvColumn) => cells[c];

  const number = cell("employee_number") ?? "";
  if (number === "") fail("employee_number", "required");
  else if (number.length > NUMBER_MAX) fail("employee_number", "tooLong");
  else if (!EMPLOYEE_NUMBER_PATTERN.test(number)) fail("employee_number", "numberFormat");
  else values.employeeNumber = number;

  for (const [column, key] of [
    ["name_zh", "nameZh"],
    ["name_en", "nameEn"],
  ] as const) {
    const v = cell(column) ?? "";
    if (v === "") fail(column, "required");
    else if (v.length > NAME_MAX) fail(column, "tooLong");
    else values[key] = v;
  }

  const email = cell("email");
  if (email !== undefined) {
    if (email === "") values.email = null;
    else if (email.length > EMAIL_MAX) fail("email", "tooLong");
    else if (!EMAIL_PATTERN.test(email)) fail("email", "email");
    else values.email = email.toLowerCase();
  }

  const code = cell("department_code");
  if (code !== undefined) {
    const upper = code.toUpperCase();
    if (upper === "") values.departmentCode = null;
    else if (upper.length > NUMBER_MAX || !DEPARTMENT_CODE_PATTERN.test(upper)) fail("department_code", "codeFormat");
    else values.departmentCode = upper;
  }

  const manager = cell("manager_employee_number");
  if (manager !== undefined) {
    if (manager === "") values.managerNumber = null;
    else if (manager.length > NUMBER_MAX || !EMPLOYEE_NUMBER_PATTERN.test(manager)) fail("manager_employee_number", "numberFormat");
    else if (manager === number) fail("manager_employee_number", "managerSelf");
    else values.managerNumber = manager;
  }

  const kind = cell("kind")?.toLowerCase().replace(/-/g, "_");
  if (kind) {
    if (kind === "employee") values.kind = "EMPLOYEE";
    else if (kind === "supplier_contact") values.kind = "SUPPLIER_CONTACT";
    else fail("kind", "kind");
  }

  const locale = cell("locale")?.toLowerCase().replace(/_/g, "-");
  if (locale) {
    if (locale === "zh-cn" || locale === "zh") values.locale = "zh_CN";
    else if (locale === "en") values.locale = "en";
    else fail("locale", "locale");
  }

  const status = cell("status")?.toLowerCase();
  if (status) {
    if (status === "active") values.status = "ACTIVE";
    else if (status === "inactive") values.status = "INACTIVE";
    else fail("status", "status");
  }

  const hireDate = cell("hire_date");
  if (hireDate !== undefined) {
    if (hireDate === "") values.hireDate = null;
    else if (!isIsoDate(hireDate)) fail("hire_date", "date");
    else values.hireDate = hireDate;
  }

  const jobTitle = cell("job_title");
  if (jobTitle !== undefined) {
    if (jobTitle.length > NAME_MAX) fail("job_title", "tooLong");
    else values.jobTitle = jobTitle === "" ? null : jobTitle;
  }

  const isManager = cell("is_manager")?.toLowerCase();
  if (isManager) {
    if (isManager in BOOLEAN_WORDS) values.isManager = BOOLEAN_WORDS[isManager];
    else fail("is_manager", "boolean");
  }

  return {
    line,
    raw: { employeeNumber: number, nameZh: cell("name_zh") ?? "", nameEn: cell("name_en") ?? "" },
    values,
    errors,
  };
}

/** Parses the directory file and checks everything that does not need the database. */
export function parseDirectoryCsv(text: string): ParsedCsv {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return { ok: false, error: { code: "empty" } };
  const parsed = parseRecords(body);
  if (!parsed.ok) return parsed;
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: { code: "empty" } };
  if (records.length > MAX_ROWS) return { ok: false, error: { code: "tooManyRows", max: MAX_ROWS } };

  const names = header.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, error: { code: "unknownColumns", columns: unknown } };
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (duplicated.length > 0) return { ok: false, error: { code: "duplicateColumns", columns: [...new Set(duplicated)] } };
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, error: { code: "missingColumns", columns: [...missing] } };
  const columns = names as CsvColumn[];

  const rows = records.map(({ record, line }) => {
    const cells: Partial<Record<CsvColumn, string>> = {};
    columns.forEach((c, i) => (cells[c] = (record[i] ?? "").trim()));
    return readRow(cells, line);
  });

  // Within the file, an employee number or an email may appear once; later repeats are the errors.
  const firstNumber = new Map<string, number>();
  const firstEmail = new Map<string, number>();
  for (const row of rows) {
    const number = row.values.employeeNumber;
    if (number !== undefined) {
      const seen = firstNumber.get(number);
      if (seen !== undefined) row.errors.push({ column: "employee_number", code: "duplicateNumber", otherLine: seen });
      else firstNumber.set(number, row.line);
    }
    const email = row.values.email;
    if (email) {
      const seen = firstEmail.get(email);
      if (seen !== undefined) row.errors.push({ column: "email", code: "duplicateEmail", otherLine: seen });
      else firstEmail.set(email, row.line);
    }
  }
  return { ok: true, columns, rows };
}
