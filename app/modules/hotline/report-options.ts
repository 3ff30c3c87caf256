// The report's fixed choices (category, channel, identity), client-safe so that forms can list them in
// the browser too (a .server module is an empty object there). reports.server.ts re-exports them.
export const REPORT_CATEGORIES = [
  "GIFTS",
  "MISAPPROPRIATION",
  "FICTITIOUS_TRANSACTIONS",
  "OUTSIDE_COMPETITION",
  "CONFIDENTIAL_INFORMATION",
  "OTHER",
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const REPORT_CHANNELS = ["WEB", "PHONE", "EMAIL", "LETTER", "WALK_IN"] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];
/** The channels of a handler's intake: everything but the web form. */
export const INTAKE_CHANNELS = ["PHONE", "EMAIL", "LETTER", "WALK_IN"] as const satisfies readonly ReportChannel[];
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** The six fixed questions of every report, in the order the form asks them. */
export const ANSWER_FIELDS = ["whatHappened", "when", "where", "involved", "howKnown", "othersAware"] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];
export const IDENTITY_MODES = ["ANONYMOUS", "CONFIDENTIAL", "NAMED"] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];
