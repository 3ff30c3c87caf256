// The outbox: every queued, sent and failed email, newest first, filtered by status.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { getEnv } from "~/modules/config/env.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { listOutbox, type OutboxFilter } from "~/modules/mail/outbox-admin.server";
import { columnsFrom, FilterTabs, ListPage, ListTable, ListTotal } from "~/components/list-page";
import { FormMessage } from "~/components/form";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.outbox);

// Here, not in the .server module: the component needs the list too, and the client bundle gets
// nothing from .server files.
const OUTBOX_FILTERS = ["queued", "sent", "failed"] as const satisfies readonly OutboxFilter[];
const StatusParam = z.enum(OUTBOX_FILTERS).nullable().catch(null);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox:any");
  const url = new URL(request.url);
  const status = StatusParam.parse(url.searchParams.get("status"));
  const page = pageFromUrl(url);
  const { rows, total, counts } = await listOutbox({ status, page });
  return json({ rows, total, counts, status, page, pages: pageCount(total), local: getEnv().MAIL_TRANSPORT === "local" });
}

const STATUS_BADGE = { QUEUED: "badge warn", SENT: "badge ok", FAILED: "badge danger" } as const;

export default function Outbox() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const when = useDateTime();
  const all = data.counts.QUEUED + data.counts.SENT + data.counts.FAILED;
  const filters: { value: OutboxFilter | null; label: string; count: number }[] = [
    { value: null, label: m.mail.outbox.all, count: all },
    ...OUTBOX_FILTERS.map((f) => {
      const status = f.toUpperCase() as keyof typeof data.counts;
      return { value: f, label: m.mail.outbox.status[status], count: data.counts[status] };
    }),
  ];
  return (
    <ListPage title={m.mail.outbox.title} intro={m.mail.outbox.intro}>
      {data.local ? <FormMessage kind="info">{m.mail.outbox.localTransport}</FormMessage> : null}
      <FilterTabs
        label={m.mail.outbox.filterLabel}
        tabs={filters.map((f) => ({
          key: f.value ?? "all",
          to: f.value ? `/admin/outbox?status=${f.value}` : "/admin/outbox",
          current: f.value === data.status,
          label: m.mail.outbox.statusCount(f.label, f.count),
        }))}
      />
      <ListTotal>{m.common.results(data.total)}</ListTotal>
      <ListTable
        columns={columnsFrom(m.mail.outbox, ["created", "recipient", "subject", "language", "statusHeading", "attempts"], ["attempts"])}
        rows={data.rows}
        rowKey={(row) => row.id}
        cells={(row) => (
          <>
            <td>{when(row.createdAt)}</td>
            <td>{row.toAddress}</td>
            <td>
              <Link to={`/admin/outbox/${row.id}`}>{row.subject}</Link>
            </td>
            <td>{m.mail.outbox.locales[row.locale]}</td>
            <td>
              <span className={STATUS_BADGE[row.status]}>{m.mail.outbox.status[row.status]}</span>
            </td>
            <td className="num">{row.attempts}</td>
          </>
        )}
        empty={m.mail.outbox.empty}
        page={data.page}
        pageCount={data.pages}
      />
    </ListPage>
  );
}
