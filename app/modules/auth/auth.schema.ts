// Client-safe validation shared by the password forms: constants exported from *.server modules are
// undefined in the browser bundle, so the limits the inputs show live here.
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A new password and its confirmation. Issue messages are error keys (i18n/en/errors.ts). */
export const NewPasswordFields = z
  .object({
    newPassword: z.string({ required_error: "required" }).min(1, "required").min(PASSWORD_MIN, "tooShort").max(PASSWORD_MAX, "tooLong"),
    confirmPassword: z.string({ required_error: "required" }).min(1, "required"),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: "passwordMismatch" });

/**
 * Two new passwords that differ are said above the form, with the confirmation box marked, like a
 * refusal; every other field error stays beside its field.
 */
export function mismatchAboveForm<F extends { fieldErrors: Record<string, string>; formError: string | null }>(failed: F): F {
  if (failed.fieldErrors.confirmPassword !== "passwordMismatch") return failed;
  return { ...failed, fieldErrors: { ...failed.fieldErrors, confirmPassword: "invalid" }, formError: "passwordMismatch" };
}
