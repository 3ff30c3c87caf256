// The directory pages' form answers: the shared ones (http/respond.server.ts) plus the ticked role
// boxes, a repeated field that `values` cannot hold, so the person form re-renders as it was.
import { actionError, formFailure, type ActionFailure } from "../http/respond.server";
import { confirmActorPassword, REAUTH_FIELD } from "../auth/reauth.server";
import type { AuthState } from "../auth/session.server";

export type FormErrorData = ActionFailure & {
  /** Ticked role checkboxes. */
  roles: string[];
};

/** The ticked role boxes, for formFailure's `extra`: a failed person form shows them ticked again. */
export const tickedRoles = (formData: FormData) => ({ roles: formData.getAll("roles").filter((r): r is string => typeof r === "string") });

/**
 * Checks the acting person's re-entered password (REAUTH_FIELD) before a dangerous action. Null when
 * it is right; otherwise the 400 to return, with the message beside the password field and everything
 * else that was typed kept.
 */
export async function reauthFailure(auth: Pick<AuthState, "user">, formData: FormData) {
  const result = await confirmActorPassword(auth, formData.get(REAUTH_FIELD));
  return result.ok ? null : formFailure(formData, { fieldErrors: { [REAUTH_FIELD]: result.code }, extra: tickedRoles(formData) });
}

/** A refusal (or a storage fault) thrown by a directory module, answered the shared way with the ticked roles kept. */
export function directoryFailure(error: unknown, formData: FormData) {
  return actionError({ error, form: formData, extra: tickedRoles(formData) });
}
