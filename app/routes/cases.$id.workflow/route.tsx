// The case's workflow tab: where the case stands (a stepper of the five stages),
// the severity scale with its definitions, the sealed plan, findings and lessons (an audited read),
// and only the forms the viewer may use at this stage. Plain forms: they work without JavaScript;
// an error comes back with what was typed, a success redirects back here with a confirmation.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { caseNotFound, requireCase, requireCaseContent } from "~/modules/cases/access.server";
import { loadWorkflow, mayNotApproveOwnFindings, takeWorkflowStep, WorkflowError, WorkflowValidationError } from "~/modules/cases/workflow.server";
import { availableActions, isWorkflowAction, outcomeMessageTemplate, type WorkflowAction } from "~/modules/cases/workflow";
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from "~/i18n/locales";
import { getMessages } from "~/i18n/messages";
import { asTyped, echoValues } from "~/modules/http/forms";
import { isRestore, orSignInAgain } from "~/modules/http/signed-out.server";
import { FormMessage } from "~/components/form";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { caseMeta } from "~/modules/http/meta";
import { explain } from "~/modules/http/explain";
import {
  ConfirmStepForm,
  DuplicateForm,
  FindingsForm,
  InvestigationForm,
  OutcomeMessage,
  ReasonForm,
  StartForm,
  TriageForm,
  type Failure,
} from "./forms";
import { CaseRecord, Facts, SeverityScale, Stepper } from "./record";

export const meta = caseMeta((tabs) => tabs.workflow);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const record = await loadWorkflow(access);
  const { report, can } = access;
  const done = new URL(request.url).searchParams.get("done");
  // Four eyes: the lead who recorded the findings is not offered their approval (the step refuses it too).
  const ownFindings = report.status === "FINDINGS" && can.approve && (await mayNotApproveOwnFindings({ reportId: report.id, userId: access.viewer.id }));
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
    await takeWorkflowStep({ actorUserId: access.viewer.id, reportId: access.report.id, action: intent, input: values });
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

export type WorkflowData = SerializeFrom<typeof loader>;

/** Steps whose whole form is one reason, in the order the page offers them. */
const REASON_STEPS = ["sendBack", "liftHold", "reopen"] as const;

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
      {can("refer") ? <ConfirmStepForm intent="refer" heading={w.legal.heading} intro={w.legal.intro} submit={w.legal.submit} danger failed={failure("refer")} /> : null}
      {can("findings") ? <FindingsForm record={record} failed={failure("findings")} /> : null}
      {can("approve") ? <ConfirmStepForm intent="approve" heading={w.approve.heading} intro={w.approve.intro} submit={w.approve.submit} failed={failure("approve")} /> : null}
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
      {REASON_STEPS.filter(can).map((step) => {
        const text = reasonText(w, step);
        return <ReasonForm key={step} intent={step} {...text} failed={failure(step)} />;
      })}
      {can("markDuplicate") ? <DuplicateForm failed={failure("markDuplicate")} /> : null}
      {actions.length === 0 ? <p className="muted">{w.nothingToDo}</p> : null}
    </div>
  );
}

function reasonText(w: ReturnType<typeof useMessages>["workflow"], step: (typeof REASON_STEPS)[number]) {
  if (step === "liftHold") return { heading: w.legal.liftHeading, intro: w.legal.liftIntro, label: w.legal.liftReason, submit: w.legal.liftSubmit };
  const t = w[step];
  return { heading: t.heading, label: t.reason, hint: t.reasonHint, submit: t.submit };
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
