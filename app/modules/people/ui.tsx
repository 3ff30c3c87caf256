// Directory pieces the pages of other domains use too: a person's or department's name in the
// reader's language, and the CSV import's error texts. The form fields are in components/fields.tsx.
// Client-safe.
import type { Messages } from "../../i18n/messages";
import { useLocale } from "../../i18n/use-messages";
import type { CsvFileError, RowError } from "./csv";
import { localized } from "~/i18n/localized";

/** A person's or department's name in the reader's language. */
export function useDisplayName() {
  const locale = useLocale();
  return (n: { nameZh: string; nameEn: string } | null | undefined) => (n ? localized(n, "name", locale) : "");
}

/** A department as the person and department forms offer it. */
export type DepartmentChoice = { id: string; code: string; nameZh: string; nameEn: string; depth: number; active: boolean };

/**
 * The departments as a select's options, indented by depth, after the "none" option: a deactivated
 * one only when it is the one already chosen, and never `exclude` (a department is not its own parent).
 */
export function useDepartmentOptions() {
  const name = useDisplayName();
  return (departments: DepartmentChoice[], none: string, chosen?: string, exclude?: string) => [
    { value: "", label: none },
    ...departments
      .filter((x) => x.id !== exclude && (x.active || x.id === chosen))
      .map((x) => ({ value: x.id, label: `${"\u00a0\u00a0".repeat(x.depth)}${name(x)} (${x.code})` })),
  ];
}

export function csvFileErrorText(m: Messages, e: CsvFileError | { code: "noFile" }): string {
  const f = m.people.import.fileErrors;
  switch (e.code) {
    case "noFile":
      return f.noFile;
    case "invalidUtf8":
      return f.invalidUtf8;
    case "tooLarge":
      return f.tooLarge(Math.round(e.maxBytes / 1024 / 1024));
    case "empty":
      return f.empty;
    case "tooManyRows":
      return f.tooManyRows(e.max);
    case "missingColumns":
      return f.missingColumns(e.columns.join(", "));
    case "unknownColumns":
      return f.unknownColumns(e.columns.join(", "));
    case "duplicateColumns":
      return f.duplicateColumns(e.columns.join(", "));
    case "quoteNotClosed":
      return f.quoteNotClosed(e.line);
    case "columnCount":
      return f.columnCount(e.line, e.expected, e.got);
    case "badQuote":
      return f.badQuote(e.line);
    case "malformed":
      return f.malformed(e.line);
  }
}

export function rowErrorText(m: Messages, e: RowError): string {
  const r = m.people.import.rowErrors;
  const text =
    e.code === "duplicateNumber" || e.code === "duplicateEmail" ? r[e.code](e.otherLine ?? 0) : (r[e.code] as string);
  return `${e.column}: ${text}`;
}
