import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { resolveLocale } from "~/modules/http/locale.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { departmentTree } from "~/modules/people/departments.server";
import { listPeople, type PeopleSort } from "~/modules/people/people.server";
import { PERSON_KINDS, PERSON_STATUSES, type PersonKindValue, type PersonStatusValue } from "~/modules/people/people.schema";
import { useDisplayName } from "~/modules/people/ui";
import { SelectField, TextField } from "~/components/fields";
import { Pagination } from "~/components/pagination";
import { columnsFrom, FilterForm, ListPage, ListTable, ListTotal } from "~/components/list-page";
import { hasPermission } from "~/modules/auth/permissions";
import { listPendingRoleGrants, ROLE_REQUESTS_PAGE_SIZE } from "~/modules/people/role-grants.server";
import { RoleRequestsTable } from "~/modules/people/role-requests-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { localizedKey } from "~/i18n/localized";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.people);

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v && (values as readonly string[]).includes(v) ? (v as T) : null);

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "manage:people:any");
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const departmentId = url.searchParams.get("department") || null;
  const status = oneOf<PersonStatusValue>(PERSON_STATUSES, url.searchParams.get("status"));
  const kind = oneOf<PersonKindValue>(PERSON_KINDS, url.searchParams.get("kind"));
  const sort: PeopleSort = url.searchParams.get("sort") === "name" ? "name" : "number";
  const page = pageFromUrl(url);
  const locale = resolveLocale(request, auth.user.locale);
  const requestsPage = pageFromUrl(url, "requests");
  const [list, departments, requests] = await Promise.all([
    listPeople({ q, departmentId, status, kind, sort, page, nameField: localizedKey("name", locale) }),
    departmentTree(),
    hasPermission(auth.user.permissions, "manage:user:any") ? listPendingRoleGrants({ page: requestsPage }) : null,
  ]);
  return json({
    requests: requests
      ? { rows: requests.rows, total: requests.total, page: requestsPage, pageCount: pageCount(requests.total, ROLE_REQUESTS_PAGE_SIZE) }
      : null,
    filters: { q, departmentId, status, kind, sort },
    page,
    pageCount: pageCount(list.total),
    total: list.total,
    rows: list.rows,
    departments: departments.map((d) => ({ id: d.id, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, depth: d.depth })),
  });
}

export default function PeopleList() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const name = useDisplayName();
  const s = m.people.search;
  const indent = (depth: number) => "\u00a0\u00a0".repeat(depth);
  return (
    <ListPage
      title={m.people.title}
      actions={
        <>
          <Link to="/admin/people/new" className="button">
            {m.people.newPerson}
          </Link>{" "}
          <Link to="/admin/people/import" className="button secondary">
            {m.people.importLink}
          </Link>
        </>
      }
    >
      {data.requests && data.requests.total > 0 ? (
        <section className="card stack" aria-labelledby="role-requests-heading">
          <h2 id="role-requests-heading">{m.people.roleRequests.adminHeading}</h2>
          <p className="muted">{m.people.roleRequests.total(data.requests.total)}</p>
          <RoleRequestsTable rows={data.requests.rows} linkPeople />
          <Pagination page={data.requests.page} pageCount={data.requests.pageCount} param="requests" />
        </section>
      ) : null}
      <FilterForm apply={s.apply} clear={s.clear} clearTo="/admin/people">
        <TextField label={s.label} hint={s.hint} name="q" type="search" defaultValue={data.filters.q} />
        <SelectField
          label={s.department}
          name="department"
          defaultValue={data.filters.departmentId ?? ""}
          options={[{ value: "", label: s.anyDepartment }, ...data.departments.map((d) => ({ value: d.id, label: `${indent(d.depth)}${name(d)} (${d.code})` }))]}
        />
        <SelectField
          label={s.status}
          name="status"
          defaultValue={data.filters.status ?? ""}
          options={[{ value: "", label: s.anyStatus }, ...PERSON_STATUSES.map((v) => ({ value: v, label: m.people.statuses[v] }))]}
        />
        <SelectField
          label={s.kind}
          name="kind"
          defaultValue={data.filters.kind ?? ""}
          options={[{ value: "", label: s.anyKind }, ...PERSON_KINDS.map((v) => ({ value: v, label: m.people.kinds[v] }))]}
        />
        <SelectField
          label={s.sort}
          name="sort"
          defaultValue={data.filters.sort}
          options={[
            { value: "number", label: s.sortNumber },
            { value: "name", label: s.sortName },
          ]}
        />
      </FilterForm>
      <ListTotal>{m.people.total(data.total)}</ListTotal>
      <ListTable
        columns={columnsFrom(m.people.columns, ["employeeNumber", "name", "email", "department", "status", "account"])}
        rows={data.rows}
        rowKey={(p) => p.id}
        cells={(p) => (
          <>
            <td>
              <Link to={`/admin/people/${p.id}`}>{p.employeeNumber}</Link>
            </td>
            <td>
              <Link to={`/admin/people/${p.id}`}>{p.nameZh}</Link>
              <br />
              <span className="muted">{p.nameEn}</span>
              {p.kind === "SUPPLIER_CONTACT" ? (
                <>
                  {" "}
                  <span className="badge">{m.people.kinds.SUPPLIER_CONTACT}</span>
                </>
              ) : null}
            </td>
            <td>{p.email ?? m.common.none}</td>
            <td>{p.department ? name(p.department) : m.common.none}</td>
            <td>
              <span className={p.status === "ACTIVE" ? "badge ok" : "badge"}>{m.people.statuses[p.status]}</span>
            </td>
            <td>{p.user ? m.people.account.statuses[p.user.status] : m.people.account.none}</td>
          </>
        )}
        empty={s.noResults}
        page={data.page}
        pageCount={data.pageCount}
      />
    </ListPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
