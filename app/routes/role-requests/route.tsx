// The compliance leads' page for role-grant requests (ADR 0014): roles that open case content or
// the audit log take effect only when a lead other than the requester and the account's holder approves.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { ROLE_GRANT_DECIDER_PERMISSION } from "~/modules/auth/permissions";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { parseIntent } from "~/modules/http/forms";
import { decideRoleGrant, listPendingRoleGrants, ROLE_REQUESTS_PAGE_SIZE } from "~/modules/people/role-grants.server";
import { RoleRequestsTable } from "~/modules/people/role-requests-table";
import { FormMessage } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { actionError, badRequest, type ActionFailure } from "~/modules/http/respond.server";
import { explain } from "~/modules/http/explain";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.roleRequests);

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, ROLE_GRANT_DECIDER_PERMISSION);
  const url = new URL(request.url);
  const page = pageFromUrl(url);
  const list = await listPendingRoleGrants({ page });
  const done = url.searchParams.get("done");
  return json({
    rows: list.rows,
    total: list.total,
    page,
    pageCount: pageCount(list.total, ROLE_REQUESTS_PAGE_SIZE),
    viewerId: auth.user.id,
    done: done === "approved" || done === "rejected" ? done : null,
  });
}

const requestId = z.string({ required_error: "required" }).min(1, "required").max(64, "invalid");
const RoleDecision = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), requestId }),
  z.object({ intent: z.literal("reject"), requestId }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, ROLE_GRANT_DECIDER_PERMISSION);
  const formData = await request.formData();
  const parsed = parseIntent(RoleDecision, formData);
  if (!parsed.ok) throw badRequest();
  try {
    await decideRoleGrant({ requestId: parsed.data.requestId, actorUserId: auth.user.id, approve: parsed.data.intent === "approve" });
  } catch (error) {
    return actionError({ error, form: formData });
  }
  return redirect(`/role-requests?done=${parsed.data.intent === "approve" ? "approved" : "rejected"}`);
}

export default function RoleRequestsPage() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  const t = m.people.roleRequests;
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {data.done ? <FormMessage kind="success">{data.done === "approved" ? t.approved : t.rejected}</FormMessage> : null}
      {failed?.formError ? <FormMessage kind="error">{explain(m, failed.formError, m.people.errors)}</FormMessage> : null}
      <p className="muted" aria-live="polite">
        {t.total(data.total)}
      </p>
      <RoleRequestsTable rows={data.rows} decide viewerId={data.viewerId} />
      <Pagination page={data.page} pageCount={data.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
