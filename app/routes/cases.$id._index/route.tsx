// The case's report: the reporter's answers (with the administrator's per-category questions), the
// files filed with it and — for a named report only — who filed it. Opening it is an audited read
// (openCaseKey). A confidential reporter's identity is not shown here: it is opened only through an
// approved identity request (People and conflicts).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { openCaseKey, requireCaseContent } from "~/modules/cases/access.server";
import { downloadName, openCaseAnswers, openCaseIdentity } from "~/modules/cases/case-content.server";
import { ANSWER_FIELDS } from "~/modules/hotline/report-options";
import { listReportFiles } from "~/modules/cases/messages.server";
import { resolveLocale } from "~/modules/http/locale.server";
import { CaseFiles } from "~/components/case-files";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.overview);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const { report } = access;
  const key = await openCaseKey(access, "content");
  if (!key) return json({ purged: true as const, reportId: report.id });
  const locale = resolveLocale(request, access.viewer.locale);
  const [{ answers, extra }, files, identity] = await Promise.all([
    openCaseAnswers({ key, reportId: report.id, locale }),
    listReportFiles({ key, reportId: report.id }),
    report.identityMode === "NAMED" ? openCaseIdentity({ key, reportId: report.id }) : null,
  ]);
  return json({
    purged: false as const,
    reportId: report.id,
    identityMode: report.identityMode,
    answers,
    extra,
    identity,
    files: files.map((f) => ({ id: f.id, size: f.size, name: downloadName(f.name, f.kind) })),
  });
}

export default function CaseOverview() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const o = m.cases.overview;
  if (data.purged) return <p className="muted">{o.purged}</p>;
  const f = m.hotline.form;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="answers-heading">
        <h2 id="answers-heading">{o.answersHeading}</h2>
        <dl className="case-answers">
          {ANSWER_FIELDS.map((field) => (
            <div key={field}>
              <dt>{f[field]}</dt>
              <dd className="prewrap">{data.answers[field] ?? <span className="muted">{o.notAnswered}</span>}</dd>
            </div>
          ))}
        </dl>
        {data.extra.length > 0 ? (
          <>
            <h3>{o.extraHeading}</h3>
            <dl className="case-answers">
              {data.extra.map((a) => (
                <div key={a.questionId}>
                  <dt>{a.label}</dt>
                  <dd className="prewrap">{a.value}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="files-heading">
        <h2 id="files-heading">{o.filesHeading}</h2>
        {data.files.length === 0 ? <p className="muted">{o.noFiles}</p> : <CaseFiles reportId={data.reportId} files={data.files} />}
      </section>
      <section className="card stack" aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">{o.reporterHeading}</h2>
        {data.identityMode === "ANONYMOUS" ? <p>{o.anonymous}</p> : null}
        {data.identityMode === "CONFIDENTIAL" ? <p>{o.confidential}</p> : null}
        {data.identityMode === "NAMED" && data.identity ? (
          <dl className="facts">
            <div>
              <dt>{o.name}</dt>
              <dd>{data.identity.name}</dd>
            </div>
            <div>
              <dt>{o.contact}</dt>
              <dd className="prewrap">{data.identity.contact}</dd>
            </div>
          </dl>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
