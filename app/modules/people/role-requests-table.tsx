// The pending role-grant requests as a table: read-only on the administrator's people page, with
// approve/reject buttons for the compliance leads on /role-requests. Client-safe.
import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { PendingRoleGrant } from "./role-grants.server";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";
import { ListTable, type ListColumn } from "~/components/list-page";
import { localized } from "~/i18n/localized";

type Row = SerializeFrom<PendingRoleGrant>;

export function RoleRequestsTable({ rows, decide, viewerId, linkPeople }: { rows: Row[]; decide?: boolean; viewerId?: string; linkPeople?: boolean }) {
  const m = useMessages();
  const locale = useLocale();
  const t = m.people.roleRequests;
  const name = (n: { nameZh: string | null; nameEn: string | null; email: string }) => localized(n, "name", locale) ?? n.email;
  const when = useDateTime();
  const columns: ListColumn[] = [
    { key: "account", label: t.account },
    { key: "role", label: t.role },
    { key: "requestedBy", label: t.requestedBy },
    { key: "requestedAt", label: t.requestedAt },
    ...(decide ? [{ key: "decide", label: null }] : []),
  ];
  return (
    <ListTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ "data-request": r.id })}
      empty={t.none}
      cells={(r) => (
        <>
          <td>
            {linkPeople && r.user.personId ? <Link to={`/admin/people/${r.user.personId}`}>{name(r.user)}</Link> : name(r.user)}
            <br />
            <span className="muted">{r.user.email}</span>
          </td>
          <td>{(m.roles as Record<string, string>)[r.roleKey] ?? r.roleKey}</td>
          <td>{name(r.requestedBy)}</td>
          <td>{when(r.createdAt)}</td>
          {decide ? (
            <td>
              {r.requestedBy.id === viewerId || r.user.id === viewerId ? (
                <span className="muted">{t.yours}</span>
              ) : (
                <Form method="post" className="form-row">
                  <input type="hidden" name="requestId" value={r.id} />
                  <button type="submit" name="intent" value="approve">
                    {t.approve}
                  </button>
                  <button type="submit" name="intent" value="reject" className="button secondary">
                    {t.reject}
                  </button>
                </Form>
              )}
            </td>
          ) : null}
        </>
      )}
    />
  );
}
