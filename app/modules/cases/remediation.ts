// Remediation actions (issue 3, point 11): the forms' schemas and the overdue rule shared by the case
// tab, the cross-case list and its CSV export. Client-safe (no server imports), so the pages can use
// the same limits in their inputs. Issue messages are error keys: generic ones from
// i18n/en/errors.ts, remediation-specific ones from i18n/en/remediation.ts (`errors`).
import { z } from "zod";
import { isIsoDate } from "../time/dates";
import { parseQuarter } from "../time/quarters";
import { startOfToday } from "../time/zone";

export const REMEDIATION_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type RemediationStatusValue = (typeof REMEDIATION_STATUSES)[number];
/** Statuses that can still fall overdue. */
export const ACTIVE_STATUSES: readonly RemediationStatusValue[] = ["OPEN", "IN_PROGRESS"];

export const TITLE_MAX = 200;
export const NOTE_MAX = 5_000;
export const OWNER_SEARCH_MAX = 100;
/** The newest notes shown under each action on the case tab; the count says how many there are in all. */
export const NOTES_SHOWN = 20;
/** A bound on one CSV export, so a request cannot keep the database busy for ever. */
export const EXPORT_MAX_ROWS = 50_000;

/** Remediation-specific error keys (messages in i18n/<lang>/remediation.ts under `errors`). */
export type RemediationErrorKey = "ownerNotFound" | "ownerInactive" | "ownerRequired" | "pastDue" | "quarter" | "dateRange" | "actionNotFound";

const requiredText = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "required" })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "required").max(max, "tooLong"));

const isoDate = z
  .string({ required_error: "required", invalid_type_error: "required" })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "required").refine(isIsoDate, "date"));

const status = z.enum(REMEDIATION_STATUSES, { errorMap: () => ({ message: "choice" }) });
const actionId = z.string({ required_error: "invalid", invalid_type_error: "invalid" }).min(1, "invalid").max(64, "invalid");

/** What was typed in the owner search box (kept to show the matches again). */
const ownerQuery = z.string({ invalid_type_error: "invalid" }).max(OWNER_SEARCH_MAX, "tooLong").default("").transform((s) => s.trim());

export const addActionSchema = z.object({
  intent: z.literal("add"),
  title: requiredText(TITLE_MAX),
  // The owner is chosen from the directory search's matches (a person id), never typed.
  ownerPersonId: z.string({ required_error: "ownerRequired", invalid_type_error: "ownerRequired" }).min(1, "ownerRequired").max(64, "ownerNotFound"),
  ownerQuery,
  dueDate: isoDate,
  // A due date in the past is refused unless this is ticked (the form offers it with the warning).
  confirmPastDue: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

/** The search-then-choose step of the add form: find the owner by name or employee number. */
export const findOwnerSchema = z.object({
  intent: z.literal("findOwner"),
  ownerQuery: ownerQuery.pipe(z.string().min(1, "required")),
});

export const statusChangeSchema = z.object({ intent: z.literal("status"), actionId, status });

export const noteSchema = z.object({
  intent: z.literal("note"),
  actionId,
  // Kept exactly as typed (it is sealed, not displayed in a list); only blank notes are refused.
  body: z
    .string({ required_error: "required", invalid_type_error: "required" })
    .max(NOTE_MAX, "tooLong")
    .refine((s) => s.trim().length > 0, "required"),
});

export function isOverdue(action: { status: string; dueDate: Date | string }, now: Date, timeZone: string): boolean {
  return isOverdueOn(action, startOfToday(now, timeZone));
}

/** isOverdue with the start of today computed once, for a list of rows. */
export function isOverdueOn(action: { status: string; dueDate: Date | string }, today: Date): boolean {
  const due = typeof action.dueDate === "string" ? new Date(action.dueDate) : action.dueDate;
  return (ACTIVE_STATUSES as readonly string[]).includes(action.status) && due < today;
}

export const REMEDIATION_SORTS = ["due", "status"] as const;
export type RemediationSort = (typeof REMEDIATION_SORTS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(z.string().max(max, "tooLong"))
    .transform((s) => s || undefined);

const optionalDate = optionalText(20).refine((v) => v === undefined || isIsoDate(v), "date");

/** The cross-case list's filters, as they arrive in the query string. */
export const listFilterSchema = z
  .object({
    status: optionalText(20).pipe(status.optional()),
    overdue: z
      .string()
      .optional()
      .transform((v) => v === "1" || v === "on" || v === "true"),
    owner: optionalText(OWNER_SEARCH_MAX),
    dueFrom: optionalDate,
    dueTo: optionalDate,
    quarter: optionalText(10).refine((v) => v === undefined || parseQuarter(v) !== null, "quarter"),
    sort: z
      .string()
      .optional()
      .transform((v): RemediationSort => (v === "status" ? "status" : "due")),
  })
  .refine((f) => !f.dueFrom || !f.dueTo || f.dueFrom <= f.dueTo, { message: "dateRange", path: ["dueTo"] });
export type RemediationListFilter = z.infer<typeof listFilterSchema>;

export const LIST_FILTER_FIELDS = ["status", "overdue", "owner", "dueFrom", "dueTo", "quarter", "sort"] as const;
