// One outbox message as it was rendered for its recipient, and re-queuing it when it failed.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { getOutboxEmail, retryOutboxEmail } from "~/modules/mail/outbox-admin.server";
import { FormMessage } from "~/components/form";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { answerForm, badRequest, notFound, type ActionFailure } from "~/modules/http/respond.server";
import { explain } from "~/modules/http/explain";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.outboxEmail);

const IdParam = z.string().min(1).max(64);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read:outbox:any");
  const id = IdParam.safeParse(params.id);
  const email = id.success ? await getOutboxEmail(id.data) : null;
  if (!email) throw notFound();
  return json({ email });
}

const RetryForm = z.object({ intent: z.literal("retry") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "read:outbox:any");
  const id = IdParam.safeParse(params.id);
  const form = await request.formData();
  const parsed = parseForm(RetryForm, form);
  if (!id.success || !parsed.ok) throw badRequest();
  return answerForm(form, async () => {
    await retryOutboxEmail({ emailId: id.data, actorUserId: user.id });
    return redirect(`/admin/outbox/${encodeURIComponent(id.data)}?retried=1`);
  });
}

export default function OutboxMessage() {
  const { email } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const m = useMessages();
  const moment = useDateTime("dateTimeSeconds");
  const when = (iso: string | null) => (iso ? moment(iso) : m.common.none);
  const o = m.mail.outbox;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/outbox">{o.back}</Link>
      </p>
      <h1 lang={email.locale === "zh_CN" ? "zh-CN" : "en"}>{email.subject}</h1>
      {searchParams.get("retried") === "1" && email.status === "QUEUED" ? <FormMessage kind="success">{o.retried}</FormMessage> : null}
      {failed?.formError && failed.formError !== "linkExpired" ? <FormMessage kind="error">{explain(m, failed.formError, o.errors)}</FormMessage> : null}
      {failed?.formError === "linkExpired" || email.linkExpired ? <FormMessage kind="error">{o.errors.linkExpired}</FormMessage> : null}
      <dl className="facts">
        <dt>{o.recipient}</dt>
        <dd>{email.toAddress}</dd>
        <dt>{o.language}</dt>
        <dd>{o.locales[email.locale]}</dd>
        <dt>{o.template}</dt>
        <dd>
          <code>{email.template}</code>
        </dd>
        <dt>{o.statusHeading}</dt>
        <dd>{o.status[email.status]}</dd>
        <dt>{o.attempts}</dt>
        <dd>{email.attempts}</dd>
        <dt>{o.created}</dt>
        <dd>{when(email.createdAt)}</dd>
        {email.status === "QUEUED" ? (
          <>
            <dt>{o.nextAttempt}</dt>
            <dd>{when(email.nextAttemptAt)}</dd>
          </>
        ) : null}
        {email.status === "SENT" ? (
          <>
            <dt>{o.sentAt}</dt>
            <dd>{when(email.sentAt)}</dd>
            <dt>{o.messageId}</dt>
            <dd>
              <code>{email.messageId ?? m.common.none}</code>
            </dd>
          </>
        ) : null}
        {email.expiresAt ? (
          <>
            <dt>{o.linkExpires}</dt>
            <dd>{when(email.expiresAt)}</dd>
          </>
        ) : null}
        {email.lastError ? (
          <>
            <dt>{o.lastError}</dt>
            <dd>
              <code>{email.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {email.status === "FAILED" && !email.linkExpired ? (
        <Form method="post" className="stack">
          <p className="muted">{o.retryHint}</p>
          <input type="hidden" name="intent" value="retry" />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {o.retry}
          </button>
        </Form>
      ) : null}
      {email.redacted ? <FormMessage kind="info">{o.redacted}</FormMessage> : null}
      <section className="stack" lang={email.locale === "zh_CN" ? "zh-CN" : "en"}>
        <h2>{o.textBody}</h2>
        <pre className="mail-body">{email.textBody}</pre>
        <h2>{o.htmlBody}</h2>
        <p className="muted">{o.htmlNote}</p>
        {/* Rendered mail is markup we do not want running in this page: a srcdoc frame with an
            empty sandbox runs no script, submits no form and gets an opaque origin. */}
        <iframe className="mail-html" sandbox="" srcDoc={email.htmlPreview} title={o.htmlBody} referrerPolicy="no-referrer" />
        <details>
          <summary>{o.htmlSource}</summary>
          <pre className="mail-body">{email.htmlBody}</pre>
        </details>
      </section>
    </div>
  );
}
