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
