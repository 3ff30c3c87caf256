// Error keys → the message the page shows. Actions answer with keys (field errors, a form error,
// a DomainError's code); the page looks each up in its catalogue, falling back to the common one
// (i18n/en/errors.ts) and, for a key neither knows, to the generic "invalid" message. Client-safe.
import type { Messages } from "../../i18n/messages";

/** A page's catalogue of error messages: key → text (a parameterised message is a function). */
export type ErrorCatalogue = { readonly [key: string]: unknown };

/** The values a refusal's message is built with (minutes to wait, a limit): DomainError's `detail`. */
export type RefusalDetail = Readonly<Record<string, string | number>>;

function lookUp(m: Messages, key: string | null | undefined, detail: RefusalDetail | undefined, catalogues: readonly ErrorCatalogue[]): string {
  if (!key) return "";
  for (const catalogue of [...catalogues, m.errors as ErrorCatalogue]) {
    const text = Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : undefined;
    if (typeof text === "string") return text;
    if (typeof text === "function" && detail) return String((text as (detail: RefusalDetail) => unknown)(detail));
  }
  return m.errors.invalid;
}

/**
 * The message for `key` in the first catalogue that has it as text; then `m.errors`; then the
 * generic message. "" for no key. Pass the catalogues most specific first.
 */
export function explain(m: Messages, key: string | null | undefined, ...catalogues: readonly ErrorCatalogue[]): string {
  return lookUp(m, key, undefined, catalogues);
}

/**
 * A failed form's form-level message. A refusal that carries values (the minutes to wait) has a
 * message that is a function of them in its catalogue: `throttled: ({ minutes }) => …`.
 */
export function explainFailure(m: Messages, failure: { formError: string | null; detail?: RefusalDetail }, ...catalogues: readonly ErrorCatalogue[]): string {
  return lookUp(m, failure.formError, failure.detail, catalogues);
}

/** An explainer bound to a page's catalogues, for components that take one (fields, summaries). */
export type Explainer = (key: string | null | undefined) => string;

export function explainer(m: Messages, ...catalogues: readonly ErrorCatalogue[]): Explainer {
  return (key) => explain(m, key, ...catalogues);
}
