// Client-safe validation shared by the sign-in and password forms: constants exported from *.server
// modules are undefined in the browser bundle (and a route's module-level schema runs there too), so
// the schemas and the limits the pages show live here.
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

/** What the sign-in form posts, on /login and on the "signed out" page that signs in again. */
export const SignInForm = z.object({
  email: z.string({ required_error: "required" }).trim().min(1, "required").max(254, "tooLong").email("email"),
  password: z.string({ required_error: "required" }).min(1, "required").max(1024, "tooLong"),
});

/** A typed authenticator code as every form posts it (spaces allowed: the check strips them). */
export const totpCodeField = z.string({ required_error: "required" }).trim().min(1, "required").max(20, "tooLong");

/** How many recovery codes an account gets; the account page says "running low" below a fifth. */
export const RECOVERY_CODE_COUNT = 10;
