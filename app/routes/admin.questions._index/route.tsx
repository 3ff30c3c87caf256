// The administrator's questions, one category at a time, in the order the report form asks them:
// move up or down, retire or put back, and links to add or edit.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { pageCount, pageFromUrl, PAGE_SIZE } from "~/modules/http/pagination";
import { parseIntent } from "~/modules/http/forms";
import { listQuestions, moveQuestion, setQuestionActive } from "~/modules/hotline/questions.server";
import { REPORT_CATEGORIES, type ReportCategory } from "~/modules/hotline/report-options";
import { localized } from "~/i18n/localized";
import { FormMessage } from "~/components/form";
import { FilterTabs, ListPage, ListTable, ListTotal } from "~/components/list-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale, useMessages } from "~/i18n/use-messages";
import { badRequest, throwRefusal } from "~/modules/http/respond.server";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.questions);

const DONE = ["moved", "retired", "reactivated"] as const;
type Done = (typeof DONE)[number];

function categoryOf(value: string | null): ReportCategory {
  return (REPORT_CATEGORIES as readonly string[]).includes(value ?? "") ? (value as ReportCategory) : REPORT_CATEGORIES[0];
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:setting:any");
  const url = new URL(request.url);
  const category = categoryOf(url.searchParams.get("category"));
  const page = pageFromUrl(url);
  const { total, rows, counts } = await listQuestions({ category, page });
  const done = url.searchParams.get("done");
  return json({
    category,
    page,
    pageCount: pageCount(total, PAGE_SIZE),
    offset: (page - 1) * PAGE_SIZE,
    rows,
    counts,
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
  });
}

/** Every row's buttons post the question and where the list was (category, page) to come back to. */
const row = { id: z.string().min(1).max(64), category: z.string().optional(), page: z.string().optional() };
const QuestionListPost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("up"), ...row }),
  z.object({ intent: z.literal("down"), ...row }),
  z.object({ intent: z.literal("retire"), ...row }),
  z.object({ intent: z.literal("reactivate"), ...row }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:setting:any");
  const parsed = parseIntent(QuestionListPost, await request.formData());
  if (!parsed.ok) throw badRequest();
  const { intent, id } = parsed.data;
  let done: Done;
  try {
    switch (intent) {
      case "up":
      case "down":
        await moveQuestion({ actorUserId: user.id, questionId: id, direction: intent });
        done = "moved";
        break;
      case "retire":
      case "reactivate":
        await setQuestionActive({ actorUserId: user.id, questionId: id, active: intent === "reactivate" });
        done = intent === "retire" ? "retired" : "reactivated";
        break;
    }
  } catch (error) {
    throwRefusal(error);
  }
  const page = Number(parsed.data.page);
  const back = new URLSearchParams({ category: categoryOf(parsed.data.category ?? null), done });
  if (Number.isInteger(page) && page > 1) back.set("page", String(page));
  return redirect(`/admin/questions?${back.toString()}`);
}

export default function Questions() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const locale = useLocale();
  const q = m.questions;
  const counts = data.counts[data.category];
  const last = data.offset + data.rows.length - 1;
  return (
    <ListPage
      title={q.title}
      actions={
        <Link to={`/admin/questions/new?category=${data.category}`} className="button">
          {q.newQuestion}
        </Link>
      }
      intro={q.intro}
    >
      {data.done ? <FormMessage kind="success">{q.done[data.done]}</FormMessage> : null}
      <FilterTabs
        label={q.categoriesLabel}
        tabs={REPORT_CATEGORIES.map((c) => ({
          key: c,
          to: `/admin/questions?category=${c}`,
          current: c === data.category,
          label: q.tab(m.hotline.form.categories[c].label, data.counts[c].active),
        }))}
      />
      <h2>{m.hotline.form.categories[data.category].label}</h2>
      <ListTotal>{q.categoryCount(counts.active, counts.retired)}</ListTotal>
      <ListTable
        columns={[
          { key: "order", label: q.columns.order, numeric: true },
          { key: "label", label: q.columns.label },
          { key: "kind", label: q.columns.kind },
          { key: "required", label: q.columns.required },
          { key: "status", label: q.columns.status },
          { key: "actions", label: q.columns.actions },
        ]}
        rows={data.rows}
        rowKey={(row) => row.id}
        cells={(row, i) => {
          const label = localized(row, "label", locale);
          const index = data.offset + i;
          return (
            <>
              <td className="num">{index + 1}</td>
              <td>
                <Link to={`/admin/questions/${row.id}`}>{label}</Link>
              </td>
              <td>{q.kinds[row.kind]}</td>
              <td>{row.required ? m.common.yes : m.common.no}</td>
              <td>
                <span className={row.active ? "badge ok" : "badge"}>{row.active ? q.active : q.retired}</span>
              </td>
              <td>
                <Form method="post" className="toolbar">
                  <input type="hidden" name="id" value={row.id} />
                  <input type="hidden" name="category" value={data.category} />
                  <input type="hidden" name="page" value={data.page} />
                  <button type="submit" name="intent" value="up" className="button secondary" disabled={index === 0} aria-label={q.moveUpLabel(label)}>
                    {q.moveUp}
                  </button>
                  <button type="submit" name="intent" value="down" className="button secondary" disabled={index === last && data.page === data.pageCount} aria-label={q.moveDownLabel(label)}>
                    {q.moveDown}
                  </button>
                  <button type="submit" name="intent" value={row.active ? "retire" : "reactivate"} className="button secondary" aria-label={row.active ? q.retireLabel(label) : q.reactivateLabel(label)}>
                    {row.active ? q.retire : q.reactivate}
                  </button>
                </Form>
              </td>
            </>
          );
        }}
        empty={q.none}
        page={data.page}
        pageCount={data.pageCount}
      />
    </ListPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
