// The audit log for auditors: filter, page through, and check the hash chain on request.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { getSetting } from "~/modules/settings/settings.server";
import { AUDIT_FILTER_FIELDS, AuditLogFilterSchema, auditHeadLine, listAuditEvents, verifyChainForAuditor } from "~/modules/audit/audit-log.server";
import { TextField } from "~/components/fields";
import { FormMessage, PostButton } from "~/components/form";
import { ListPage, ListTable, ListTotal } from "~/components/list-page";
import { useDateTime, useLocale, useMessages, useTimeZone } from "~/i18n/use-messages";
import { z } from "zod";
import { badRequest } from "~/modules/http/respond.server";
import { localized } from "~/i18n/localized";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.auditLog);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:audit-log:any");
  const url = new URL(request.url);
  const query = new FormData();
  for (const field of AUDIT_FILTER_FIELDS) query.set(field, url.searchParams.get(field) ?? "");
  const parsed = parseForm(AuditLogFilterSchema, query);
  const values = Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, url.searchParams.get(f) ?? ""]));
  const page = pageFromUrl(url);
  const head = await auditHeadLine();
  if (!parsed.ok) {
    // Nothing is listed for a filter that cannot be applied: an unfiltered list would look like an answer.
    return json({ rows: [], total: 0, page, pages: 1, values, head, fieldErrors: parsed.fieldErrors });
  }
  const timeZone = await getSetting("org.timeZone");
  const { rows, total } = await listAuditEvents({ filter: parsed.data, page, timeZone });
  return json({ rows, total, page, pages: pageCount(total), values, head, fieldErrors: {} as Record<string, string> });
}

const VerifyForm = z.object({ intent: z.literal("verify") });

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "read:audit-log:any");
  const parsed = parseForm(VerifyForm, await request.formData());
  if (!parsed.ok) throw badRequest();
  const verification = await verifyChainForAuditor(user.id);
  return json({ verification });
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = useMessages();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const when = useDateTime("dateTimeSeconds");
  const l = m.audit.log;
  const errors = data.fieldErrors;
  const verification = actionData?.verification;
  const checking = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <ListPage title={l.title} intro={l.intro}>

      <section className="card stack" aria-labelledby="chain-heading">
        <h2 id="chain-heading">{m.audit.chain.heading}</h2>
        <p className="muted">{m.audit.chain.body}</p>
        {verification ? (
          verification.ok ? (
            <FormMessage kind="success">{m.audit.chain.intact(verification.lastSeq)}</FormMessage>
          ) : (
            <FormMessage kind="error">
              {m.audit.chain.broken(verification.seq)} {m.audit.chain.reasons[verification.reason]} {m.audit.chain.brokenAdvice}
            </FormMessage>
          )
        ) : null}
        <PostButton intent="verify" label={m.audit.chain.check} className="chain-status" disabled={checking} />
        <h3 id="chain-head-heading">{m.audit.chain.headHeading}</h3>
        <p className="muted">{m.audit.chain.headBody}</p>
        <p>
          <code aria-labelledby="chain-head-heading" data-testid="audit-head">
            {data.head}
          </code>
        </p>
      </section>

      <Form method="get" className="audit-filters stack" aria-label={l.filters}>
        {Object.keys(errors).length > 0 ? <FormMessage kind="error">{m.errors.formInvalid}</FormMessage> : null}
        <div className="form-row">
          <TextField label={l.action} hint={l.actionHint} name="action" defaultValue={data.values.action} maxLength={100} error={errors.action} />
          <TextField label={l.objectType} name="objectType" defaultValue={data.values.objectType} maxLength={100} error={errors.objectType} />
          <TextField label={l.objectId} name="objectId" defaultValue={data.values.objectId} maxLength={200} error={errors.objectId} />
        </div>
        <div className="form-row">
          <TextField label={l.actor} name="actor" type="email" defaultValue={data.values.actor} maxLength={254} error={errors.actor} />
          <TextField label={l.from} hint={l.dateHint(timeZone)} name="from" type="date" defaultValue={data.values.from} error={errors.from} />
          <TextField label={l.to} hint={l.dateHint(timeZone)} name="to" type="date" defaultValue={data.values.to} error={errors.to} />
        </div>
        <div className="form-row">
          <button type="submit">{l.apply}</button>
          <Link to="/audit/log">{l.clear}</Link>
        </div>
      </Form>

      <ListTotal>{m.common.results(data.total)}</ListTotal>
      <ListTable
        columns={[
          { key: "seq", label: l.seq, numeric: true },
          { key: "at", label: l.at },
          { key: "who", label: l.who },
          { key: "what", label: l.what },
          { key: "object", label: l.object },
          { key: "details", label: l.details },
        ]}
        rows={data.rows}
        rowKey={(e) => e.seq}
        cells={(e) => (
          <>
            <td className="num">{e.seq}</td>
            <td>{when(e.at)}</td>
            <td>
              {e.actorKind !== "USER" ? (
                l.actorKinds[e.actorKind]
              ) : e.actor ? (
                <>
                  {localized(e.actor, "name", locale) ?? e.actor.email}
                  <br />
                  <span className="muted">{e.actor.email}</span>
                </>
              ) : (
                <span className="muted">{l.removedAccount}</span>
              )}
            </td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>
              {e.objectType}
              {e.objectId ? (
                <>
                  <br />
                  <code className="muted">{e.objectId}</code>
                </>
              ) : null}
            </td>
            <td className="audit-details">
              <code>{e.details}</code>
            </td>
          </>
        )}
        empty={l.empty}
        page={data.page}
        pageCount={data.pages}
      />
    </ListPage>
  );
}
