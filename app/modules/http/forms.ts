// Form handling shared by every route: parse FormData with a Zod schema; on failure return the
// field errors (as message keys, see i18n/en/errors.ts) together with what the person typed, so
// the page re-renders with their input intact. Works the same with and without JavaScript.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };
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

/** A text field of a form as typed ("" when absent or a file). */
export function typedField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? asTyped(value) : "";
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormSuccess<z.infer<S>> | FormFailure {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    input[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_form";
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors, values: echoValues(formData) };
}
