import type { InputHTMLAttributes, ReactNode } from "react";
import { useEffect, useId, useRef } from "react";
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

/** One line of the error summary: the field's label, what is wrong, and the id of the field. */
export type SummaryError = { target: string; label: string; message: string };

/**
 * Every error of a failed form, at the top of the form, each a link to its field. It takes the
 * focus when it appears — with JavaScript by script (a submit leaves the page scrolled at the
 * button otherwise), without JavaScript by `autofocus` on the re-rendered page — so the errors are
 * seen and read out first (focus announces it, so it is not also a live alert). `trigger` is what changes with each failed submission (the action's
 * data): the summary is focused again on a new failure, not on every render.
 */
export function ErrorSummary({ errors, formError, trigger }: { errors: SummaryError[]; formError?: string; trigger?: unknown }) {
  const m = useMessages();
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const shown = errors.length > 0 || Boolean(formError);
  useEffect(() => {
    if (!shown) return;
    box.current?.focus();
    box.current?.scrollIntoView({ block: "start" });
  }, [shown, trigger]);
  if (!shown) return null;
  return (
    <div ref={box} className="alert error error-summary" role="group" tabIndex={-1} autoFocus aria-labelledby={headingId} data-testid="error-summary">
      <h2 id={headingId}>{errors.length > 0 ? m.forms.errorSummary.heading(errors.length) : m.forms.errorSummary.formOnly}</h2>
      {formError ? <p>{formError}</p> : null}
      {errors.length > 0 ? (
        <ul>
          {errors.map((e) => (
            <li key={e.target}>
              <a href={`#${e.target}`}>
                {e.label}: {e.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The marker of a field required only in some cases: "Required when …", beside its label. */
export function RequiredWhen({ condition, id }: { condition: string; id?: string }) {
  const m = useMessages();
  return (
    <span className="required-when" id={id}>
      {m.forms.requiredWhen(condition)}
    </span>
  );
}
