// Remediation actions across cases, for the audit committee's quarterly review:
// compliance leads and auditors. Titles, owners, dates and statuses only — clear by design, so no
// report key is opened here; progress notes stay on each case's tab.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { listFilterFromUrl, listRemediation, type StatusCounts } from "~/modules/cases/remediation.server";
import { EXPORT_MAX_ROWS, OWNER_SEARCH_MAX, REMEDIATION_STATUSES } from "~/modules/cases/remediation";
import { quarterKey, quarterOf } from "~/modules/time/quarters";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { getSetting } from "~/modules/settings/settings.server";
import { useDisplayName } from "~/modules/people/ui";
import { CheckboxField, SelectField, TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { columnsFrom, FilterForm, FilterTabs, ListPage, ListTable, ListTotal } from "~/components/list-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { explain } from "~/modules/http/explain";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.remediation, { noindex: true });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "read:remediation:any");
  const url = new URL(request.url);
  const page = pageFromUrl(url);
  const timeZone = await getSetting("org.timeZone");
  const quarterExample = quarterKey(quarterOf(new Date(), timeZone));
  const parsed = listFilterFromUrl(url);
  if (!parsed.ok) {
    // Nothing is listed for a filter that cannot be applied: an unfiltered list would look like an answer.
    const rows: Awaited<ReturnType<typeof listRemediation>>["rows"] = [];
    return json({ ok: false, values: parsed.values, fieldErrors: parsed.fieldErrors, rows, counts: null as StatusCounts | null, total: 0, page, pageCount: 1, quarterExample });
  }
  const list = await listRemediation({ filter: parsed.filter, viewer: user, timeZone, page });
  return json({
    ok: true,
    values: parsed.values,
    fieldErrors: {} as Record<string, string>,
    rows: list.rows,
    counts: list.counts as StatusCounts | null,
    total: list.total,
    page,
    pageCount: pageCount(list.total),
    quarterExample,
  });
}

export default function RemediationList() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const r = m.remediation;
  const l = r.list;
  const name = useDisplayName();
  const location = useLocation();
  const v = data.values;
  const err = (field: string) => data.fieldErrors[field];
  // The same query without the page (and, for the status links, without the status).
  const queryWith = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(location.search);
    params.delete("page");
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  return (
    <ListPage title={l.title} intro={l.intro}>
      <FilterForm label={l.filters} apply={l.apply} clear={l.clear} clearTo="/remediation">
        <SelectField
          label={l.status}
          name="status"
          defaultValue={v.status}
          error={err("status")}
          options={[{ value: "", label: l.anyStatus }, ...REMEDIATION_STATUSES.map((s) => ({ value: s, label: r.status[s] }))]}
        />
        <TextField label={l.owner} hint={l.ownerHint} name="owner" type="search" maxLength={OWNER_SEARCH_MAX} defaultValue={v.owner} error={err("owner")} />
        <TextField label={l.quarter} hint={l.quarterHint(data.quarterExample)} name="quarter" defaultValue={v.quarter} error={err("quarter")} />
        <TextField label={l.dueFrom} hint={l.dateHint} name="dueFrom" type="date" defaultValue={v.dueFrom} error={err("dueFrom")} />
        <TextField label={l.dueTo} hint={l.dateHint} name="dueTo" type="date" defaultValue={v.dueTo} error={err("dueTo")} />
        <CheckboxField label={l.overdueOnly} name="overdue" value="1" defaultChecked={v.overdue === "1" || v.overdue === "on"} />
        <SelectField
          label={l.sort}
          name="sort"
          defaultValue={v.sort === "status" ? "status" : "due"}
          options={[
            { value: "due", label: l.sortDue },
            { value: "status", label: l.sortStatus },
          ]}
        />
      </FilterForm>
      {/* The remediation catalogue's filter errors (quarter, date range) are not in the shared fields' catalogues. */}
      {!data.ok ? (
        <FormMessage kind="error">
          {l.invalidFilters}{" "}
          {Object.values(data.fieldErrors)
            .map((key) => explain(m, key, m.remediation.errors))
            .join(" ")}
        </FormMessage>
      ) : null}

      {data.counts ? (
        <FilterTabs
          label={l.counts}
          tabs={[
            {
              key: "all",
              to: `/remediation${queryWith({ status: null })}`,
              current: v.status === "",
              label: `${l.anyStatus} (${REMEDIATION_STATUSES.reduce((sum, s) => sum + data.counts![s], 0)})`,
            },
            ...REMEDIATION_STATUSES.map((s) => ({ key: s, to: `/remediation${queryWith({ status: s })}`, current: v.status === s, label: `${r.status[s]} (${data.counts![s]})` })),
          ]}
        />
      ) : null}

      {data.ok ? (
        <div className="toolbar">
          <ListTotal>{l.total(data.total)}</ListTotal>
          <p>
            <a href={`/remediation/export${queryWith({})}`} className="button secondary" download>
              {l.export}
            </a>{" "}
            <span className="muted">{l.exportHint(EXPORT_MAX_ROWS)}</span>
          </p>
        </div>
      ) : null}

      <ListTable
        columns={columnsFrom(r.columns, ["case", "title", "owner", "department", "due", "status"])}
        rows={data.rows}
        rowKey={(row) => row.id}
        cells={(row) => (
          <>
            <td>{row.canOpenCase ? <Link to={`/cases/${row.reportId}/remediation#action-${row.id}`}>{row.reference}</Link> : row.reference}</td>
            <td>{row.title}</td>
            <td>
              {name(row.owner)}
              <br />
              <span className="muted">{row.owner.employeeNumber}</span>
            </td>
            <td>{row.department ? name(row.department) : m.common.none}</td>
            <td>
              {row.dueDate}
              {row.overdue ? (
                <>
                  {" "}
                  <span className="badge danger">{r.overdue}</span>
                </>
              ) : null}
            </td>
            <td>
              <span className={row.status === "DONE" ? "badge ok" : "badge"}>{r.status[row.status]}</span>
              {row.completedAt ? (
                <>
                  <br />
                  <span className="muted">{r.caseTab.completedOn(row.completedAt)}</span>
                </>
              ) : null}
            </td>
          </>
        )}
        // Invalid filters list nothing and say why above, not "no actions".
        empty={data.ok ? l.none : null}
        page={data.page}
        pageCount={data.pageCount}
      />
    </ListPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
