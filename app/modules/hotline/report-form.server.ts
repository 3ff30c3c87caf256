// The report form's server side, shared by the reporter's /report and a handler's intake at
// /cases/new ("in the same form"): what the form needs to be shown, and the post — read the
// fields and files, check the administrator's questions for the chosen category, submit, and answer
// with the receipt or with every typed value and the errors.
import { json } from "@remix-run/node";
import { randomToken } from "../crypto/crypto.server";
import { db, storageUnavailable } from "../db/db.server";
import { visibleCasesWhere, type CaseViewer } from "../cases/access.server";
import type { AppLocale } from "../../i18n/locales";
import { listExcludableHandlers } from "./handlers.server";
import { prepareUploads, readUploadForm, uploadedFiles, uploadLimits, type UploadError } from "./uploads.server";
import { activeQuestions, checkAnswers, typedAnswers } from "./questions.server";
import {
  NoTriagerRemainsError,
  ReportValidationError,
  reportFieldErrors,
  turnedAwayByCeiling,
  submitReport,
  UnknownExclusionError,
  type IdentityMode,
  type ReportCategory,
  type SubmitReportInput,
} from "./reports.server";
import { INTAKE_CHANNELS, type IntakeChannel } from "./report-options";
import { HotlineBusyError } from "./intake-limits.server";
import { formatReceipt, formatReference } from "./receipt";
import { ANSWER_FIELDS, type AnswerField, type ReportFormActionData, type ReportFormError, type ReportFormValues } from "./report-form";
import { typedField } from "../http/forms";
import { isRestore } from "../http/signed-out.server";
import { logRequestError } from "../http/log.server";

/** What the form needs: handlers one may exclude, file limits, the questions, a fresh submission key. */
export async function reportFormData(locale: AppLocale) {
  const [handlers, limits, questions] = await Promise.all([listExcludableHandlers(locale), uploadLimits(), activeQuestions()]);
  // A fresh key each time the form is shown: the same key posted twice is one submission.
  return { handlers, limits, questions, submissionKey: randomToken(18) };
}


async function canSee(viewer: CaseViewer, reportId: string): Promise<boolean> {
  const visible = visibleCasesWhere(viewer);
  return visible !== null && (await db.report.count({ where: { AND: [{ id: reportId }, visible] } })) > 0;
}

/**
 * Handles a post of the report form. `intakeBy` is the handler recording a report on someone's
 * behalf: the form then also has a required channel, and the result links to the new case when the
 * handler may see it (an investigator sees only cases assigned to them; a lead assigns this one).
 */
export async function handleReportPost(request: Request, { locale, intakeBy }: { locale: AppLocale; intakeBy?: CaseViewer }) {
  const limits = await uploadLimits();
  const { form, tooBig } = await readUploadForm(request, limits);
  const files = uploadedFiles(form);
  const questions = await activeQuestions();
  const values: ReportFormValues = {
    channel: intakeBy ? typedField(form, "channel") : "",
    category: typedField(form, "category"),
    answers: Object.fromEntries(ANSWER_FIELDS.map((f) => [f, typedField(form, f)])) as Record<AnswerField, string>,
    extra: typedAnswers(form, questions),
    identityMode: typedField(form, "identityMode") || "ANONYMOUS",
    name: typedField(form, "name"),
    contact: typedField(form, "contact"),
    excluded: form.getAll("exclude").filter((v): v is string => typeof v === "string"),
    submissionKey: typedField(form, "submissionKey"),
  };
  const fail = (formError: ReportFormError, fieldErrors: Record<string, string> = {}, attachmentError?: UploadError) =>
    json<ReportFormActionData>(
      { state: "error", formError, fieldErrors, attachmentError, hadFiles: tooBig || files.length > 0, values, limits },
      formError === "busy"
        ? { status: 429, headers: { "Retry-After": "600" } }
        : formError === "unavailable"
          ? { status: 503, headers: { "Retry-After": "120" } }
          : { status: 400 },
    );

  // A handler's intake typed while the staff session ended comes back here after signing in again
  // (/signed-out): the text goes back into the form, unsent (ADR 0018). The reporter's own form has
  // no session to lose.
  if (intakeBy && isRestore(form)) {
    return json<ReportFormActionData>({ state: "error", formError: "invalid", restored: true, fieldErrors: {}, hadFiles: false, values, limits });
  }

  // Only the handlers the form offered may be excluded (submitReport would also accept other case
  // readers, such as auditors, who are not on the list).
  const listed = new Set((await listExcludableHandlers(locale)).map((h) => h.id));
  if (values.excluded.some((id) => !listed.has(id))) return fail("unknownExclusion");

  const channel = values.channel as IntakeChannel;
  const channelError: Record<string, string> = intakeBy && !INTAKE_CHANNELS.includes(channel) ? { channel: "choice" } : {};
  const extra = checkAnswers({ category: values.category, answers: values.extra, questions });
  const input: SubmitReportInput = {
    category: values.category as ReportCategory,
    answers: { ...values.answers, extra: extra.ok ? extra.extra : undefined },
    identityMode: values.identityMode as IdentityMode,
    identity: { name: values.name, contact: values.contact },
    excludedUserIds: values.excluded,
    submissionKey: values.submissionKey,
  };
  // Every problem at once — the report's own fields (the identity too), the channel, the questions
  // and the files — so the person corrects everything in one go.
  const fieldErrors = { ...reportFieldErrors(input), ...channelError, ...(extra.ok ? {} : extra.fieldErrors) };

  // Before the files are cleaned (the costly part): a flood is turned away with the text kept.
  if (Object.keys(fieldErrors).length === 0 && !intakeBy && (await turnedAwayByCeiling(values.submissionKey))) return fail("busy");
  const uploads = await prepareUploads({ files, limits, tooBig });
  if (!uploads.ok || Object.keys(fieldErrors).length > 0) return fail("invalid", fieldErrors, uploads.ok ? undefined : uploads.error);

  try {
    const result = await submitReport({
      input,
      attachments: uploads.attachments,
      ...(intakeBy ? { channel, intakeByUserId: intakeBy.id } : {}),
    });
    const intake = intakeBy ? { caseId: (await canSee(intakeBy, result.reportId)) ? result.reportId : null } : undefined;
    if (result.kind === "duplicate") return json<ReportFormActionData>({ state: "duplicate", reference: formatReference(result.reference), intake });
    // "repeated": the same form again within minutes — the same receipt page as the first answer.
    return json<ReportFormActionData>({
      state: "created",
      receipt: formatReceipt(result.receipt),
      reference: formatReference(result.receipt.reference),
      intake,
    });
  } catch (error) {
    if (error instanceof ReportValidationError) return fail("invalid", error.fieldErrors);
    if (error instanceof NoTriagerRemainsError) return fail("noTriagerRemains");
    if (error instanceof UnknownExclusionError) return fail("unknownExclusion");
    if (error instanceof HotlineBusyError) return fail("busy");
    // The database could not store it (full disk, write lock held too long): the transaction rolled
    // back, so the same form — its text and its submission key — can simply be sent again.
    if (storageUnavailable(error)) {
      logRequestError("report.unavailable", error);
      return fail("unavailable");
    }
    throw error;
  }
}
