// The report form, shared by the reporter's /report and a handler's intake at /cases/new
// ("in the same form"), and the receipt page both show. Works without JavaScript: the category is
// chosen in the same form, so every category's questions are rendered, each group labelled with the
// category it is for; with JavaScript the groups of the other categories are hidden. Client-safe.
import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useId, useState, type ChangeEvent, type ReactNode } from "react";
import { AttachmentsField, attachmentErrorText, type AttachmentFieldError } from "~/components/attachments-field";
import { ErrorSummary, FormMessage, type SummaryError } from "~/components/form";
import type { Messages } from "~/i18n/messages";
import { explain, explainer } from "~/modules/http/explain";
import { SelectField, TextAreaField, TextField } from "~/components/fields";
import { useLocale, useMessages } from "~/i18n/use-messages";
import { ANSWER_FIELDS, IDENTITY_MODES, INTAKE_CHANNELS, REPORT_CATEGORIES, type AnswerField } from "./report-options";
import { questionField, type FormQuestion } from "./questions";
import { localized, localizedText } from "~/i18n/localized";
import { HOTLINE_START, withLang } from "./anonymous";
import { followChoice } from "~/components/follow-choice";

export { ANSWER_FIELDS, type AnswerField };

/** What was typed, sent back on an error so nothing has to be typed again. */
export type ReportFormValues = {
  /** The intake's channel ("" on the reporter's own form). */
  channel: string;
  category: string;
  answers: Record<AnswerField, string>;
  /** Answers to the administrator's questions, by question id (every category's, as typed). */
  extra: Record<string, string>;
  identityMode: string;
  name: string;
  contact: string;
  excluded: string[];
  submissionKey: string;
};

export type IntakeResult = { caseId: string | null };

/** `unavailable`: the database could not store it (full disk, held lock); nothing was saved (ADR 0021). */
export type ReportFormError = "invalid" | "noTriagerRemains" | "unknownExclusion" | "busy" | "unavailable";

export type ReportFormActionData =
  /**
   * `intake` only for a handler's intake (the reporter's side never learns internal ids); its
   * `caseId` only when the handler may open the case.
   */
  | { state: "created"; receipt: string; reference: string; intake?: IntakeResult }
  | { state: "duplicate"; reference: string; intake?: IntakeResult }
  | {
      state: "error";
      formError: ReportFormError;
      /** A handler's intake given back after signing in again: nothing is wrong, nothing was sent. */
      restored?: boolean;
      fieldErrors: Record<string, string>;
      attachmentError?: AttachmentFieldError;
      limits: { maxFiles: number; maxFileMb: number };
      /** Files were sent: a browser cannot be given them back, so the form asks for them again. */
      hadFiles: boolean;
      values: ReportFormValues;
    };

/** An error key from the questions' catalogue or the common one. */
/** The form's error text: the questions' catalogue, then the common one. */
const formExplainer = (m: Messages) => explainer(m, m.questions.errors);
const errorText = (m: Messages, key: string | undefined) => formExplainer(m)(key);

/** Fields get fixed ids, so the error summary can link to them. */
export const fieldId = (name: string) => `field-${name}`;

/** The form kit's fields under the fixed ids the error summary links to. */
function TextArea({ name, rows = 3, ...field }: { label: string; name: string; hint?: string; error?: string; defaultValue: string; required?: boolean; rows?: number }) {
  const m = useMessages();
  return <TextAreaField id={fieldId(name)} name={name} rows={rows} explain={formExplainer(m)} {...field} />;
}

function TextInput({
  name,
  required,
  ...field
}: {
  label: string;
  name: string;
  error?: string;
  defaultValue: string;
  autoComplete: string;
  /** Required only in some cases: the marker says when; `required` says whether it is now. */
  requiredWhen?: string;
  required?: boolean;
}) {
  const m = useMessages();
  return <TextField id={fieldId(name)} name={name} type="text" aria-required={required ? true : undefined} explain={formExplainer(m)} {...field} />;
}

function Choices({ legend, error, children, onChange, id }: { legend: string; error?: string; children: ReactNode; onChange?: (event: ChangeEvent<HTMLFieldSetElement>) => void; id?: string }) {
  const m = useMessages();
  return (
    <fieldset id={id} className="report-choices" aria-invalid={error ? true : undefined} onChange={onChange}>
      <legend>{legend}</legend>
      {error ? <p className="field-error">{errorText(m, error)}</p> : null}
      {children}
    </fieldset>
  );
}

function Choice({ type, name, value, label, hint, defaultChecked }: { type: "radio" | "checkbox"; name: string; value: string; label: string; hint?: string; defaultChecked: boolean }) {
  const id = useId();
  return (
    <div className="report-choice">
      <input id={id} type={type} name={name} value={value} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

/** One of the administrator's questions: a text box, a list to choose from, or a date. */
function ExtraQuestion({ question, value, error }: { question: FormQuestion; value: string; error?: string }) {
  const m = useMessages();
  const locale = useLocale();
  const id = fieldId(questionField(question.id));
  const label = localized(question, "label", locale) + (question.required ? ` ${m.questions.form.required}` : "");
  const help = localized(question, "help", locale) ?? "";
  const hint = question.kind === "DATE" ? [help, m.questions.form.dateHint].filter(Boolean).join(" ") : help || undefined;
  const field = { id, label, name: questionField(question.id), hint, defaultValue: value, error, explain: formExplainer(m) };
  if (question.kind === "TEXT") return <TextAreaField rows={3} {...field} />;
  if (question.kind === "DATE") return <TextField type="date" {...field} />;
  const options = [{ value: "", label: m.questions.form.choose }, ...question.choices.map((c) => ({ value: c.value, label: localizedText(c, locale) }))];
  return <SelectField options={options} {...field} />;
}

/** Every error of a failed post, in the form's order, each linked to its field. */
function reportErrorSummary(
  m: Messages,
  failed: (ReportFormActionData & { state: "error" }) | undefined,
  questions: FormQuestion[],
  locale: ReturnType<typeof useLocale>,
  intake: boolean,
): SummaryError[] {
  if (!failed) return [];
  // The same labels as the fields above: the handler's intake names the reporter in the third person.
  const f = intake ? { ...m.hotline.form, ...m.questions.intake.voice } : m.hotline.form;
  const errors = failed.fieldErrors;
  const labels: [string, string][] = [
    ["channel", m.questions.intake.channelLegend],
    ["category", f.categoryLegend],
    ...ANSWER_FIELDS.map((a): [string, string] => [`answers.${a}`, f[a]]),
    ...questions.map((q): [string, string] => [questionField(q.id), localized(q, "label", locale)]),
    ["identityMode", f.identityLegend],
    ["identity.name", f.name],
    ["identity.contact", f.contact],
    ["excludedUserIds", f.excludeLegend],
  ];
  const out: SummaryError[] = labels
    .filter(([key]) => errors[key])
    .map(([key, label]) => ({ target: fieldId(key.replace(/^(answers|identity)\./, "")), label, message: errorText(m, errors[key]) }));
  if (failed.attachmentError) {
    out.push({ target: fieldId("attachments"), label: f.attachmentsLabel, message: attachmentErrorText(m, failed.attachmentError, failed.limits.maxFiles, failed.limits.maxFileMb) });
  }
  return out;
}

export function ReportFormBody({
  handlers,
  limits,
  questions,
  submissionKey,
  failed,
  intake = false,
}: {
  handlers: { id: string; name: string }[];
  limits: { maxFiles: number; maxFileMb: number };
  questions: FormQuestion[];
  submissionKey: string;
  failed?: ReportFormActionData & { state: "error" };
  /** A handler records the report: the channel it came through is asked first. */
  intake?: boolean;
}) {
  const navigation = useNavigation();
  const m = useMessages();
  // A handler's intake: the texts that address the reporter speak to the handler about them.
  const f = intake ? { ...m.hotline.form, ...m.questions.intake.voice } : m.hotline.form;
  const values = failed?.values;
  const errors = failed?.fieldErrors ?? {};
  const excluded = new Set(values?.excluded ?? []);
  const [identityMode, setIdentityMode] = useState(values?.identityMode ?? "ANONYMOUS");
  const [category, setCategory] = useState(values?.category ?? "");
  // Set once the page runs scripts: only then may the other categories' questions be hidden, since
  // without scripts they cannot come back when the category changes.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const groups = REPORT_CATEGORIES.map((c) => ({ category: c, questions: questions.filter((q) => q.category === c) })).filter((g) => g.questions.length > 0);
  const summary = reportErrorSummary(m, failed, questions, useLocale(), intake === true);

  return (
    <Form method="post" encType="multipart/form-data" className="form" noValidate>
      <ErrorSummary errors={summary} trigger={failed} />
      <input type="hidden" name="submissionKey" value={values?.submissionKey || submissionKey} />

      {intake ? (
        <Choices id={fieldId("channel")} legend={m.questions.intake.channelLegend} error={errors.channel}>
          {INTAKE_CHANNELS.map((c) => (
            <Choice key={c} type="radio" name="channel" value={c} label={m.cases.channel[c]} defaultChecked={values?.channel === c} />
          ))}
        </Choices>
      ) : null}

      <Choices
        id={fieldId("category")}
        legend={f.categoryLegend}
        error={errors.category}
        onChange={followChoice("category", setCategory)}
      >
        {REPORT_CATEGORIES.map((c) => (
          <Choice key={c} type="radio" name="category" value={c} label={f.categories[c].label} hint={f.categories[c].hint} defaultChecked={values?.category === c} />
        ))}
      </Choices>

      <fieldset className="report-choices">
        <legend>{f.questionsLegend}</legend>
        <TextArea label={f.whatHappened} name="whatHappened" hint={f.whatHappenedHint} required rows={8} error={errors["answers.whatHappened"]} defaultValue={values?.answers.whatHappened ?? ""} />
        <TextArea label={f.when} name="when" hint={f.whenHint} rows={2} error={errors["answers.when"]} defaultValue={values?.answers.when ?? ""} />
        <TextArea label={f.where} name="where" rows={2} error={errors["answers.where"]} defaultValue={values?.answers.where ?? ""} />
        <TextArea label={f.involved} name="involved" hint={f.involvedHint} error={errors["answers.involved"]} defaultValue={values?.answers.involved ?? ""} />
        <TextArea label={f.howKnown} name="howKnown" hint={f.howKnownHint} error={errors["answers.howKnown"]} defaultValue={values?.answers.howKnown ?? ""} />
        <TextArea label={f.othersAware} name="othersAware" rows={2} error={errors["answers.othersAware"]} defaultValue={values?.answers.othersAware ?? ""} />
      </fieldset>

      {groups.map((g) => (
        <fieldset key={g.category} className="report-choices" data-category={g.category} hidden={scripted && g.category !== category}>
          <legend>{m.questions.form.onlyFor(f.categories[g.category].label)}</legend>
          {g.questions.map((q) => (
            <ExtraQuestion key={q.id} question={q} value={values?.extra[q.id] ?? ""} error={errors[questionField(q.id)]} />
          ))}
        </fieldset>
      ))}

      <Choices
        id={fieldId("identityMode")}
        legend={f.identityLegend}
        error={errors.identityMode}
        onChange={followChoice("identityMode", setIdentityMode)}
      >
        {IDENTITY_MODES.map((mode) => (
          <Choice key={mode} type="radio" name="identityMode" value={mode} label={f.identity[mode].label} hint={f.identity[mode].hint} defaultChecked={identityMode === mode} />
        ))}
        <p className="hint">{f.identityFieldsHint}</p>
        {(["name", "contact"] as const).map((field) => (
          // Both required once the reporter gives their identity (confidential or open).
          <TextInput
            key={field}
            label={f[field]}
            name={field}
            autoComplete="off"
            requiredWhen={m.forms.conditions.identityGiven}
            required={identityMode !== "ANONYMOUS"}
            error={errors[`identity.${field}`]}
            defaultValue={values?.[field] ?? ""}
          />
        ))}
      </Choices>

      <Choices id={fieldId("excludedUserIds")} legend={f.excludeLegend} error={errors.excludedUserIds}>
        <p className="hint">{f.excludeHint}</p>
        {handlers.length === 0 ? <p className="muted">{f.noHandlers}</p> : null}
        {handlers.map((h) => (
          <Choice key={h.id} type="checkbox" name="exclude" value={h.id} label={h.name} defaultChecked={excluded.has(h.id)} />
        ))}
      </Choices>

      <AttachmentsField id={fieldId("attachments")} error={failed?.attachmentError} hadFiles={failed?.hadFiles ?? false} maxFiles={limits.maxFiles} maxFileMb={limits.maxFileMb} />

      {errors.submissionKey ? <FormMessage kind="error">{explain(m, errors.submissionKey)}</FormMessage> : null}
      <button type="submit" disabled={navigation.state === "submitting"}>
        {f.submit}
      </button>
    </Form>
  );
}

/**
 * The receipt, shown once. For a handler's intake it says to read it back to the reporter and links
 * to the new case.
 */
export function ReceiptPage({ receipt, reference, intake: result }: { receipt: string; reference: string; intake?: IntakeResult }) {
  const m = useMessages();
  const r = m.hotline.receipt;
  const intake = m.questions.intake;
  const { search } = useLocation();
  return (
    <div className="report-page stack">
      <h1>{result ? intake.receiptTitle : r.title}</h1>
      <section className="card stack" aria-labelledby="receipt-heading">
        <h2 id="receipt-heading">{r.receiptHeading}</h2>
        <p className="warning">{result ? intake.readBack : r.receiptIntro}</p>
        <p className="receipt-code" data-testid="receipt">
          {receipt}
        </p>
        <dl className="facts">
          <dt>{r.referenceLabel}</dt>
          <dd className="receipt-reference" data-testid="reference">
            {reference}
          </dd>
        </dl>
        <p className="muted">{r.referenceHint}</p>
      </section>
      {result ? (
        <>
          <p>
            {intake.reporterFollowUp(m.hotline.headerLink, m.hotline.start.followUp)} <Link to={HOTLINE_START}>{m.hotline.start.title}</Link>
          </p>
          <IntakeLinks caseId={result.caseId} />
        </>
      ) : (
        <>
          <p>{r.keepSafe}</p>
          <p>
            {r.followUp} <Link to={withLang("/report/follow-up", search)}>{r.followUpLink}</Link>
          </p>
        </>
      )}
    </div>
  );
}

function IntakeLinks({ caseId }: { caseId: string | null }) {
  const m = useMessages();
  return (
    <p className="toolbar">
      {caseId ? <Link to={`/cases/${caseId}`}>{m.questions.intake.openCase}</Link> : <span>{m.questions.intake.leadsAssign}</span>}
      <Link to="/cases/new">{m.questions.intake.another}</Link>
    </p>
  );
}

/** The same form was posted twice: one report, whose receipt cannot be shown again. */
export function DuplicatePage({ reference, intake }: { reference: string; intake?: IntakeResult }) {
  const m = useMessages();
  const { search } = useLocation();
  return (
    <div className="report-page stack">
      <h1>{m.hotline.receipt.duplicateTitle}</h1>
      <FormMessage kind="info">{m.hotline.receipt.duplicateBody(reference)}</FormMessage>
      {intake ? (
        <IntakeLinks caseId={intake.caseId} />
      ) : (
        <p>
          {m.hotline.receipt.followUp} <Link to={withLang("/report/follow-up", search)}>{m.hotline.receipt.followUpLink}</Link>
        </p>
      )}
    </div>
  );
}
