// The case's two threads: "To the reporter", which the reporter reads with the
// receipt, and "Internal notes", which the reporter never sees. Each is paginated on its own
// (?rthread=, ?ithread=; page 1 is the newest). Reading them is an audited read (openCaseKey); a
// post is one transaction (postCaseMessage) and, on an error, the form comes back as typed.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { openCaseKey, requireCaseCapability, requireCaseContent } from "~/modules/cases/access.server";
import { listCaseMessages, MESSAGE_PAGE_SIZE, messageBodySchema, postCaseMessage, type CaseThreadName, type OpenedMessage } from "~/modules/cases/messages.server";
import { downloadName } from "~/modules/cases/case-content.server";
import { userNames } from "~/modules/cases/names.server";
import { prepareUploads, readUploadForm, uploadedFiles, uploadLimits } from "~/modules/hotline/uploads.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { resolveLocale } from "~/modules/http/locale.server";
import { AttachmentsField, type AttachmentFieldError } from "~/components/attachments-field";
import { CaseFiles } from "~/components/case-files";
import { FormMessage } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { dateInZone } from "~/modules/time/dates";
import { explain } from "~/modules/http/explain";
import { useDateTime, useMessages, useTimeZone } from "~/i18n/use-messages";
import { typedField } from "~/modules/http/forms";
import { formOnce, newFormKey, oncePerForm } from "~/modules/http/form-key.server";
import { FORM_KEY_FIELD } from "~/modules/http/form-names";
import { isRestore, orSignInAgain } from "~/modules/http/signed-out.server";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.messages);

const THREADS = [
  { name: "REPORTER", param: "rthread" },
  { name: "INTERNAL", param: "ithread" },
] as const satisfies readonly { name: CaseThreadName; param: string }[];

type ShownMessage = {
  id: string;
  author: { kind: "REPORTER" } | { kind: "SYSTEM"; template: string | null } | { kind: "HANDLER"; name: string | null };
  body: string;
  createdAt: string;
  files: { id: string; name: string; size: number }[];
};

function shown(message: OpenedMessage, names: Record<string, string>): Omit<ShownMessage, "createdAt"> & { createdAt: Date } {
  const author: ShownMessage["author"] =
    message.authorKind === "SYSTEM"
      ? { kind: "SYSTEM", template: message.template }
      : message.authorKind === "REPORTER"
        ? { kind: "REPORTER" }
        : { kind: "HANDLER", name: message.authorUserId ? (names[message.authorUserId] ?? null) : null };
  return {
    id: message.id,
    author,
    body: message.body,
    createdAt: message.createdAt,
    files: message.attachments.map((a) => ({ id: a.id, size: a.size, name: downloadName(a.name, a.kind) })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const reportId = access.report.id;
  const key = await openCaseKey(access, "messages");
  if (!key) return json({ purged: true as const });
  const url = new URL(request.url);
  const pages = THREADS.map((t) => pageFromUrl(url, t.param));
  const lists = await Promise.all(THREADS.map((t, i) => listCaseMessages({ key, reportId, thread: t.name, page: pages[i] })));
  const names = await userNames({ ids: lists.flatMap((l) => l.messages.map((msg) => (msg.authorKind === "HANDLER" ? msg.authorUserId : null))), locale: resolveLocale(request, access.viewer.locale) });
  return json({
    purged: false as const,
    reportId,
    /** The thread a message was just posted in (after the redirect), to say so beside its form. */
    posted: url.searchParams.get("posted"),
    canWrite: access.can.work,
    closed: access.report.status === "CLOSED",
    // The automatic acknowledgement is shown as the reporter reads it, with the case's due dates.
    dueDates: { acknowledge: access.report.acknowledgeDueAt, feedback: access.report.feedbackDueAt },
    limits: await uploadLimits(),
    threads: THREADS.map((t, i) => ({
      name: t.name,
      // One key per form instance: a repeat of this very form posts nothing (ADR 0018).
      formKey: newFormKey(),
      param: t.param,
      page: pages[i],
      pageCount: pageCount(lists[i].total, MESSAGE_PAGE_SIZE),
      messages: lists[i].messages.map((msg) => shown(msg, names)),
    })),
  });
}

type ActionData = {
  thread: CaseThreadName;
  fieldErrors: { body?: string };
  attachmentError?: AttachmentFieldError;
  hadFiles: boolean;
  values: { body: string; countsAsFeedback: boolean; formKey: string };
  /** Brought back after signing in again: shown in the box, not posted. */
  restored?: boolean;
};


export async function action({ request, params }: ActionFunctionArgs) {
  const access = await orSignInAgain(request, () => requireCaseCapability(request, { reportId: params.id, capability: "work" }));
  const limits = await uploadLimits();
  const { form, tooBig } = await readUploadForm(request, limits);
  const files = uploadedFiles(form);
  const thread: CaseThreadName = form.get("thread") === "INTERNAL" ? "INTERNAL" : "REPORTER";
  const values = {
    body: typedField(form, "body"),
    countsAsFeedback: thread === "REPORTER" && form.get("countsAsFeedback") === "on",
    formKey: typedField(form, FORM_KEY_FIELD),
  };
  if (isRestore(form)) return json<ActionData>({ thread, fieldErrors: {}, hadFiles: false, values, restored: true });
  const fail = (fieldErrors: ActionData["fieldErrors"], attachmentError?: AttachmentFieldError) =>
    json<ActionData>({ thread, fieldErrors, attachmentError, hadFiles: tooBig || files.length > 0, values }, { status: 400 });

  if (form.get("thread") !== "REPORTER" && form.get("thread") !== "INTERNAL") return fail({ body: "invalid" });
  const once = formOnce(form, `message:${thread}:${access.report.id}:${access.viewer.id}`);
  const body = messageBodySchema.safeParse(values.body);
  if (!body.success) return fail({ body: body.error.issues[0]?.message ?? "invalid" });
  const uploads = await prepareUploads({ files, limits, tooBig });
  if (!uploads.ok) return fail({}, uploads.error);

  // A second post of the same form (double click, resend) answers as the first and adds nothing.
  await oncePerForm(once, () =>
    postCaseMessage({
      reportId: access.report.id,
      thread,
      author: { kind: "HANDLER", userId: access.viewer.id },
      body: body.data,
      attachments: uploads.attachments,
      countsAsFeedback: values.countsAsFeedback,
      once,
    }),
  );
  // Post/redirect/get: a reload does not post twice; the newest page of the thread shows the message.
  return redirect(`/cases/${access.report.id}/messages?posted=${thread}#thread-${thread.toLowerCase()}`);
}

function MessageForm({
  thread,
  formKey,
  failed,
  posted,
  limits,
}: {
  thread: CaseThreadName;
  formKey: string;
  failed?: ActionData;
  posted: boolean;
  limits: { maxFiles: number; maxFileMb: number };
}) {
  const m = useMessages();
  const mm = m.cases.messages;
  const navigation = useNavigation();
  const id = useId();
  const mine = failed?.thread === thread ? failed : undefined;
  const busy = navigation.state === "submitting" && navigation.formData?.get("thread") === thread;
  // A failed or restored form keeps its key (it created nothing yet); after a success the page
  // brings a new key, and keying the form on it empties the box — with JavaScript too.
  const key = mine?.values.formKey || formKey;
  return (
    <Form key={key} method="post" encType="multipart/form-data" className="stack" replace>
      <input type="hidden" name="thread" value={thread} />
      <input type="hidden" name={FORM_KEY_FIELD} value={key} />
      {mine?.restored ? <FormMessage kind="info">{m.forms.signedOut.restored}</FormMessage> : mine ? <FormMessage kind="error">{mm.failed}</FormMessage> : null}
      {posted && !mine ? <FormMessage kind="success">{mm.posted}</FormMessage> : null}
      <div className="field">
        <label htmlFor={`${id}-body`}>{thread === "REPORTER" ? mm.body : mm.noteBody}</label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={5}
          required
          defaultValue={mine?.values.body ?? ""}
          aria-invalid={mine?.fieldErrors.body ? true : undefined}
          aria-describedby={mine?.fieldErrors.body ? `${id}-body-error` : undefined}
        />
        {mine?.fieldErrors.body ? (
          <p id={`${id}-body-error`} className="field-error">
            {explain(m, mine.fieldErrors.body)}
          </p>
        ) : null}
      </div>
      <AttachmentsField error={mine?.attachmentError} hadFiles={mine?.hadFiles ?? false} maxFiles={limits.maxFiles} maxFileMb={limits.maxFileMb} />
      {thread === "REPORTER" ? (
        <div className="field">
          <label className="checkbox" htmlFor={`${id}-feedback`}>
            <input type="checkbox" id={`${id}-feedback`} name="countsAsFeedback" defaultChecked={mine?.values.countsAsFeedback ?? false} />
            {mm.countsAsFeedback}
          </label>
        </div>
      ) : null}
      <p>
        <button type="submit" disabled={busy}>
          {thread === "REPORTER" ? mm.sendToReporter : mm.addNote}
        </button>
      </p>
    </Form>
  );
}

export default function CaseMessages() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const m = useMessages();
  const mm = m.cases.messages;
  const timeZone = useTimeZone();
  const when = useDateTime();
  if (data.purged) return <p className="muted">{mm.purged}</p>;
  // Dates written as in the reporter's view (report.follow-up), so the handler reads the same text.
  const day = (iso: string) => dateInZone(iso, timeZone);
  const systemText = (template: string | null) =>
    (template && m.followup.templates[template]?.(day(data.dueDates.acknowledge), day(data.dueDates.feedback))) || mm.systemUnknown;
  const authorLabel = (author: ShownMessage["author"]) =>
    author.kind === "REPORTER" ? mm.reporter : author.kind === "SYSTEM" ? mm.ethicsOffice : (author.name ?? mm.formerHandler);
  return (
    <div className="case-threads">
      {!data.canWrite ? <p className="muted">{mm.readOnly}</p> : null}
      {data.threads.map((t) => {
        const headingId = `thread-${t.name.toLowerCase()}`;
        return (
          <section key={t.name} className="card stack" aria-labelledby={headingId}>
            <h2 id={headingId}>{t.name === "REPORTER" ? mm.reporterThread : mm.internalThread}</h2>
            <p className="muted">{t.name === "REPORTER" ? mm.reporterThreadHint : mm.internalThreadHint}</p>
            {t.messages.length === 0 ? <p className="muted">{mm.empty}</p> : null}
            <ol className="messages">
              {t.messages.map((msg) => (
                <li key={msg.id} className={`message message-${msg.author.kind.toLowerCase()}`}>
                  <p className="message-meta">
                    <strong>{authorLabel(msg.author)}</strong> <time dateTime={msg.createdAt}>{when(msg.createdAt)}</time>
                  </p>
                  <p className="prewrap">
                    {msg.author.kind === "SYSTEM" ? systemText(msg.author.template) : msg.body}
                  </p>
                  <CaseFiles reportId={data.reportId} files={msg.files} />
                </li>
              ))}
            </ol>
            <Pagination page={t.page} pageCount={t.pageCount} param={t.param} />
            {data.canWrite && data.closed && t.name === "REPORTER" ? <FormMessage kind="info">{mm.closedReplyNote}</FormMessage> : null}
            {data.canWrite ? <MessageForm thread={t.name} formKey={t.formKey} failed={failed} posted={data.posted === t.name} limits={data.limits} /> : null}
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
