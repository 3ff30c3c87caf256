// The workflow tab's forms, one per step, each shown only when the viewer may take that step.
// Plain forms that work without JavaScript: a refused step comes back with what was typed and the
// reasons, summarised at the top of its form.
import { Form } from "@remix-run/react";
import { useState, type ComponentProps, type ReactNode } from "react";
import { FINDINGS_OUTCOMES, MAX_WORKFLOW_TEXT, SEVERITY_LEVELS, type WorkflowAction } from "~/modules/cases/workflow";
import { LOCALES } from "~/i18n/locales";
import { REPORT_CATEGORIES } from "~/modules/hotline/report-options";
import { CheckboxField, TextAreaField } from "~/components/fields";
import { ErrorSummary, FormMessage, RequiredWhen, type SummaryError } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { explain, explainer } from "~/modules/http/explain";
import type { WorkflowData } from "./route";
import { followChoice } from "~/components/follow-choice";

export type Failure = {
  intent: string;
  formError: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  /** Brought back after signing in again (ADR 0018): shown in the form, not acted on. */
  restored?: boolean;
};

/**
 * A failed step's errors at the top of its form: the shared summary, each field error linked to
 * its field (`${intent}-${field}` unless `targets` says otherwise), focused when it appears.
 */
export function FormError({ failed, labels = {}, targets = {} }: { failed?: Failure; labels?: Record<string, string>; targets?: Record<string, string> }) {
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

/**
 * One step's card: its heading, intro and notices, then its form, which posts the step's `intent`
 * and summarises a refusal at the top. `bare`: a form that is only its button.
 */
function StepForm({
  intent,
  heading,
  intro,
  notices,
  bare,
  failed,
  labels,
  targets,
  children,
}: {
  intent: WorkflowAction;
  heading: string;
  intro?: string;
  notices?: ReactNode;
  bare?: boolean;
  failed?: Failure;
  labels?: Record<string, string>;
  targets?: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <section className="card stack">
      <h3>{heading}</h3>
      {intro ? <p className="muted">{intro}</p> : null}
      {notices}
      <Form method="post" className={bare ? undefined : "form"} noValidate={bare ? undefined : true}>
        <input type="hidden" name="intent" value={intent} />
        <FormError failed={failed} labels={labels} targets={targets} />
        {children}
      </Form>
    </section>
  );
}

export function TextArea(props: ComponentProps<typeof TextAreaField>) {
  const m = useMessages();
  return <TextAreaField rows={5} maxLength={MAX_WORKFLOW_TEXT} explain={explainer(m, m.workflow.errors)} {...props} />;
}

export function TriageForm({ report, failed }: { report: WorkflowData["report"]; failed?: Failure }) {
  const m = useMessages();
  const t = m.workflow.triage;
  const values = failed?.values;
  const severity = values ? (values.severity ?? "") : report.severity ? String(report.severity) : "";
  const category = values ? (values.category ?? "") : report.category;
  const urgent = values ? values.urgent === "on" : report.urgent;
  const errors = failed?.fieldErrors ?? {};
  return (
    <StepForm intent="triage" heading={t.heading} intro={t.intro} failed={failed} labels={{ severity: t.severityLegend, category: t.category }} targets={{ severity: `severity-${SEVERITY_LEVELS[0]}`, category: "triage-category" }}>
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
    </StepForm>
  );
}

export function StartForm({ report, assignees, failed }: { report: WorkflowData["report"]; assignees: number; failed?: Failure }) {
  const m = useMessages();
  const s = m.workflow.start;
  return (
    <StepForm intent="start" heading={s.heading} notices={
        <>
          {report.severity === null ? <FormMessage kind="info">{s.needsSeverity}</FormMessage> : null}
          {assignees === 0 ? <FormMessage kind="info">{s.needsAssignee}</FormMessage> : null}
        </>
      } failed={failed} labels={{ plan: s.plan }}>
      <TextArea id="start-plan" label={s.plan} name="plan" hint={s.planHint} error={failed?.fieldErrors.plan} defaultValue={failed?.values.plan ?? ""} rows={8} />
      <button type="submit">{s.submit}</button>
    </StepForm>
  );
}

export function InvestigationForm({ record, failed }: { record: WorkflowData["record"]; failed?: Failure }) {
  const m = useMessages();
  const t = m.workflow.investigation;
  const values = failed?.values ?? { plan: record.investigation?.plan ?? "", evidence: record.investigation?.evidence ?? "" };
  return (
    <StepForm intent="investigation" heading={t.heading} failed={failed} labels={{ plan: t.plan, evidence: t.evidence }}>
      <TextArea id="investigation-plan" label={t.plan} name="plan" error={failed?.fieldErrors.plan} defaultValue={values.plan ?? ""} rows={8} />
      <TextArea id="investigation-evidence" label={t.evidence} name="evidence" hint={t.evidenceHint} error={failed?.fieldErrors.evidence} defaultValue={values.evidence ?? ""} rows={8} />
      <button type="submit">{t.submit}</button>
    </StepForm>
  );
}

/** A step that asks nothing but a confirmation: referring to legal, approving the findings. */
export function ConfirmStepForm({ intent, heading, intro, submit, danger, failed }: { intent: WorkflowAction; heading: string; intro: string; submit: string; danger?: boolean; failed?: Failure }) {
  return (
    <StepForm intent={intent} heading={heading} intro={intro} bare failed={failed}>
      <button type="submit" className={danger ? "button danger" : undefined}>
        {submit}
      </button>
    </StepForm>
  );
}

export function FindingsForm({ record, failed }: { record: WorkflowData["record"]; failed?: Failure }) {
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
    <StepForm intent="findings" heading={f.heading} failed={failed} labels={{ outcome: f.outcome, cause: f.cause, lossAmount: f.loss, responsible: f.responsible, sanction: f.sanction }} targets={{ outcome: `outcome-${FINDINGS_OUTCOMES[0]}`, lossAmount: "findings-loss" }}>
      <fieldset
        className="report-choices"
        onChange={followChoice("outcome", setOutcome)}
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
    </StepForm>
  );
}

export function ReasonForm({
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
    <StepForm intent={intent} heading={heading} intro={intro} failed={failed} labels={{ ...summaryLabels, [name]: label }}>
      <TextArea id={`${intent}-${name}`} label={label} name={name} hint={hint} error={failed?.fieldErrors[name]} defaultValue={failed?.values[name] ?? ""} />
      {children}
      <button type="submit" className={danger ? "button danger" : undefined}>
        {submit}
      </button>
    </StepForm>
  );
}

/**
 * Closing's offer to tell the reporter: on by default, the text prefilled from the template in the
 * reporter's language (the organisation's default unless the handler switched), editable.
 */
export function OutcomeMessage({ intent, outcome, text, failed }: { intent: WorkflowAction; outcome: WorkflowData["outcome"]; text: string; failed?: Failure }) {
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
export function DuplicateForm({ failed }: { failed?: Failure }) {
  const m = useMessages();
  const d = m.workflow.markDuplicate;
  const error = failed?.fieldErrors.original;
  return (
    <StepForm intent="markDuplicate" heading={d.heading} intro={d.intro} failed={failed} labels={{ original: d.original, reason: d.reason }} targets={{ original: "duplicate-original" }}>
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
    </StepForm>
  );
}
