// The route boundary: how a refusal becomes the answer. Loaders throw a Response (Remix shows the
// error boundary); actions return the form's errors with what was typed, so the page re-renders
// with the message beside the field or above the form (ADR 0026). A refusal whose status is 404
// answers exactly like a record that does not exist — the same body, the same status — so a case
// one may not see cannot be told from one that is not there (ADR 0011).
import { json } from "@remix-run/node";
import { isDomainError, type DomainError } from "./domain-error";
import { echoValues, type FieldErrors, type FormFailure } from "./forms";
import type { RefusalDetail } from "./explain";
import { logRequestError } from "./log.server";
import { storageUnavailable } from "../db/unavailable.server";

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** A request no form of ours would send (an unknown intent, a malformed id): 400, nothing kept. */
export function badRequest(): Response {
  return new Response("Bad request", { status: 400 });
}

/** What a failed action answers with: the same shape on every page (see forms.ts). */
export type ActionFailure = Omit<FormFailure, "ok"> & {
  /** A refusal's values for its message (DomainError's `detail`: the minutes to wait…). */
  detail?: RefusalDetail;
};

export type FormFailureAnswer = {
  fieldErrors?: FieldErrors;
  formError?: string | null;
  /** The form the errors belong to; the posted `intent` unless told. */
  intent?: string | null;
  /** The values a refusal's message is built with (see explainFailure). */
  detail?: RefusalDetail;
  /** The status (400 unless told), or the whole response init. */
  init?: number | ResponseInit;
  /** More the page needs to re-render the form (say, the ticked boxes of a repeated field). */
  extra?: Record<string, unknown>;
};

/** A failed form's answer: its errors and what was typed (secrets left out), 400 unless told. */
export function formFailure(form: FormData | Pick<FormFailure, "values">, answer: FormFailureAnswer) {
  const { fieldErrors = {}, formError = null, detail, init = 400, extra = {} } = answer;
  const values = form instanceof FormData ? echoValues(form) : form.values;
  const posted = form instanceof FormData ? form.get("intent") : null;
  const intent = answer.intent !== undefined ? answer.intent : typeof posted === "string" ? posted : null;
  return json<ActionFailure>({ ...extra, intent, fieldErrors, formError, values, ...(detail ? { detail } : {}) }, typeof init === "number" ? { status: init } : init);
}

/** A parse failure (parseForm / parseIntent) as the action's answer. */
export function invalidForm(failed: FormFailure, status = 400) {
  return formFailure(failed, { fieldErrors: failed.fieldErrors, formError: failed.formError, intent: failed.intent, init: status });
}

/** The field errors and form error a refusal stands for, with the values its message needs. */
export function refusalErrors(error: DomainError): { fieldErrors: FieldErrors; formError: string | null; detail?: RefusalDetail } {
  const detail = error.detail ? { detail: error.detail } : {};
  // Several fields at once: those, and the code as the form's message ("correct the fields below").
  if (error.fieldErrors) return { fieldErrors: error.fieldErrors, formError: error.code, ...detail };
  return error.field ? { fieldErrors: { [error.field]: error.code }, formError: null, ...detail } : { fieldErrors: {}, formError: error.code, ...detail };
}

/**
 * An error thrown inside an action, as the action's answer:
 * - a DomainError with 404 or 403: thrown as the plain Response (the error boundary; a 404 is the
 *   same as for a missing record);
 * - any other DomainError: the form's errors with its status and everything typed kept;
 * - storage unavailable (a full disk, a held write lock; nothing was kept): 503 with the text
 *   kept and a form error saying to send it again shortly;
 * - anything else is rethrown (a 500).
 */
export type ActionErrorOptions = { intent?: string | null; extra?: Record<string, unknown> };

export function actionError({ error, form, intent, extra }: { error: unknown; form: FormData } & ActionErrorOptions) {
  if (isDomainError(error)) {
    if (error.status === 404) throw notFound();
    if (error.status === 403) throw forbidden();
    return formFailure(form, { ...refusalErrors(error), intent, init: error.status, extra });
  }
  if (storageUnavailable(error)) {
    logRequestError("form.unavailable", error);
    return formFailure(form, { formError: "storageUnavailable", intent, init: { status: 503, headers: { "Retry-After": "120" } }, extra });
  }
  throw error;
}

/** An error thrown inside a loader (or an action with no form to answer): a refusal becomes a thrown Response with its status; anything else is rethrown. */
export function throwRefusal(error: unknown): never {
  if (isDomainError(error)) {
    if (error.status === 404) throw notFound();
    if (error.status === 403) throw forbidden();
    throw new Response(error.code, { status: error.status });
  }
  throw error;
}

/** Runs an action's work; a refusal or a storage fault becomes the form's answer (see actionError). */
export async function answerForm<T>(form: FormData, work: () => Promise<T>, options: ActionErrorOptions = {}) {
  try {
    return await work();
  } catch (error) {
    return actionError({ error, form, ...options });
  }
}
