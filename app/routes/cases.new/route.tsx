// Intake on behalf of someone: an investigator or compliance lead records a report
// received by phone, email, letter or in person, in the reporter's own form plus the channel. The
// receipt comes back in the response, to be read to the reporter; the report's audit event and
// timeline name the handler (submitReport).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { resolveLocale } from "~/modules/http/locale.server";
import { orSignInAgain } from "~/modules/http/signed-out.server";
import { handleReportPost, reportFormData } from "~/modules/hotline/report-form.server";
import { DuplicatePage, ReceiptPage, ReportFormBody, type ReportFormActionData } from "~/modules/hotline/report-form";
import { FormMessage } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.intake);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "create:intake:any");
  return json(await reportFormData(resolveLocale(request, user.locale)));
}

export async function action({ request }: ActionFunctionArgs) {
  // Signed out while typing a report taken by phone: the text is carried through signing in again.
  const { user } = await orSignInAgain(request, () => requirePermission(request, "create:intake:any"));
  return handleReportPost(request, { locale: resolveLocale(request, user.locale), intakeBy: user });
}

export default function Intake() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ReportFormActionData | undefined;
  const m = useMessages();

  if (actionData?.state === "created") return <ReceiptPage receipt={actionData.receipt} reference={actionData.reference} intake={actionData.intake} />;
  if (actionData?.state === "duplicate") return <DuplicatePage reference={actionData.reference} intake={actionData.intake} />;
  const failed = actionData?.state === "error" ? actionData : undefined;

  return (
    <div className="report-page stack">
      <h1>{m.questions.intake.title}</h1>
      <p className="muted">{m.questions.intake.intro}</p>
      {failed?.restored ? (
        <FormMessage kind="info">{m.forms.signedOut.restored}</FormMessage>
      ) : failed ? (
        <FormMessage kind="error">{m.hotline.form[failed.formError]}</FormMessage>
      ) : null}
      <ReportFormBody handlers={data.handlers} limits={data.limits} questions={data.questions} submissionKey={data.submissionKey} failed={failed} intake />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
