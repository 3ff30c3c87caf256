// Form handling shared by every route: parse FormData with a Zod schema; on failure return the
// field errors (as message keys, see i18n/en/errors.ts) together with what the person typed, so
// the page re-renders with their input intact. Works the same with and without JavaScript.
// Client-safe: the components read these types; the responses are built in respond.server.ts.
import type { z } from "zod";

/** Field name → error key. A message about the whole form is never in here: it is `formError`. */
export type FieldErrors = Record<string, string>;

/** What every failed form answers with; `formError` is the one slot for a form-level message. */
export type FormErrors = { fieldErrors: FieldErrors; formError: string | null };

export type FormFailure = FormErrors & {
  ok: false;
  /** The form's `intent` when it named one this action knows, else null. */
  intent: string | null;
  values: Record<string, string>;
};
export type FormSuccess<T> = { ok: true; data: T };

/** Field names whose values are secrets and are never sent back to the browser. */
const SECRET_FIELD = /passw(or)?d$|token|secret|totp|receipt/i;

/** Text values of a form (files and secrets excluded), to echo back into the form on failure. */
export function echoValues(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !omit.includes(key) && !SECRET_FIELD.test(key)) values[key] = value;
  }
  return values;
}

/**
 * Text exactly as it was in the box. Form encoding turns every line break of a textarea into CRLF
 * (HTML's form submission rules); undoing that gives back what the person typed.
 */
export function asTyped(value: string): string {
  return value.replace(/\r\n/g, "\n");
}

/**
 * A stored record's fields as an edit form's first values, the way the form would post them: text
 * as is, nothing as "", a ticked box as "on".
 */
export function formValuesOf<T extends Record<string, unknown>, K extends keyof T & string>(record: T, fields: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const field of fields) {
    const value = record[field];
    values[field] = value === true ? "on" : value === false || value === null || value === undefined ? "" : String(value);
  }
  return values;
}

/** A text field of a form as typed ("" when absent or a file). */
export function typedField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? asTyped(value) : "";
}

/**
 * Zod's issues as the page shows them: the first message per field (path joined with dots, under
 * `prefix` when the schema validated a part of a larger form); an issue about the object as a
 * whole becomes the form's error.
 */
export function issuesToErrors(issues: readonly z.ZodIssue[], prefix: readonly (string | number)[] = []): FormErrors {
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (path.length === 0) formError ??= issue.message;
    else fieldErrors[path.join(".")] ??= issue.message;
  }
  return { fieldErrors, formError };
}

/** A FormData as the object a schema reads: a repeated name becomes an array. */
export function formInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    input[key] = all.length > 1 ? all : all[0];
  }
  return input;
}

function failure(formData: FormData, issues: readonly z.ZodIssue[], intent: string | null): FormFailure {
  return { ok: false, intent, ...issuesToErrors(issues), values: echoValues(formData) };
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormSuccess<z.infer<S>> | FormFailure {
  const result = schema.safeParse(formInput(formData));
  if (result.success) return { ok: true, data: result.data };
  const intent = formData.get("intent");
  return failure(formData, result.error.issues, typeof intent === "string" ? intent : null);
}

/** The schemas of a page's forms, one per `intent`: `z.discriminatedUnion("intent", [...])`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type IntentSchema = z.ZodDiscriminatedUnion<"intent", any>;

/**
 * A page with several forms posts `intent` to say which. One discriminated union on `intent`
 * parses them all, so each branch of the action gets its own typed data, without casts:
 *
 *   const parsed = parseIntent(z.discriminatedUnion("intent", [assign, unassign]), form);
 *   if (!parsed.ok) return invalidForm(parsed);
 *   switch (parsed.data.intent) { case "assign": parsed.data.userId … }
 *
 * The failure's `intent` is the posted one when the union knows it (the page shows the error beside
 * that form), else null (an unknown intent: a form-level "invalid").
 */
export function parseIntent<S extends IntentSchema>(schema: S, formData: FormData): FormSuccess<z.infer<S>> | FormFailure {
  const posted = formData.get("intent");
  const known = typeof posted === "string" && schema.optionsMap.has(posted) ? posted : null;
  if (known === null) return { ok: false, intent: null, fieldErrors: {}, formError: "invalid", values: echoValues(formData) };
  const result = schema.safeParse(formInput(formData));
  if (result.success) return { ok: true, data: result.data };
  return failure(formData, result.error.issues, known);
}
