// The case queue. Only the cases visibleCasesWhere lets the viewer see; filters
// are a plain GET form (works without JavaScript), and the page opens no sealed content.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "~/modules/auth/session.server";
import { forbidden } from "~/modules/cases/access.server";
import { listQueue, listQueueAssignees, parseQueueQuery } from "~/modules/cases/queue.server";
import { QUEUE_SORTS } from "~/modules/cases/queue";
import { CASE_STAGES, SEVERITY_LEVELS, severityLabel, stageLabel } from "~/modules/cases/workflow";
import { REPORT_CATEGORIES, REPORT_CHANNELS } from "~/modules/hotline/report-options";
import { formatReference } from "~/modules/hotline/receipt";
import { clockState } from "~/modules/time/deadlines";
import { resolveLocale } from "~/modules/http/locale.server";
import { CheckboxField, SelectField } from "~/components/fields";
import { columnsFrom, FilterForm, FilterTabs, ListPage, ListTable, ListTotal } from "~/components/list-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.cases, { noindex: true });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const { filters, page } = parseQueueQuery(new URL(request.url));
  const queue = await listQueue({ viewer: user, filter: filters, page, locale });
  if (!queue) throw forbidden();
  const assignees = await listQueueAssignees(locale);
  return json({
    filters,
    queue: { ...queue, rows: queue.rows.map((r) => ({ ...r, reference: formatReference(r.reference) })) },
    assignees,
    canRecord: user.permissions.has("create:intake:any"),
  });
}

function ClockCell({ due, done, closed }: { due: string; done: string | null; closed: boolean }) {
  const m = useMessages();
  const when = useDateTime("date");
  if (closed) return <>{m.cases.queue.closedClock}</>;
  const state = clockState(due, done);
  return (
    <>
      {when(due)}{" "}
      {state === "met" && done ? <span className="badge ok">{m.cases.clocks.met(when(done))}</span> : null}
      {state === "overdue" ? <span className="badge danger">{m.cases.clocks.overdue}</span> : null}
      {state === "dueSoon" ? <span className="badge warn">{m.cases.clocks.dueSoon}</span> : null}
    </>
  );
}

type QueueColumn = keyof ReturnType<typeof useMessages>["cases"]["queue"]["columns"];

/**
 * One cell of the queue. On a phone the rows become cards (app.css, .queue-table): each cell then
 * shows its column's name itself, since the header row is hidden (still read by screen readers,
 * which is why the cell's own copy of the name is hidden from them).
 */
function Cell({ column, children }: { column: QueueColumn; children: ReactNode }) {
  const m = useMessages();
  return (
    <td data-column={column}>
      <span className="cell-label" aria-hidden="true">
        {m.cases.queue.columns[column]}
      </span>
      <span className="cell-value">{children}</span>
    </td>
  );
}

export default function CaseQueue() {
  const { filters, queue, assignees, canRecord } = useLoaderData<typeof loader>();
  const m = useMessages();
  const q = m.cases.queue;
  // Every filter starts with "any", which is no filter.
  const anyOr = (options: { value: string; label: string }[]) => [{ value: "", label: q.any }, ...options];
  const location = useLocation();
  const received = useDateTime();
  const withStatus = (status: string | null) => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    if (status) params.set("status", status);
    else params.delete("status");
    const search = params.toString();
    return search ? `/cases?${search}` : "/cases";
  };
  const filtered = location.search.replace(/^\?/, "").split("&").some((p) => p && !p.startsWith("page=") && !p.startsWith("sort="));
  const allCount = CASE_STAGES.reduce((sum, s) => sum + queue.byStatus[s], 0);

  return (
    <ListPage
      title={q.title}
      actions={
        canRecord ? (
          <Link to="/cases/new" className="button">
            {q.recordReport}
          </Link>
        ) : null
      }
    >
      <FilterTabs
        label={q.statusCounts}
        tabs={[
          { key: "all", to: withStatus(null), current: !filters.status, label: `${q.any} (${allCount})` },
          ...CASE_STAGES.map((s) => ({ key: s, to: withStatus(s), current: filters.status === s, label: `${stageLabel(m, s)} (${queue.byStatus[s]})` })),
        ]}
      />
      <FilterForm label={q.filters} apply={q.apply} clear={q.clear} clearTo="/cases">
        <SelectField
          label={q.status}
          name="status"
          defaultValue={filters.status ?? ""}
          options={anyOr(CASE_STAGES.map((s) => ({ value: s, label: stageLabel(m, s) })))}
        />
        <SelectField
          label={q.severity}
          name="severity"
          defaultValue={filters.severity ?? ""}
          options={anyOr([
            ...SEVERITY_LEVELS.map((level) => ({ value: String(level), label: severityLabel(m, level) })),
            { value: "unrated", label: severityLabel(m, null) },
          ])}
        />
        <SelectField
          label={q.category}
          name="category"
          defaultValue={filters.category ?? ""}
          options={anyOr(REPORT_CATEGORIES.map((c) => ({ value: c, label: m.hotline.form.categories[c].label })))}
        />
        <SelectField
          label={q.channel}
          name="channel"
          defaultValue={filters.channel ?? ""}
          options={anyOr(REPORT_CHANNELS.map((c) => ({ value: c, label: m.cases.channel[c] })))}
        />
        <SelectField
          label={q.assignee}
          name="assignee"
          defaultValue={filters.assignee ?? ""}
          options={anyOr([
            { value: "me", label: q.me },
            { value: "unassigned", label: q.unassigned },
            ...assignees.map((a) => ({ value: a.id, label: a.name })),
          ])}
        />
        <SelectField
          label={q.sort}
          name="sort"
          defaultValue={filters.sort}
          options={QUEUE_SORTS.map((s) => ({ value: s, label: q.sorts[s] }))}
        />
        <CheckboxField label={q.overdue} name="overdue" value="1" defaultChecked={filters.overdue} />
        <CheckboxField label={q.urgent} name="urgent" value="1" defaultChecked={filters.urgent} />
      </FilterForm>
      <ListTotal>{q.total(queue.total)}</ListTotal>
      <ListTable
        className="queue-table"
        columns={columnsFrom(q.columns, ["reference", "category", "channel", "status", "severity", "assignees", "received", "acknowledge", "feedback"])}
        rows={queue.rows}
        rowKey={(r) => r.id}
        cells={(r) => (
          <>
            <Cell column="reference">
              <Link to={`/cases/${r.id}`} className="case-reference">{r.reference}</Link>
              {r.urgent ? (
                <>
                  {" "}
                  <span className="badge danger">{m.cases.header.urgent}</span>
                </>
              ) : null}
            </Cell>
            <Cell column="category">{m.hotline.form.categories[r.category].label}</Cell>
            <Cell column="channel">{m.cases.channel[r.channel]}</Cell>
            <Cell column="status">{stageLabel(m, r.status)}</Cell>
            <Cell column="severity">{severityLabel(m, r.severity)}</Cell>
            <Cell column="assignees">
              {!r.readable ? (
                <span className="muted">{m.cases.grants.metadataOnlyRow}</span>
              ) : r.assignees.length > 0 ? (
                r.assignees.join(", ")
              ) : (
                <span className="muted">{q.nobodyAssigned}</span>
              )}
            </Cell>
            <Cell column="received">{received(r.receivedAt)}</Cell>
            <Cell column="acknowledge">
              <ClockCell due={r.acknowledgeDueAt} done={r.acknowledgedAt} closed={r.status === "CLOSED"} />
            </Cell>
            <Cell column="feedback">
              <ClockCell due={r.feedbackDueAt} done={r.feedbackGivenAt} closed={r.status === "CLOSED"} />
            </Cell>
          </>
        )}
        empty={filtered ? q.empty : q.emptyAll}
        page={queue.page}
        pageCount={queue.pageCount}
      />
    </ListPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
