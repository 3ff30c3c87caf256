// The anonymous hotline's form: no account, no JavaScript needed, no cookie. On success the
// action renders the receipt in its own response — never a redirect, so the receipt is never in a
// URL, a Location header or the browser's history of addresses. Cache-Control: no-store and
// X-Robots-Tag are set for every /report response in server/server.mjs; the server also withholds the
// client's address from these routes, so there is nothing to store or log. The form itself is shared
// with a handler's intake (modules/hotline/report-form*).
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { resolveLocale } from "~/modules/http/locale.server";
import { withLang } from "~/modules/hotline/anonymous";
import { handleReportPost, reportFormData } from "~/modules/hotline/report-form.server";
import { DuplicatePage, ReceiptPage, ReportFormBody, type ReportFormActionData } from "~/modules/hotline/report-form";
import { FormMessage } from "~/components/form";
import { getMessages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.report, { noindex: true });

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  return json({ ...(await reportFormData(locale)), title: getMessages(locale).hotline.form.title });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleReportPost(request, { locale: resolveLocale(request) });
}

export default function ReportForm() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ReportFormActionData | undefined;
  const m = useMessages();
  const f = m.hotline.form;
  const { search } = useLocation();

  if (actionData?.state === "created") return <ReceiptPage receipt={actionData.receipt} reference={actionData.reference} />;
  if (actionData?.state === "duplicate") return <DuplicatePage reference={actionData.reference} />;
  const failed = actionData?.state === "error" ? actionData : undefined;

  return (
    <div className="report-page stack">
      <h1>{f.title}</h1>
      <p className="muted">{f.intro}</p>
      <p>
        {f.alreadyReported} <Link to={withLang("/report/follow-up", search)}>{f.alreadyReportedLink}</Link>
      </p>
      {failed ? <FormMessage kind="error">{f[failed.formError]}</FormMessage> : null}
      <ReportFormBody handlers={data.handlers} limits={data.limits} questions={data.questions} submissionKey={data.submissionKey} failed={failed} />
    </div>
  );
}
