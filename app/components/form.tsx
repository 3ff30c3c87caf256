// The form kit's form-level pieces: a message above a form, the error summary, the "required when"
// marker and the one-button form. The fields are in fields.tsx. Client-safe.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useId, useRef } from "react";
import { useMessages } from "../i18n/use-messages";
import type { Explainer } from "../modules/http/explain";

/** A form-level message: an error (role=alert) or a confirmation. */
export function FormMessage({ kind, children }: { kind: "error" | "success" | "info"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`alert ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/**
 * A page's one edit form, posting `intent=save`: after a failure it says above the fields what was
 * refused (`formError`, through the page's explainer) or that the marked fields need correcting.
 */
export function SaveForm({
  errors,
  formError,
  explain,
  children,
}: {
  errors: Record<string, string>;
  formError?: string | null;
  explain: Explainer;
  children: ReactNode;
}) {
  const m = useMessages();
  const failed = Object.keys(errors).length > 0 || !!formError;
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="save" />
      {failed ? <FormMessage kind="error">{formError ? explain(formError) : m.errors.formInvalid}</FormMessage> : null}
      {children}
    </Form>
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

/**
 * A form that is one button: it posts `intent` and the hidden `fields` (in that order) to this page,
 * or to `action`. Works without JavaScript like every other form.
 */
export function PostButton({
  intent,
  fields = {},
  label,
  action,
  className,
  buttonClassName,
  disabled,
}: {
  intent: string;
  fields?: Record<string, string>;
  label: ReactNode;
  action?: string;
  /** The form's class (say, "inline" beside a line of text). */
  className?: string;
  buttonClassName?: string;
  disabled?: boolean;
}) {
  return (
    <Form method="post" action={action} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonClassName} disabled={disabled}>
        {label}
      </button>
    </Form>
  );
}
