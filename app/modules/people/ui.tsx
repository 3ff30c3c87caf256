// Form pieces for the directory and settings pages. Like components/form.tsx's Field, but the error
// keys may also be directory or settings keys (i18n people.errors, admin.errors), so these look a
// key up in all three catalogues. Client-safe.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";
import type { Messages } from "../../i18n/messages";
import { useLocale, useMessages } from "../../i18n/use-messages";
import type { CsvFileError, RowError } from "./csv";
import { localized } from "~/i18n/localized";

/** The message for an error key from any of the catalogues these pages use. */
export function errorText(m: Messages, key: string | undefined): string {
  if (!key) return "";
  return (
    (m.people.errors as Record<string, string>)[key] ??
    (m.admin.errors as Record<string, string>)[key] ??
    (m.errors as Record<string, string>)[key] ??
    m.errors.invalid
  );
}

type Common = { label: ReactNode; name: string; error?: string; hint?: ReactNode };

function useDescribed(id: string | undefined, hint: ReactNode, error: string | undefined) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return { inputId, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function Hint({ id, hint }: { id?: string; hint: ReactNode }) {
  return hint ? (
    <span id={id} className="hint">
      {hint}
    </span>
  ) : null;
}

/** Turns an error key into its message; a page with its own error catalogue passes one. */
type ErrorExplainer = (m: Messages, key: string | undefined) => string;

function ErrorLine({ id, error, explain = errorText }: { id?: string; error?: string; explain?: ErrorExplainer }) {
  const m = useMessages();
  return error ? (
    <p id={id} className="field-error">
      {explain(m, error)}
    </p>
  ) : null;
}

export function TextField({ label, name, error, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={d.inputId}>{label}</label>
      <Hint id={d.hintId} hint={hint} />
      <input id={d.inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...input} />
      <ErrorLine id={d.errorId} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  id,
  options,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={d.inputId}>{label}</label>
      <Hint id={d.hintId} hint={hint} />
      <select id={d.inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorLine id={d.errorId} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  id,
  explain,
  ...textarea
}: Common & { explain?: ErrorExplainer } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={d.inputId}>{label}</label>
      <Hint id={d.hintId} hint={hint} />
      <textarea id={d.inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...textarea} />
      <ErrorLine id={d.errorId} error={error} explain={explain} />
    </div>
  );
}

export function CheckboxField({ label, name, error, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label className="checkbox" htmlFor={d.inputId}>
        <input type="checkbox" id={d.inputId} name={name} aria-describedby={d.describedBy} {...input} />
        {label}
      </label>
      <Hint id={d.hintId} hint={hint} />
      <ErrorLine id={d.errorId} error={error} />
    </div>
  );
}

/** A person's or department's name in the reader's language. */
export function useDisplayName() {
  const locale = useLocale();
  return (n: { nameZh: string; nameEn: string } | null | undefined) => (n ? localized(n, "name", locale) : "");
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

/** The acting administrator's own password, asked again before a dangerous change. */
export function ReauthField({ error, disabled, hint, required = true }: { error?: string; disabled?: boolean; hint?: string; required?: boolean }) {
  const m = useMessages();
  const a = m.people.account;
  return (
    <TextField
      label={a.reauthPassword}
      hint={hint ?? a.reauthHint}
      name="reauthPassword"
      type="password"
      autoComplete="current-password"
      required={required}
      disabled={disabled}
      error={error}
    />
  );
}
