// The grant form's rules, client-safe: the access tab builds its intent union from these schemas
// at module level and shows the limits in its fields, in the browser as on the server.
import { z } from "zod";
import { isIsoDate } from "../time/dates";

/** The longest a grant may run: the lead chooses a date at most this many days from today. */
export const GRANT_MAX_DAYS = 90;
export const GRANT_REASON_MAX = 500;
const requiredText = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "required" })
    .transform((s) => s.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().min(1, "required").max(max, "tooLong"));

export const grantSchema = z.object({
  intent: z.literal("grant"),
  auditorId: z.string({ required_error: "choice", invalid_type_error: "choice" }).min(1, "choice").max(64, "choice"),
  until: z
    .string({ required_error: "required", invalid_type_error: "required" })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "required").refine(isIsoDate, "date")),
  reason: requiredText(GRANT_REASON_MAX),
});

export const revokeSchema = z.object({
  intent: z.literal("revoke"),
  grantId: z.string({ required_error: "invalid", invalid_type_error: "invalid" }).min(1, "invalid").max(64, "invalid"),
});
