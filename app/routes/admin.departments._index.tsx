import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { DEPARTMENT_PAGE_SIZE, listDepartments } from "~/modules/people/departments.server";
import { Pagination } from "~/components/pagination";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { useDisplayName } from "~/modules/people/ui";
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
    <div className="stack">
      <div className="toolbar">
        <h1>{d.title}</h1>
        <p>
          <Link to="/admin/departments/new" className="button">
            {d.newDepartment}
          </Link>
        </p>
      </div>
      <p className="muted">{d.total(data.total)}</p>
      {data.rows.length === 0 ? (
        <p>{d.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="department-tree">
            <thead>
              <tr>
                <th scope="col">{d.name}</th>
                <th scope="col">{d.code}</th>
                <th scope="col" className="num">
                  {d.activePeople}
                </th>
                <th scope="col">{d.status}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id} data-depth={row.depth}>
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
