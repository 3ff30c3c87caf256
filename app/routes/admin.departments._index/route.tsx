import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { DEPARTMENT_PAGE_SIZE, listDepartments } from "~/modules/people/departments.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { useDisplayName } from "~/modules/people/ui";
import { ListPage, ListTable, ListTotal } from "~/components/list-page";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.departments);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:department:any");
  const page = pageFromUrl(new URL(request.url));
  const { total, rows } = await listDepartments(page);
  return json({ total, rows, page, pageCount: pageCount(total, DEPARTMENT_PAGE_SIZE) });
}

export default function Departments() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const d = m.people.departments;
  const name = useDisplayName();
  return (
    <ListPage
      title={d.title}
      actions={
        <Link to="/admin/departments/new" className="button">
          {d.newDepartment}
        </Link>
      }
    >
      <ListTotal>{d.total(data.total)}</ListTotal>
      <ListTable
        className="department-tree"
        columns={[
          { key: "name", label: d.name },
          { key: "code", label: d.code },
          { key: "activePeople", label: d.activePeople, numeric: true },
          { key: "status", label: d.status },
        ]}
        rows={data.rows}
        rowKey={(row) => row.id}
        rowProps={(row) => ({ "data-depth": row.depth })}
        cells={(row) => (
          <>
            <td className={`tree-indent-${Math.min(row.depth, 8)}`}>
              {row.depth > 0 ? <span aria-hidden="true" className="tree-mark">└ </span> : null}
              <Link to={`/admin/departments/${row.id}`}>{name(row)}</Link>
            </td>
            <td>{row.code}</td>
            <td className="num">
              <Link to={`/admin/people?department=${row.id}&status=ACTIVE`}>{row.activePeople}</Link>
            </td>
            <td>
              <span className={row.active ? "badge ok" : "badge"}>{row.active ? d.active : d.inactive}</span>
            </td>
          </>
        )}
        empty={d.none}
        page={data.page}
        pageCount={data.pageCount}
      />
    </ListPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
