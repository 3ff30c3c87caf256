// Every event on the case, paginated, oldest or newest first. Events are
// content-free (ids, enums, counts), so reading them opens no sealed content and needs no key.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireCaseContent } from "~/modules/cases/access.server";
import { caseTimeline } from "~/modules/cases/events.server";
import { ACCOUNT_DETAIL_KEYS, type EventDetails, type TimelineOrder } from "~/modules/cases/timeline";
import { severityLabel } from "~/modules/cases/workflow";
import { pageFromUrl } from "~/modules/http/pagination";
import { resolveLocale } from "~/modules/http/locale.server";
import { columnsFrom, ListTable } from "~/components/list-page";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import type { Messages } from "~/i18n/messages";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.timeline);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report, viewer } = await requireCaseContent(request, params.id);
  const url = new URL(request.url);
  const order: TimelineOrder = url.searchParams.get("order") === "newest" ? "newest" : "oldest";
  const page = pageFromUrl(url);
  const timeline = await caseTimeline({ reportId: report.id, order, page, locale: resolveLocale(request, viewer.locale) });
  return json({ order, page, ...timeline });
}

/** A label from a catalogue table that may not have the key (another domain's enum): the raw value otherwise. */
function labelIn(table: unknown, key: unknown): string {
  const value = table && typeof table === "object" ? (table as Record<string, unknown>)[String(key)] : undefined;
  return typeof value === "string" ? value : String(key);
}

/** The details worth a reader's eye, in words; ids other than people are left out. */
function describe(m: Messages, type: string, d: EventDetails, names: Record<string, string>): string[] {
  const t = m.cases.timeline;
  const out: string[] = [];
  const handler = (id: unknown) => (typeof id === "string" ? (names[id] ?? t.actorUnknown) : null);
  switch (type) {
    case "status.changed":
      out.push(t.statusChange(labelIn(m.workflow.status, d.from), labelIn(m.workflow.status, d.to)));
      break;
    case "message.posted":
      if (typeof d.thread === "string") out.push(labelIn(t.thread, d.thread));
      if (typeof d.attachments === "number" && d.attachments > 0) out.push(t.files(d.attachments));
      if (d.feedback === true) out.push(t.feedback);
      break;
    case "report.submitted":
      if (typeof d.attachments === "number" && d.attachments > 0) out.push(t.files(d.attachments));
      break;
    case "triage.saved":
      if (typeof d.severity === "number") out.push(severityLabel(m, d.severity));
      if (typeof d.category === "string") out.push(labelIn(Object.fromEntries(Object.entries(m.hotline.form.categories).map(([k, v]) => [k, v.label])), d.category));
      if (d.urgent === true) out.push(t.urgent);
      break;
    case "remediation.status":
      out.push(t.statusChange(labelIn(m.remediation.status, d.from), labelIn(m.remediation.status, d.status)));
      break;
    case "reminder.sent":
      if (typeof d.clock === "string") out.push(labelIn(t.clock, d.clock));
      if (typeof d.recipients === "number") out.push(t.recipients(d.recipients));
      break;
    case "grant.added":
    case "grant.revoked": {
      const auditor = handler(d.userId);
      if (auditor) out.push(t.auditor(auditor));
      if (typeof d.until === "string") out.push(t.grantUntil(d.until));
      break;
    }
    case "findings.recorded":
    case "findings.approved":
    case "case.closed":
      if (typeof d.outcome === "string") out.push(labelIn(m.workflow.outcome, d.outcome));
      break;
    default:
      for (const key of ACCOUNT_DETAIL_KEYS) {
        const name = handler(d[key]);
        if (name) out.push(t.handler(name));
      }
      if (typeof d.reason === "string") out.push(t.reason(d.reason));
  }
  return out;
}

export default function CaseTimeline() {
  const { order, page, pageCount, events, names } = useLoaderData<typeof loader>();
  const m = useMessages();
  const t = m.cases.timeline;
  const location = useLocation();
  const when = useDateTime();
  const actor = (kind: string, userId: string | null) =>
    kind === "SYSTEM" ? t.actorSystem : kind === "REPORTER" ? t.actorReporter : userId ? (names[userId] ?? t.actorUnknown) : t.actorUnknown;
  const orderLink = (o: "oldest" | "newest") => `${location.pathname}?order=${o}`;
  return (
    <section className="stack" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t.heading}</h2>
      <nav aria-label={t.order} className="filter-tabs">
        <Link to={orderLink("oldest")} aria-current={order === "oldest" ? "page" : undefined}>
          {t.oldestFirst}
        </Link>
        <Link to={orderLink("newest")} aria-current={order === "newest" ? "page" : undefined}>
          {t.newestFirst}
        </Link>
      </nav>
      {events.length === 0 ? <p className="muted">{t.empty}</p> : null}
      <ListTable
        columns={columnsFrom(t, ["when", "who", "what"])}
        rows={events}
        rowKey={(e) => e.id}
        rowProps={(e) => ({ "data-event": e.type })}
        empty={null}
        page={page}
        pageCount={pageCount}
        cells={(e) => {
          const details = describe(m, e.type, e.details, names);
          return (
            <>
              <td>
                <time dateTime={e.at}>{when(e.at)}</time>
              </td>
              <td>{actor(e.actorKind, e.actorUserId)}</td>
              <td>
                {t.events[e.type] ?? e.type}
                {details.length > 0 ? <span className="muted">{` · ${details.join(" · ")}`}</span> : null}
              </td>
            </>
          );
        }}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
