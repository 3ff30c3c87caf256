// The form kit's fields: one labelled control each, with its hint and error wired for screen
// readers. An action answers with error keys; a field turns its key into text with the page's
// explainer (`explainer(m, m.people.errors, …)`, most specific catalogue first), or with the common
// catalogue when the page passes none. Client-safe.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";
import { useMessages } from "../i18n/use-messages";
import { explainer, type Explainer } from "../modules/http/explain";

type Common = {
  label: ReactNode;
  name: string;
  /** An error key from the action; `explain` turns it into the message shown. */
  error?: string;
  hint?: ReactNode;
  explain?: Explainer;
};

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

/** A field's error message, under the control; `id` is what the control's aria-describedby names. */
export function FieldError({ id, error, explain }: { id?: string; error?: string; explain?: Explainer }) {
  const m = useMessages();
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      {(explain ?? explainer(m))(error)}
    </p>
  );
}

export function TextField({ label, name, error, hint, id, explain, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={d.inputId}>{label}</label>
      <Hint id={d.hintId} hint={hint} />
      <input id={d.inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...input} />
      <FieldError id={d.errorId} error={error} explain={explain} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  id,
  explain,
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
      <FieldError id={d.errorId} error={error} explain={explain} />
    </div>
  );
}

export function TextAreaField({ label, name, error, hint, id, explain, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label htmlFor={d.inputId}>{label}</label>
      <Hint id={d.hintId} hint={hint} />
      <textarea id={d.inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={d.describedBy} {...textarea} />
      <FieldError id={d.errorId} error={error} explain={explain} />
    </div>
  );
}

export function CheckboxField({ label, name, error, hint, id, explain, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(id, hint, error);
  return (
    <div className="field">
      <label className="checkbox" htmlFor={d.inputId}>
        <input type="checkbox" id={d.inputId} name={name} aria-describedby={d.describedBy} {...input} />
        {label}
      </label>
      <Hint id={d.hintId} hint={hint} />
      <FieldError id={d.errorId} error={error} explain={explain} />
    </div>
  );
}

/** The acting administrator's own password, asked again before a dangerous change. */
export function ReauthField({
  error,
  explain,
  disabled,
  hint,
  required = true,
}: {
  error?: string;
  explain?: Explainer;
  disabled?: boolean;
  hint?: string;
  required?: boolean;
}) {
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
      explain={explain}
    />
  );
}

/**
 * What each field of a re-rendered form takes from the failed answer — its name, what was typed,
 * its error and the page's explainer — so a form says each only once: `<TextField {...field("email")} />`.
 */
export function fieldProps(values: Partial<Record<string, string>>, errors: Partial<Record<string, string>>, explain?: Explainer) {
  return (name: string) => ({ name, defaultValue: values[name], error: errors[name], explain });
}
