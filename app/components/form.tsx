import type { InputHTMLAttributes, ReactNode } from "react";
import { useId } from "react";
import { errorMessage } from "../i18n/messages";
import { useMessages } from "../i18n/use-messages";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  name: string;
  /** An error key from the action (see i18n/en/errors.ts); translated here. */
  error?: string;
  hint?: ReactNode;
};

/** A labelled input with its hint and error wired for screen readers. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const m = useMessages();
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {errorMessage(m, error)}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message: an error (role=alert) or a confirmation. */
export function FormMessage({ kind, children }: { kind: "error" | "success" | "info"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
