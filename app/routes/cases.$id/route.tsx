// One case: the header every tab shares (reference, stage, severity, clocks, flags) and the tabs.
// Each tab is its own route below this one, loads only what it shows, and audits its own reads of
// sealed content; this layout reads no sealed content at all.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireCase } from "~/modules/cases/access.server";
import { viewerGrant } from "~/modules/cases/grants.server";
import { caseDuplicates } from "~/modules/cases/duplicates.server";
import { formatReference } from "~/modules/hotline/receipt";
import { CASE_AUDITORS, holdsSet } from "~/modules/auth/permissions";
import { clockState } from "~/modules/time/deadlines";
import { severityLabel, stageLabel } from "~/modules/cases/workflow";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.overview);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report, can, viewer } = await requireCase(request, params.id);
  // An auditor reading under a grant is told until when and why; one without sees the metadata only.
  const auditorReads = holdsSet(viewer.permissions, CASE_AUDITORS) && !viewer.permissions.has("read:case:any") && !report.auditorTriage;
  const grant = auditorReads && can.read ? await viewerGrant({ reportId: report.id, userId: viewer.id }) : null;
  return json({ report: { ...report, reference: formatReference(report.reference) }, can, grant, metadataOnly: !can.read, duplicates: await caseDuplicates({ viewer, reportId: report.id }) });
}

const TABS: { to: string; label: (m: Messages) => string; onlyFor?: "grant" }[] = [
  { to: "", label: (m) => m.cases.tabs.overview },
  { to: "messages", label: (m) => m.cases.tabs.messages },
  { to: "workflow", label: (m) => m.cases.tabs.workflow },
  { to: "people", label: (m) => m.cases.tabs.people },
  { to: "remediation", label: (m) => m.cases.tabs.remediation },
  { to: "timeline", label: (m) => m.cases.tabs.timeline },
  { to: "access", label: (m) => m.cases.tabs.access, onlyFor: "grant" },
];

export default function CaseLayout() {
  const { report, can, grant, metadataOnly, duplicates } = useLoaderData<typeof loader>();
  const m = useMessages();
  const when = useDateTime();
  const h = m.cases.header;
  const clock = (label: string, due: string, done: string | null) => {
    const state = clockState(due, done);
    return (
      <div>
        <dt>{label}</dt>
        <dd>
          {when(due)}{" "}
          {state === "met" && done ? <span className="badge">{m.cases.clocks.met(when(done))}</span> : null}
          {state === "overdue" ? <span className="badge danger">{m.cases.clocks.overdue}</span> : null}
          {state === "dueSoon" ? <span className="badge warn">{m.cases.clocks.dueSoon}</span> : null}
        </dd>
      </div>
    );
  };
  return (
    <div className="stack">
      <header className="stack case-header">
        <h1>
          {m.cases.caseTitle(report.reference)}{" "}
          {report.urgent ? <span className="badge danger">{h.urgent}</span> : null}
          {report.legalHold ? <span className="badge warn">{h.legalHold}</span> : null}
          {report.auditorTriage ? <span className="badge">{h.auditorTriage}</span> : null}
          {report.purgedAt ? <span className="badge">{h.purged}</span> : null}
        </h1>
        <dl className="facts">
          <div>
            <dt>{h.status}</dt>
            <dd>{stageLabel(m, report.status)}</dd>
          </div>
          <div>
            <dt>{h.severity}</dt>
            <dd>{severityLabel(m, report.severity)}</dd>
          </div>
          <div>
            <dt>{h.category}</dt>
            <dd>{m.hotline.form.categories[report.category].label}</dd>
          </div>
          <div>
            <dt>{h.channel}</dt>
            <dd>{m.cases.channel[report.channel]}</dd>
          </div>
          <div>
            <dt>{h.identity}</dt>
            <dd>{m.cases.identityMode[report.identityMode]}</dd>
          </div>
          <div>
            <dt>{h.received}</dt>
            <dd>{when(report.receivedAt)}</dd>
          </div>
          {report.status !== "CLOSED" ? clock(m.cases.clocks.acknowledge, report.acknowledgeDueAt, report.acknowledgedAt) : null}
          {report.status !== "CLOSED" ? clock(m.cases.clocks.feedback, report.feedbackDueAt, report.feedbackGivenAt) : null}
          {duplicates.duplicateOf ? (
            <div data-testid="duplicate-of">
              <dt>{h.duplicateOf}</dt>
              <dd>
                <Link to={`/cases/${duplicates.duplicateOf.id}`}>{duplicates.duplicateOf.reference}</Link>
              </dd>
            </div>
          ) : null}
          {duplicates.duplicates.length > 0 ? (
            <div data-testid="duplicates">
              <dt>{h.duplicates}</dt>
              <dd>
                {duplicates.duplicates.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 ? ", " : null}
                    <Link to={`/cases/${d.id}`}>{d.reference}</Link>
                  </span>
                ))}
                {duplicates.moreDuplicates > 0 ? ` ${h.moreDuplicates(duplicates.moreDuplicates)}` : null}
              </dd>
            </div>
          ) : null}
        </dl>
        {grant ? (
          <div className="alert info" role="note">
            <p>{m.cases.grants.yourGrant(grant.until)}</p>
            <p className="prewrap">{m.cases.grants.yourReason(grant.reason)}</p>
          </div>
        ) : null}
        {metadataOnly ? (
          <p className="alert info" role="note">
            {m.cases.grants.metadataOnly}
          </p>
        ) : null}
      </header>
      {metadataOnly ? null : (
        <nav aria-label={m.cases.tabs.label} className="filter-tabs case-tabs">
          {TABS.filter((tab) => !tab.onlyFor || can[tab.onlyFor]).map((tab) => (
            <NavLink key={tab.to} to={tab.to === "" ? "." : tab.to} end={tab.to === ""} relative="route" prefetch="intent">
              {tab.label(m)}
            </NavLink>
          ))}
        </nav>
      )}
      <Outlet />
    </div>
  );
}
