// What the workflow tab shows of the case: the five stages, the facts, the sealed record (an
// audited read in the loader) and the severity scale with its definitions.
import { Fragment } from "react";
import { CASE_STAGES, SEVERITY_LEVELS, severityLabel, stageIndex, stageLabel } from "~/modules/cases/workflow";
import { REPORT_CATEGORIES } from "~/modules/hotline/report-options";
import { TypedText } from "~/components/typed-text";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";
import { localized } from "~/i18n/localized";
import type { WorkflowData } from "./route";

export function Stepper({ status }: { status: WorkflowData["report"]["status"] }) {
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

export function Facts({ report, record }: Pick<WorkflowData, "report" | "record">) {
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


export function CaseRecord({ report, record }: Pick<WorkflowData, "report" | "record">) {
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

export function SeverityScale() {
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
