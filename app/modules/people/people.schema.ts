// Form schemas for the directory pages (people, departments, accounts). Client-safe: no server
// imports. Issue messages are error keys: generic ones from i18n/en/errors.ts, directory-specific
// ones from i18n/en/people.ts (`errors`), looked up by `directoryError` in ./ui.
import { z } from "zod";
import { ROLE_KEYS } from "../auth/permissions";
import { isIsoDate } from "../time/dates";

export const NAME_MAX = 100;
export const NUMBER_MAX = 32;
export const EMAIL_MAX = 254;
/** Employee numbers and department codes are identifiers people type and files carry. */
export const EMPLOYEE_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const DEPARTMENT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]*$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PERSON_KINDS = ["EMPLOYEE", "SUPPLIER_CONTACT"] as const;
export const PERSON_STATUSES = ["ACTIVE", "INACTIVE"] as const;
export type PersonKindValue = (typeof PERSON_KINDS)[number];
export type PersonStatusValue = (typeof PERSON_STATUSES)[number];

/** Lower-cased "number nameZh nameEn email": the one column the list search reads. */
export function buildSearchText(p: { employeeNumber: string; nameZh: string; nameEn: string; email: string | null }): string {
  return [p.employeeNumber, p.nameZh, p.nameEn, p.email ?? ""].join(" ").toLowerCase();
}

const text = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "required" })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "required").max(max, "tooLong"));

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .pipe(z.string().max(max, "tooLong"))
    .transform((s) => (s === "" ? null : s));

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: "choice" }) });

export const employeeNumberField = text(NUMBER_MAX).pipe(z.string().regex(EMPLOYEE_NUMBER_PATTERN, "numberFormat"));

const emailField = optionalText(EMAIL_MAX).pipe(
  z
    .string()
    .regex(EMAIL_PATTERN, "email")
    .transform((s) => s.toLowerCase())
    .nullable(),
);

export const personFormSchema = z.object({
  employeeNumber: employeeNumberField,
  nameZh: text(NAME_MAX),
  nameEn: text(NAME_MAX),
  email: emailField,
  departmentId: optionalText(64),
  managerNumber: optionalText(NUMBER_MAX),
  kind: choice(PERSON_KINDS),
  locale: choice(["zh-CN", "en"] as const),
  status: choice(PERSON_STATUSES),
  hireDate: optionalText(20).pipe(z.string().refine(isIsoDate, "date").nullable()),
  jobTitle: optionalText(NAME_MAX),
  isManager: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type PersonInput = z.infer<typeof personFormSchema>;

export const departmentFormSchema = z.object({
  code: text(NUMBER_MAX)
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(DEPARTMENT_CODE_PATTERN, "codeFormat")),
  nameZh: text(NAME_MAX),
  nameEn: text(NAME_MAX),
  parentId: optionalText(64),
});
export type DepartmentInput = z.infer<typeof departmentFormSchema>;

// Checkboxes: absent when none is ticked, a string for one, an array for several.
const rolesField = z
  .preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ROLE_KEYS, { errorMap: () => ({ message: "choice" }) })).min(1, "rolesRequired"),
  )
  .transform((roles) => [...new Set(roles)]);

export const accountFormSchema = z.object({
  email: text(EMAIL_MAX).pipe(z.string().regex(EMAIL_PATTERN, "email")).transform((s) => s.toLowerCase()),
  roles: rolesField,
});
export type AccountInput = z.infer<typeof accountFormSchema>;

export const rolesFormSchema = z.object({ roles: rolesField });

/** Directory-specific error keys (messages in i18n/<lang>/people.ts under `errors`). */
export const DIRECTORY_ERROR_KEYS = [
  "numberFormat",
  "codeFormat",
  "numberTaken",
  "emailTaken",
  "codeTaken",
  "departmentNotFound",
  "departmentInactive",
  "departmentCycle",
  "departmentHasPeople",
  "departmentHasChildren",
  "parentInactive",
  "managerNotFound",
  "managerSelf",
  "managerLoop",
  "rolesRequired",
  "accountExists",
  "accountEmailTaken",
  "personInactive",
  "selfAdminRemoval",
  "lastAdmin",
  "selfDisable",
  "conflict",
  "reauthWrong",
  "reauthThrottled",
  "grantOwnRequest",
  "grantToSelf",
  "grantNotLead",
  "grantDecided",
  "grantUserInactive",
  "selfTwoFactorReset",
] as const;
export type DirectoryErrorKey = (typeof DIRECTORY_ERROR_KEYS)[number];
