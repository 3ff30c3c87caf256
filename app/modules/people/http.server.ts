// The directory pages' form answers: the shared ones (http/respond.server.ts) plus the ticked role
// boxes, a repeated field that `values` cannot hold, so the person form re-renders as it was.
import { actionError, formFailure as sharedFormFailure, type ActionFailure } from "../http/respond.server";
import type { FieldErrors } from "../http/forms";
import { confirmActorPassword, REAUTH_FIELD } from "../auth/reauth.server";
import type { AuthState } from "../auth/session.server";

export type FormErrorData = ActionFailure & {
  /** Ticked role checkboxes. */
  roles: string[];
};

const ticked = (formData: FormData) => ({ roles: formData.getAll("roles").filter((r): r is string => typeof r === "string") });

export function formFailure(formData: FormData, fieldErrors: FieldErrors, formError: string | null = null) {
  return sharedFormFailure(formData, { fieldErrors, formError, extra: ticked(formData) });
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

/** A refusal (or a storage fault) thrown by a directory module, answered the shared way with the ticked roles kept. */
export function directoryFailure(error: unknown, formData: FormData) {
  return actionError({ error, form: formData, extra: ticked(formData) });
}
