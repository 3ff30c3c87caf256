// Turning directory errors into responses, the same way on every directory page: a field error or
// a form error, together with what the person typed, so the page re-renders with their input.
import { json } from "@remix-run/node";
import { echoValues, type FieldErrors } from "../http/forms";
import { DirectoryError, NotFoundError } from "./errors";
import { confirmActorPassword, REAUTH_FIELD } from "../auth/reauth.server";
import type { AuthState } from "../auth/session.server";

export type FormErrorData = {
  fieldErrors: FieldErrors;
  formError: string | null;
  values: Record<string, string>;
  /** Ticked role checkboxes (a repeated field, which `values` cannot hold). */
  roles: string[];
  intent: string | null;
};

export function formFailure(formData: FormData, fieldErrors: FieldErrors, formError: string | null = null) {
  return json<FormErrorData>(
    {
      fieldErrors,
      formError,
      values: echoValues(formData),
      roles: formData.getAll("roles").filter((r): r is string => typeof r === "string"),
      intent: typeof formData.get("intent") === "string" ? (formData.get("intent") as string) : null,
    },
    { status: 400 },
  );
}

/**
 * Checks the acting person's re-entered password (REAUTH_FIELD) before a dangerous action. Null when
 * it is right; otherwise the 400 to return, with the message beside the password field and everything
 * else that was typed kept.
 */
export async function reauthFailure(auth: Pick<AuthState, "user">, formData: FormData) {
  const result = await confirmActorPassword(auth, formData.get(REAUTH_FIELD));
  return result.ok ? null : formFailure(formData, { [REAUTH_FIELD]: result.code });
}

/** A DirectoryError becomes a 400 with its message key; a missing record a 404; anything else is rethrown. */
export function directoryFailure(error: unknown, formData: FormData) {
  if (error instanceof DirectoryError) {
    return error.field ? formFailure(formData, { [error.field]: error.code }) : formFailure(formData, {}, error.code);
  }
  if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
  throw error;
}
