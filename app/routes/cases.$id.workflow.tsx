// The case's workflow tab: where the case stands (a stepper of the five stages),
// the severity scale with its definitions, the sealed plan, findings and lessons (an audited read),
// and only the forms the viewer may use at this stage. Plain forms: they work without JavaScript;
// an error comes back with what was typed, a success redirects back here with a confirmation.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment, useState, type ComponentProps, type ReactNode } from "react";
import { caseNotFound, requireCase, requireCaseContent } from "~/modules/cases/access.server";
import { loadWorkflow, mayNotApproveOwnFindings, takeWorkflowStep, WorkflowError, WorkflowValidationError } from "~/modules/cases/workflow.server";
import {
  availableActions,
  CASE_STAGES,
  FINDINGS_OUTCOMES,
  isWorkflowAction,
  MAX_WORKFLOW_TEXT,
  SEVERITY_LEVELS,
  severityLabel,
  stageIndex,
  stageLabel,
  outcomeMessageTemplate,
  type WorkflowAction,
} from "~/modules/cases/workflow";
import { DEFAULT_LOCALE, isAppLocale, LOCALES, type AppLocale } from "~/i18n/locales";
import { getMessages } from "~/i18n/messages";
import { REPORT_CATEGORIES } from "~/modules/hotline/report-options";
import { asTyped, echoValues } from "~/modules/http/forms";
import { isRestore, orSignInAgain } from "~/modules/http/signed-out.server";
import { CheckboxField, TextAreaField } from "~/components/fields";
import { explain, explainer } from "~/modules/http/explain";
import { ErrorSummary, FormMessage, RequiredWhen, type SummaryError } from "~/components/form";
import { TypedText } from "~/components/typed-text";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";
import { localized } from "~/i18n/localized";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.workflow);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const record = await loadWorkflow(access);
  const { report, can } = access;
  const done = new URL(request.url).searchParams.get("done");
  // Four eyes: the lead who recorded the findings is not offered their approval (the step refuses it too).
  const ownFindings = report.status === "FINDINGS" && can.approve && (await mayNotApproveOwnFindings(report.id, access.viewer.id));
  // The closing outcome message is written in the reporter's language. The report does not record
  // it, so the organisation's default is offered, and the handler may switch to the other template.
  const asked = new URL(request.url).searchParams.get("outcomeLanguage");
  const outcomeLanguage: AppLocale = isAppLocale(asked) ? asked : DEFAULT_LOCALE;
  const template = getMessages(outcomeLanguage);
  return json({
    report: {
      id: report.id,
      status: report.status,
      severity: report.severity,
      category: report.category,
      urgent: report.urgent,
      legalReferral: report.legalReferral,
      legalHold: report.legalHold,
      outcome: report.outcome,
      findingsApprovedAt: report.findingsApprovedAt,
      closedAt: report.closedAt,
      reopenCount: report.reopenCount,
      purged: report.purgedAt !== null,
    },
    actions: availableActions({ ...report, findingsRecordedByViewer: ownFindings }, can),
    ownFindings,
    record,
    done: isWorkflowAction(done) ? done : null,
    outcome: {
      language: outcomeLanguage,
      chosen: isAppLocale(asked),
      close: outcomeMessageTemplate(template, report.outcome),
      closeNoInvestigation: outcomeMessageTemplate(template, null),
    },
  });
}

type Failure = {
  intent: string;
  formError: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  /** Brought back after signing in again (ADR 0018): shown in the form, not acted on. */
  restored?: boolean;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await orSignInAgain(request, () => requireCase(request, params.id));
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = echoValues(formData);
  if (isRestore(formData)) {
    const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, asTyped(v)]));
    return json<Failure>({ intent: typeof intent === "string" ? intent : "", formError: "", fieldErrors: {}, values: typed, restored: true });
  }
  const fail = (formError: string, status: number, fieldErrors: Record<string, string> = {}) =>
    json<Failure>({ intent: typeof intent === "string" ? intent : "", formError, fieldErrors, values }, { status });
  if (!isWorkflowAction(intent)) return fail("unknownStep", 400);
  try {
    await takeWorkflowStep(access.viewer, access.report.id, intent, values);
  } catch (error) {
    if (error instanceof WorkflowValidationError) return fail("formInvalid", 400, error.fieldErrors);
    if (error instanceof WorkflowError) {
      if (error.code === "notFound") throw caseNotFound();
      return fail(error.code, error.status);
    }
    throw error;
  }
  return redirect(`/cases/${encodeURIComponent(access.report.id)}/workflow?done=${intent}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CaseWorkflow() {
  const { report, actions, record, done, ownFindings, outcome } = useLoaderData<typeof loader>();
  const failed = useActionData<Failure>();
  const m = useMessages();
  const w = m.workflow;
  const can = (a: WorkflowAction) => actions.includes(a);
  const failure = (a: WorkflowAction) => (failed?.intent === a ? failed : undefined);
  const stray = failed && !isWorkflowAction(failed.intent) ? failed : undefined;
  return (
    <div className="stack">
      <h2>{w.title}</h2>
      <Stepper status={report.status} />
      {done ? <FormMessage kind="success">{w.done[done]}</FormMessage> : null}
      {stray ? <FormMessage kind="error">{explain(m, stray.formError, m.workflow.errors)}</FormMessage> : null}
      {/* A refused step whose form is gone (the case moved on meanwhile) still says why. */}
      {failed && isWorkflowAction(failed.intent) && !can(failed.intent) ? <FormMessage kind="error">{explain(m, failed.formError, m.workflow.errors)}</FormMessage> : null}
      <Facts report={report} record={record} />
      <CaseRecord report={report} record={record} />
      {can("triage") ? <TriageForm report={report} failed={failure("triage")} /> : <SeverityScale />}
      {can("start") ? <StartForm report={report} assignees={record.assignees} failed={failure("start")} /> : null}
      {can("closeNoInvestigation") ? (
        <ReasonForm
          intent="closeNoInvestigation"
          heading={w.closeNoInvestigation.heading}
          label={w.closeNoInvestigation.reason}
          hint={w.closeNoInvestigation.reasonHint}
          submit={w.closeNoInvestigation.submit}
          danger
          failed={failure("closeNoInvestigation")}
          summaryLabels={{ outcomeMessage: m.workflow.outcomeMessage.label }}
        >
          <OutcomeMessage intent="closeNoInvestigation" outcome={outcome} text={outcome.closeNoInvestigation} failed={failure("closeNoInvestigation")} />
        </ReasonForm>
      ) : null}
      {can("investigation") ? <InvestigationForm record={record} failed={failure("investigation")} /> : null}
      {can("refer") ? <ReferForm failed={failure("refer")} /> : null}
      {can("findings") ? <FindingsForm record={record} failed={failure("findings")} /> : null}
      {can("approve") ? <ApproveForm failed={failure("approve")} /> : null}
      {ownFindings && !report.findingsApprovedAt ? <p className="card muted">{m.workflow.approve.ownFindings}</p> : null}
      {can("close") ? (
        <ReasonForm
          intent="close"
          name="lessons"
          heading={w.close.heading}
          label={w.close.lessons}
          hint={w.close.lessonsHint}
          submit={w.close.submit}
          failed={failure("close")}
          summaryLabels={{ outcomeMessage: m.workflow.outcomeMessage.label }}
        >
          <OutcomeMessage intent="close" outcome={outcome} text={outcome.close} failed={failure("close")} />
        </ReasonForm>
      ) : null}
      {can("sendBack") ? (
        <ReasonForm
          intent="sendBack"
          heading={w.sendBack.heading}
          label={w.sendBack.reason}
          hint={w.sendBack.reasonHint}
          submit={w.sendBack.submit}
          failed={failure("sendBack")}
        />
      ) : null}
      {can("liftHold") ? (
        <ReasonForm
          intent="liftHold"
          heading={w.legal.liftHeading}
          intro={w.legal.liftIntro}
          label={w.legal.liftReason}
          submit={w.legal.liftSubmit}
          failed={failure("liftHold")}
        />
      ) : null}
      {can("reopen") ? (
        <ReasonForm
          intent="reopen"
          heading={w.reopen.heading}
          label={w.reopen.reason}
          hint={w.reopen.reasonHint}
          submit={w.reopen.submit}
          failed={failure("reopen")}
        />
      ) : null}
      {can("markDuplicate") ? <DuplicateForm failed={failure("markDuplicate")} /> : null}
      {actions.length === 0 ? <p className="muted">{w.nothingToDo}</p> : null}
    </div>
  );
}

function Stepper({ status }: { status: LoaderData["report"]["status"] }) {
  const m = useMessages();
  const current = stageIndex(status);
  return (
    <ol className="workflow-steps" aria-label={m.workflow.stepper.label}>
      {CASE_STAGES.map((stage, i) => (
        <li key={stage} aria-current={i === current ? "step" : undefined}>
          <span
            className={i < current ? "badge ok" : i === current ? "badge warn" : "badge"}
            title={i < current ? m.workflow.stepper.done : i === current ? m.workflow.stepper.current : undefined}
          >
            {i + 1}. {stageLabel(m, stage)}
            {i < current ? " ✓" : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

function Facts({ report, record }: Pick<LoaderData, "report" | "record">) {
  const m = useMessages();
  const locale = useLocale();
  const when = useDateTime();
  const f = m.workflow.facts;
  const approver = record.approvedBy ? ("email" in record.approvedBy ? record.approvedBy.email : localized(record.approvedBy, "name", locale)) : null;
  const category = (REPORT_CATEGORIES as readonly string[]).includes(report.category) ? m.hotline.form.categories[report.category].label : report.category;
  return (
    <section className="card">
      <h3>{f.heading}</h3>
      <dl className="facts">
        <dt>{f.severity}</dt>
        <dd>{severityLabel(m, report.severity)}</dd>
        <dt>{f.category}</dt>
        <dd>{category}</dd>
        <dt>{f.urgent}</dt>
        <dd>{report.urgent ? <span className="badge danger">{f.urgentYes}</span> : f.no}</dd>
        <dt>{f.assignees}</dt>
        <dd>{record.assignees}</dd>
        <dt>{f.legal}</dt>
        <dd>{report.legalHold ? f.legalHeld : report.legalReferral ? f.legalReleased : f.no}</dd>
        <dt>{f.outcome}</dt>
        <dd>{report.outcome ? m.workflow.outcome[report.outcome] : f.notYet}</dd>
        <dt>{f.approval}</dt>
        <dd>{report.findingsApprovedAt ? f.approvedBy(approver ?? "", when(report.findingsApprovedAt)) : f.notYet}</dd>
        {report.closedAt ? (
          <>
            <dt>{f.closed}</dt>
            <dd>{when(report.closedAt)}</dd>
          </>
        ) : null}
        {report.reopenCount > 0 ? (
          <>
            <dt>{f.reopenings}</dt>
            <dd>{f.reopened(report.reopenCount)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function CaseRecord({ report, record }: Pick<LoaderData, "report" | "record">) {
  const m = useMessages();
  const r = m.workflow.record;
  const { investigation, findings, lessons } = record;
  if (!investigation && !findings && !lessons) return null;
  const or = (text: string) => (text.trim() ? <TypedText text={text} /> : r.notGiven);
  // Findings sent back or reopened stay as the draft the investigators revise.
  const findingsCurrent = report.status === "FINDINGS" || report.status === "CLOSED";
  return (
    <section className="card stack">
      <h3>{r.heading}</h3>
      {investigation ? (
        <dl className="facts">
          <dt>{r.plan}</dt>
          <dd>{or(investigation.plan)}</dd>
          <dt>{r.evidence}</dt>
          <dd>{or(investigation.evidence)}</dd>
        </dl>
      ) : null}
      {findings ? (
        <>
          <h4>{findingsCurrent ? r.findings : r.findingsDraft}</h4>
          <dl className="facts">
            <dt>{m.workflow.facts.outcome}</dt>
            <dd>{m.workflow.outcome[findings.outcome]}</dd>
            <dt>{r.cause}</dt>
            <dd>{or(findings.cause)}</dd>
            <dt>{r.loss}</dt>
            <dd>{findings.lossAmount ?? r.lossNone}</dd>
            <dt>{r.responsible}</dt>
            <dd>{or(findings.responsible)}</dd>
            <dt>{r.sanction}</dt>
            <dd>{or(findings.sanction)}</dd>
          </dl>
        </>
      ) : null}
      {lessons ? (
        <dl className="facts">
          <dt>{r.lessons}</dt>
          <dd>
            <TypedText text={lessons} />
          </dd>
        </dl>
      ) : null}
    </section>
  );
}

function SeverityScale() {
  const m = useMessages();
  const w = m.workflow;
  return (
    <section className="card">
      <h3>{w.severityHeading}</h3>
      <p className="muted">{w.severityIntro}</p>
      <dl className="facts">
        {SEVERITY_LEVELS.map((level) => (
          <Fragment key={level}>
            <dt>{w.severity[level].short}</dt>
            <dd>{w.severity[level].definition}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

/**
 * A failed step's errors at the top of its form: the shared summary, each field error linked to
 * its field (`${intent}-${field}` unless `targets` says otherwise), focused when it appears.
 */
function FormError({ failed, labels = {}, targets = {} }: { failed?: Failure; labels?: Record<string, string>; targets?: Record<string, string> }) {
  const m = useMessages();
  if (failed?.restored) return <FormMessage kind="info">{m.forms.signedOut.restored}</FormMessage>;
  if (!failed) return null;
  const errors: SummaryError[] = Object.entries(failed.fieldErrors)
    .filter(([field]) => labels[field])
    .map(([field, key]) => ({ target: targets[field] ?? `${failed.intent}-${field}`, label: labels[field], message: explain(m, key, m.workflow.errors) }));
  // "formInvalid" only says the fields are wrong: the list says which.
  const formError = failed.formError === "formInvalid" && errors.length > 0 ? undefined : explain(m, failed.formError, m.workflow.errors);
  return <ErrorSummary errors={errors} formError={formError} trigger={failed} />;
}

function TextArea(props: ComponentProps<typeof TextAreaField>) {
  const m = useMessages();
  return <TextAreaField rows={5} maxLength={MAX_WORKFLOW_TEXT} explain={explainer(m, m.workflow.errors)} {...props} />;
}

function TriageForm({ report, failed }: { report: LoaderData["report"]; failed?: Failure }) {
  const m = useMessages();
  const t = m.workflow.triage;
  const values = failed?.values;
  const severity = values ? (values.severity ?? "") : report.severity ? String(report.severity) : "";
  const category = values ? (values.category ?? "") : report.category;
  const urgent = values ? values.urgent === "on" : report.urgent;
  const errors = failed?.fieldErrors ?? {};
  return (
    <section className="card stack">
      <h3>{t.heading}</h3>
      <p className="muted">{t.intro}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="triage" />
        <FormError failed={failed} labels={{ severity: t.severityLegend, category: t.category }} targets={{ severity: `severity-${SEVERITY_LEVELS[0]}`, category: "triage-category" }} />
        <fieldset className="report-choices" aria-invalid={errors.severity ? true : undefined}>
          <legend>{t.severityLegend}</legend>
          <p className="hint">{m.workflow.severityIntro}</p>
          {SEVERITY_LEVELS.map((level) => (
            <div className="report-choice" key={level}>
              <input type="radio" id={`severity-${level}`} name="severity" value={String(level)} defaultChecked={severity === String(level)} aria-describedby={`severity-${level}-definition`} />
              <label htmlFor={`severity-${level}`}>
                <strong>{m.workflow.severity[level].short}</strong>
                <span className="hint" id={`severity-${level}-definition`}>
                  {m.workflow.severity[level].definition}
                </span>
              </label>
            </div>
          ))}
          {errors.severity ? <p className="field-error">{explain(m, errors.severity, m.workflow.errors)}</p> : null}
        </fieldset>
        <div className="field">
          <label htmlFor="triage-category">{t.category}</label>
          <span className="hint" id="triage-category-hint">
            {t.categoryHint}
          </span>
          <select id="triage-category" name="category" defaultValue={category} aria-describedby="triage-category-hint" aria-invalid={errors.category ? true : undefined}>
            {REPORT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {m.hotline.form.categories[c].label}
              </option>
            ))}
          </select>
          {errors.category ? <p className="field-error">{explain(m, errors.category, m.workflow.errors)}</p> : null}
        </div>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="urgent" defaultChecked={urgent} aria-describedby="triage-urgent-hint" />
            {t.urgent}
          </label>
          <span className="hint" id="triage-urgent-hint">
            {t.urgentHint}
          </span>
        </div>
        <button type="submit">{t.submit}</button>
      </Form>
    </section>
  );
}

function StartForm({ report, assignees, failed }: { report: LoaderData["report"]; assignees: number; failed?: Failure }) {
  const m = useMessages();
  const s = m.workflow.start;
  return (
    <section className="card stack">
      <h3>{s.heading}</h3>
      {report.severity === null ? <FormMessage kind="info">{s.needsSeverity}</FormMessage> : null}
      {assignees === 0 ? <FormMessage kind="info">{s.needsAssignee}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="start" />
        <FormError failed={failed} labels={{ plan: s.plan }} />
        <TextArea id="start-plan" label={s.plan} name="plan" hint={s.planHint} error={failed?.fieldErrors.plan} defaultValue={failed?.values.plan ?? ""} rows={8} />
        <button type="submit">{s.submit}</button>
      </Form>
    </section>
  );
}

function InvestigationForm({ record, failed }: { record: LoaderData["record"]; failed?: Failure }) {
  const m = useMessages();
  const t = m.workflow.investigation;
  const values = failed?.values ?? { plan: record.investigation?.plan ?? "", evidence: record.investigation?.evidence ?? "" };
  return (
    <section className="card stack">
      <h3>{t.heading}</h3>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="investigation" />
        <FormError failed={failed} labels={{ plan: t.plan, evidence: t.evidence }} />
        <TextArea id="investigation-plan" label={t.plan} name="plan" error={failed?.fieldErrors.plan} defaultValue={values.plan ?? ""} rows={8} />
        <TextArea id="investigation-evidence" label={t.evidence} name="evidence" hint={t.evidenceHint} error={failed?.fieldErrors.evidence} defaultValue={values.evidence ?? ""} rows={8} />
        <button type="submit">{t.submit}</button>
      </Form>
    </section>
  );
}

function ReferForm({ failed }: { failed?: Failure }) {
  const m = useMessages();
  const l = m.workflow.legal;
  return (
    <section className="card stack">
      <h3>{l.heading}</h3>
      <p className="muted">{l.intro}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="refer" />
        <FormError failed={failed} />
        <button type="submit" className="button danger">
          {l.submit}
        </button>
      </Form>
    </section>
  );
}

function FindingsForm({ record, failed }: { record: LoaderData["record"]; failed?: Failure }) {
  const m = useMessages();
  const f = m.workflow.findings;
  // A draft sent back (or from before a reopening) fills the form, to be revised rather than retyped.
  const draft = record.findings;
  const values = failed?.values ?? {
    outcome: draft?.outcome ?? "",
    cause: draft?.cause ?? "",
    lossAmount: draft?.lossAmount ?? "",
    responsible: draft?.responsible ?? "",
    sanction: draft?.sanction ?? "",
  };
  const errors = failed?.fieldErrors ?? {};
  // The loss is required unless the findings are not substantiated: said beside it, and aria-required
  // while the chosen outcome needs it.
  const [outcome, setOutcome] = useState(values.outcome ?? "");
  const lossRequired = outcome === "SUBSTANTIATED" || outcome === "PARTLY_SUBSTANTIATED";
  return (
    <section className="card stack">
      <h3>{f.heading}</h3>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="findings" />
        <FormError failed={failed} labels={{ outcome: f.outcome, cause: f.cause, lossAmount: f.loss, responsible: f.responsible, sanction: f.sanction }} targets={{ outcome: `outcome-${FINDINGS_OUTCOMES[0]}`, lossAmount: "findings-loss" }} />
        <fieldset
          className="report-choices"
          onChange={(event) => {
            const input = event.target as unknown as HTMLInputElement;
            if (input.name === "outcome") setOutcome(input.value);
          }}
        >
          <legend>{f.outcome}</legend>
          {FINDINGS_OUTCOMES.map((outcome) => (
            <div className="report-choice" key={outcome}>
              <input type="radio" id={`outcome-${outcome}`} name="outcome" value={outcome} defaultChecked={values.outcome === outcome} />
              <label htmlFor={`outcome-${outcome}`}>{m.workflow.outcome[outcome]}</label>
            </div>
          ))}
          {errors.outcome ? <p className="field-error">{explain(m, errors.outcome, m.workflow.errors)}</p> : null}
        </fieldset>
        <TextArea id="findings-cause" label={f.cause} name="cause" hint={f.causeHint} error={errors.cause} defaultValue={values.cause ?? ""} />
        <div className="field">
          {/* Beside the label, not in it: the field's name stays its name; the marker is described. */}
          <label htmlFor="findings-loss">{f.loss}</label> <RequiredWhen condition={m.forms.conditions.lossNeeded} id="findings-loss-required" />
          <span className="hint" id="findings-loss-hint">
            {f.lossHint}
          </span>
          <input
            id="findings-loss"
            type="text"
            name="lossAmount"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.lossAmount ?? ""}
            aria-required={lossRequired ? true : undefined}
            aria-describedby={errors.lossAmount ? "findings-loss-required findings-loss-hint findings-loss-error" : "findings-loss-required findings-loss-hint"}
            aria-invalid={errors.lossAmount ? true : undefined}
          />
          {errors.lossAmount ? (
            <p className="field-error" id="findings-loss-error">
              {explain(m, errors.lossAmount, m.workflow.errors)}
            </p>
          ) : null}
        </div>
        <TextArea id="findings-responsible" label={f.responsible} name="responsible" hint={f.responsibleHint} error={errors.responsible} defaultValue={values.responsible ?? ""} rows={3} />
        <TextArea id="findings-sanction" label={f.sanction} name="sanction" hint={f.sanctionHint} error={errors.sanction} defaultValue={values.sanction ?? ""} rows={3} />
        <button type="submit">{f.submit}</button>
      </Form>
    </section>
  );
}

function ApproveForm({ failed }: { failed?: Failure }) {
  const m = useMessages();
  const a = m.workflow.approve;
  return (
    <section className="card stack">
      <h3>{a.heading}</h3>
      <p className="muted">{a.intro}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="approve" />
        <FormError failed={failed} />
        <button type="submit">{a.submit}</button>
      </Form>
    </section>
  );
}

function ReasonForm({
  intent,
  name = "reason",
  heading,
  intro,
  label,
  hint,
  submit,
  danger,
  failed,
  children,
  summaryLabels = {},
}: {
  children?: ReactNode;
  /** Labels for the error summary of fields that `children` add. */
  summaryLabels?: Record<string, string>;
  intent: WorkflowAction;
  name?: "reason" | "lessons";
  heading: string;
  intro?: string;
  label: string;
  hint?: string;
  submit: string;
  danger?: boolean;
  failed?: Failure;
}) {
  return (
    <section className="card stack">
      <h3>{heading}</h3>
      {intro ? <p className="muted">{intro}</p> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <FormError failed={failed} labels={{ ...summaryLabels, [name]: label }} />
        <TextArea id={`${intent}-${name}`} label={label} name={name} hint={hint} error={failed?.fieldErrors[name]} defaultValue={failed?.values[name] ?? ""} />
        {children}
        <button type="submit" className={danger ? "button danger" : undefined}>
          {submit}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}

/**
 * Closing's offer to tell the reporter: on by default, the text prefilled from the template in the
 * reporter's language (the organisation's default unless the handler switched), editable.
 */
function OutcomeMessage({ intent, outcome, text, failed }: { intent: WorkflowAction; outcome: LoaderData["outcome"]; text: string; failed?: Failure }) {
  const m = useMessages();
  const o = m.workflow.outcomeMessage;
  const other = LOCALES.find((l) => l !== outcome.language)!;
  const notify = failed ? failed.values.notifyReporter === "on" : true;
  return (
    <fieldset className="stack">
      <legend>{o.legend}</legend>
      <CheckboxField label={o.notify} hint={o.notifyHint} name="notifyReporter" defaultChecked={notify} />
      <p className="muted">
        {outcome.chosen ? o.chosenLanguage(o.languages[outcome.language]) : o.language(o.languages[outcome.language])}{" "}
        <a href={`?outcomeLanguage=${other}`}>{o.switchTo(o.languages[other])}</a>
      </p>
      <TextArea
        key={outcome.language}
        id={`${intent}-outcomeMessage`}
        label={o.label}
        name="outcomeMessage"
        hint={o.hint}
        lang={outcome.language}
        error={failed?.fieldErrors.outcomeMessage}
        defaultValue={failed?.values.outcomeMessage ?? text}
        required={false}
      />
    </fieldset>
  );
}

/** Closing as the duplicate of another case (a lead): the original's reference and the reason. */
function DuplicateForm({ failed }: { failed?: Failure }) {
  const m = useMessages();
  const d = m.workflow.markDuplicate;
  const error = failed?.fieldErrors.original;
  return (
    <section className="card stack">
      <h3>{d.heading}</h3>
      <p className="muted">{d.intro}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="markDuplicate" />
        <FormError failed={failed} labels={{ original: d.original, reason: d.reason }} targets={{ original: "duplicate-original" }} />
        <div className="field">
          <label htmlFor="duplicate-original">{d.original}</label>
          <span className="hint" id="duplicate-original-hint">
            {d.originalHint}
          </span>
          <input
            id="duplicate-original"
            type="text"
            name="original"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            defaultValue={failed?.values.original ?? ""}
            aria-describedby={error ? "duplicate-original-hint duplicate-original-error" : "duplicate-original-hint"}
            aria-invalid={error ? true : undefined}
          />
          {error ? (
            <p className="field-error" id="duplicate-original-error">
              {explain(m, error, m.workflow.errors)}
            </p>
          ) : null}
        </div>
        <TextArea id="markDuplicate-reason" label={d.reason} name="reason" hint={d.reasonHint} error={failed?.fieldErrors.reason} defaultValue={failed?.values.reason ?? ""} />
        <button type="submit" className="button danger">
          {d.submit}
        </button>
      </Form>
    </section>
  );
}
