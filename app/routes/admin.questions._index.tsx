// The administrator's questions, one category at a time, in the order the report form asks them:
// move up or down, retire or put back, and links to add or edit (issue 3, point 1).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { pageCount, pageFromUrl, PAGE_SIZE } from "~/modules/http/pagination";
import { parseForm } from "~/modules/http/forms";
import { listQuestions, moveQuestion, QuestionNotFoundError, setQuestionActive } from "~/modules/hotline/questions.server";
import { REPORT_CATEGORIES, type ReportCategory } from "~/modules/hotline/report-options";
import { localized } from "~/i18n/localized";
import { FormMessage } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useLocale, useMessages } from "~/i18n/use-messages";
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
  const { total, rows, counts } = await listQuestions(category, page);
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

const listActionSchema = z.object({
  intent: z.enum(["up", "down", "retire", "reactivate"]),
  id: z.string().min(1).max(64),
  category: z.string().optional(),
  page: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:setting:any");
  const parsed = parseForm(listActionSchema, await request.formData());
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  const { intent, id } = parsed.data;
  try {
    if (intent === "up" || intent === "down") await moveQuestion(user.id, id, intent);
    else await setQuestionActive(user.id, id, intent === "reactivate");
  } catch (error) {
    if (error instanceof QuestionNotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
  const done: Done = intent === "up" || intent === "down" ? "moved" : intent === "retire" ? "retired" : "reactivated";
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
    <div className="stack">
      <div className="toolbar">
        <h1>{q.title}</h1>
        <p>
          <Link to={`/admin/questions/new?category=${data.category}`} className="button">
            {q.newQuestion}
          </Link>
        </p>
      </div>
      <p className="muted">{q.intro}</p>
      {data.done ? <FormMessage kind="success">{q.done[data.done]}</FormMessage> : null}
      <nav className="filter-tabs" aria-label={q.categoriesLabel}>
        {REPORT_CATEGORIES.map((c) => (
          <Link key={c} to={`/admin/questions?category=${c}`} aria-current={c === data.category ? "page" : undefined}>
            {q.tab(m.hotline.form.categories[c].label, data.counts[c].active)}
          </Link>
        ))}
      </nav>
      <h2>{m.hotline.form.categories[data.category].label}</h2>
      <p className="muted">{q.categoryCount(counts.active, counts.retired)}</p>
      {data.rows.length === 0 ? (
        <p>{q.none}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {q.columns.order}
                </th>
                <th scope="col">{q.columns.label}</th>
                <th scope="col">{q.columns.kind}</th>
                <th scope="col">{q.columns.required}</th>
                <th scope="col">{q.columns.status}</th>
                <th scope="col">{q.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row, i) => {
                const label = localized(row, "label", locale);
                const index = data.offset + i;
                return (
                  <tr key={row.id}>
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
                  </tr>
                );
              })}
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
