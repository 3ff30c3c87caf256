// The reporter's follow-up (issue 3, point 5): no account, no JavaScript needed. Without a reporter
// session the page asks for the receipt (never put in a URL: it is posted, and not echoed back);
// with one it shows the case as the reporter may see it and a reply form. Cache-Control: no-store and
// X-Robots-Tag come from server/server.mjs for every /report response, which also withholds the
// client's address from these routes; every POST passes its Origin check, which needs no cookie.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Fragment, useId } from "react";
import { minutesToWait } from "~/modules/auth/throttle.server";
import { messageBodySchema } from "~/modules/cases/messages.server";
import {
  endReporterSession,
  loadFollowUp,
  openWithReceipt,
  postReporterReply,
  readReporterSession,
  REPORTER_COOKIE,
  blankReporterCookie,
  reportIsOpenable,
  type FollowUpView,
  type ReporterFile,
  type ReporterMessage,
} from "~/modules/hotline/follow-up.server";
import { prepareUploads, readUploadForm, uploadedFiles, uploadLimits, type UploadLimits } from "~/modules/hotline/uploads.server";
import type { ReceiptParseError } from "~/modules/hotline/receipt";
import { ATTACHMENT_KINDS, type AttachmentKind } from "~/modules/hotline/attachment-types";
import { hotlineRedirectPath, resolveLocale } from "~/modules/http/locale.server";
import { withLang } from "~/modules/hotline/anonymous";
import { pageFromUrl } from "~/modules/http/pagination";
import { TextAreaField } from "~/modules/people/ui";
import { AttachmentsField, type AttachmentFieldError } from "~/components/attachments-field";
import { FormMessage } from "~/components/form";
import { TypedText } from "~/components/typed-text";
import { Pagination } from "~/components/pagination";
import { errorMessage, getMessages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { typedField } from "~/modules/http/forms";

const HERE = "/report/follow-up";

type LoaderData =
  | { state: "receipt"; title: string; notice: "sessionEnded" | "left" | null }
  | { state: "open"; title: string; view: FollowUpView; limits: UploadLimits; sent: boolean };

type ReceiptError =
  | { kind: "format"; error: ReceiptParseError }
  | { kind: "refused"; minutes: number | null }
  | { kind: "referenceBlocked"; minutes: number }
  | { kind: "siteBlocked"; minutes: number };

type ActionData =
  | { state: "receiptError"; error: ReceiptError }
  | { state: "replyError"; fieldError?: string; attachmentError?: AttachmentFieldError; hadFiles: boolean; body: string }
  | { state: "sessionEnded" }
  | { state: "invalid" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Sunline" },
  { name: "robots", content: "noindex" },
];

function hasReporterCookie(request: Request): boolean {
  return (request.headers.get("Cookie") ?? "").split(";").some((part) => part.trim().startsWith(`${REPORTER_COOKIE}=`));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const title = getMessages(resolveLocale(request)).followup.title;
  const session = await readReporterSession(request);
  if (!session) {
    // A cookie whose session is over (idle, or left elsewhere): say so, and drop it from the browser.
    const stale = hasReporterCookie(request);
    const notice = stale ? "sessionEnded" : url.searchParams.has("left") ? "left" : null;
    return json<LoaderData>({ state: "receipt", title, notice }, stale ? { headers: { "Set-Cookie": blankReporterCookie() } } : undefined);
  }
  const view = await loadFollowUp(session.reportId, pageFromUrl(url));
  return json<LoaderData>({ state: "open", title, view, limits: await uploadLimits(), sent: url.searchParams.has("sent") });
}


export async function action({ request }: ActionFunctionArgs) {
  const limits = await uploadLimits();
  const { form, tooBig } = await readUploadForm(request, limits);
  const intent = typedField(form, "intent");

  if (intent === "open") {
    const result = await openWithReceipt(typedField(form, "receipt"));
    if (result.kind === "opened") return redirect(hotlineRedirectPath(HERE, request), { status: 303, headers: { "Set-Cookie": result.setCookie } });
    const error: ReceiptError =
      result.kind === "format"
        ? result
        : result.kind === "refused"
          ? { kind: "refused", minutes: result.retryAfterMs === null ? null : minutesToWait(result.retryAfterMs) }
          : { kind: result.kind, minutes: minutesToWait(result.retryAfterMs) };
    const status = result.kind === "format" || result.kind === "refused" ? 400 : 429;
    return json<ActionData>({ state: "receiptError", error }, { status });
  }

  if (intent === "leave") {
    return redirect(hotlineRedirectPath(`${HERE}?left=1`, request), { status: 303, headers: { "Set-Cookie": await endReporterSession(request) } });
  }

  if (intent === "reply") {
    const session = await readReporterSession(request);
    if (!session) return json<ActionData>({ state: "sessionEnded" }, { status: 401 });
    if (!(await reportIsOpenable(session.reportId))) return json<ActionData>({ state: "invalid" }, { status: 400 });
    const body = typedField(form, "body");
    const files = uploadedFiles(form);
    const fail = (fieldError?: string, attachmentError?: AttachmentFieldError) =>
      json<ActionData>({ state: "replyError", fieldError, attachmentError, hadFiles: tooBig || files.length > 0, body }, { status: 400 });
    const parsed = messageBodySchema.safeParse(body);
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "invalid");
    const uploads = await prepareUploads(files, limits, tooBig);
    if (!uploads.ok) return fail(undefined, uploads.error);
    await postReporterReply(session.reportId, body, uploads.attachments);
    return redirect(hotlineRedirectPath(`${HERE}?sent=1`, request), { status: 303 });
  }

  return json<ActionData>({ state: "invalid" }, { status: 400 });
}

function receiptErrorText(m: ReturnType<typeof useMessages>, error: ReceiptError): string {
  const f = m.followup;
  switch (error.kind) {
    case "format":
      return f.format[error.error];
    case "refused":
      return error.minutes === null ? f.refused : `${f.refused} ${f.refusedWait(error.minutes)}`;
    case "referenceBlocked":
      return f.referenceBlocked(error.minutes);
    case "siteBlocked":
      return f.siteBlocked(error.minutes);
  }
}

function ReceiptForm({ notice, actionData }: { notice: "sessionEnded" | "left" | null; actionData?: ActionData }) {
  const m = useMessages();
  const f = m.followup;
  const id = useId();
  const navigation = useNavigation();
  const error = actionData?.state === "receiptError" ? receiptErrorText(m, actionData.error) : null;
  const { search } = useLocation();
  return (
    <div className="report-page stack">
      <h1>{f.title}</h1>
      {actionData?.state === "sessionEnded" ? <FormMessage kind="error">{f.sessionEndedNotSent}</FormMessage> : null}
      {actionData?.state === "invalid" ? <FormMessage kind="error">{f.invalid}</FormMessage> : null}
      {!actionData && notice ? <FormMessage kind="info">{f[notice]}</FormMessage> : null}
      <p className="muted">{f.intro}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="open" />
        <div className="field">
          <label htmlFor={id}>{f.receiptLabel}</label>
          <span id={`${id}-hint`} className="hint">
            {f.receiptHint}
          </span>
          <input
            id={id}
            name="receipt"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
          />
          {error ? (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          {actionData?.state === "receiptError" && actionData.error.kind === "refused" ? <p className="hint">{f.refusedPurgeHint}</p> : null}
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {f.open}
        </button>
      </Form>
      <p className="hint">{f.cookieNote}</p>
      <p>
        {f.notReportedYet} <Link to={withLang("/report", search)}>{f.makeReportLink}</Link>
      </p>
    </div>
  );
}

function FileLinks({ files }: { files: ReporterFile[] }) {
  const m = useMessages();
  const f = m.followup;
  if (files.length === 0) return null;
  return (
    <ul className="file-list">
      {files.map((file) => {
        const kind = (ATTACHMENT_KINDS as readonly string[]).includes(file.kind) ? m.hotline.attachmentKinds[file.kind as AttachmentKind] : file.kind;
        return (
          <li key={file.id}>
            <a href={`${HERE}/files/${file.id}`} download>
              {file.name ?? f.unnamedFile(kind)}
            </a>{" "}
            <span className="muted">({f.fileSize(file.size)})</span>
          </li>
        );
      })}
    </ul>
  );
}

function Message({ message, view }: { message: ReporterMessage; view: FollowUpView }) {
  const m = useMessages();
  const f = m.followup;
  const text =
    message.from === "SYSTEM"
      ? (message.template && f.templates[message.template]?.(view.acknowledgeBy, view.feedbackBy)) || f.unknownTemplate
      : message.body;
  return (
    <li className={`message message-${message.from.toLowerCase()}`}>
      <p className="message-meta">
        <strong>{f.from[message.from]}</strong> <span className="muted">{message.at}</span>
      </p>
      <p className="message-body">
        <TypedText text={text} />
      </p>
      <FileLinks files={message.files} />
    </li>
  );
}

function ReplyForm({ limits, actionData, closed }: { limits: UploadLimits; actionData?: ActionData; closed: boolean }) {
  const m = useMessages();
  const f = m.followup;
  const id = useId();
  const navigation = useNavigation();
  const failed = actionData?.state === "replyError" ? actionData : undefined;
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{f.replyHeading}</h2>
      {/* A closed case still has a reader: say who, so the reporter does not write into the void. */}
      {closed ? <FormMessage kind="info">{f.closedReplyNote}</FormMessage> : null}
      {failed ? <FormMessage kind="error">{f.replyFailed}</FormMessage> : null}
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <input type="hidden" name="intent" value="reply" />
        <TextAreaField
          id={id}
          label={f.replyLabel}
          hint={f.replyHint}
          name="body"
          rows={6}
          required
          defaultValue={failed?.body ?? ""}
          error={failed?.fieldError}
          explain={errorMessage}
        />
        <AttachmentsField error={failed?.attachmentError} hadFiles={failed?.hadFiles ?? false} maxFiles={limits.maxFiles} maxFileMb={limits.maxFileMb} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {f.send}
        </button>
      </Form>
    </section>
  );
}

function CaseView({ view, limits, sent, actionData }: { view: FollowUpView; limits: UploadLimits; sent: boolean; actionData?: ActionData }) {
  const m = useMessages();
  const f = m.followup;
  const form = m.hotline.form;
  const answers = view.answers;
  const answerRows = answers
    ? ([
        [form.whatHappened, answers.whatHappened],
        [form.when, answers.when],
        [form.where, answers.where],
        [form.involved, answers.involved],
        [form.howKnown, answers.howKnown],
        [form.othersAware, answers.othersAware],
      ] as const).filter((row): row is readonly [string, string] => Boolean(row[1]))
    : [];
  return (
    <div className="report-page stack">
      <h1>{f.reportHeading(view.reference)}</h1>
      {sent && !actionData ? <FormMessage kind="success">{f.sent}</FormMessage> : null}
      <dl className="facts">
        <dt>{f.statusLabel}</dt>
        <dd data-testid="follow-up-status">{f.status[view.status]}</dd>
        <dt>{f.receivedLabel}</dt>
        <dd>{view.receivedOn}</dd>
      </dl>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="button secondary">
          {f.leave}
        </button>{" "}
        <span className="hint">{f.leaveHint}</span>
      </Form>

      {view.purged ? (
        <FormMessage kind="info">{f.purged}</FormMessage>
      ) : (
        <>
          <section className="card stack" aria-labelledby="reported-heading">
            <h2 id="reported-heading">{f.reportedHeading}</h2>
            <dl className="facts">
              {answerRows.map(([label, value]) => (
                <Fragment key={label}>
                  <dt>{label}</dt>
                  <dd>
                    <TypedText text={value} />
                  </dd>
                </Fragment>
              ))}
            </dl>
            {view.reportFiles.length > 0 ? (
              <>
                <h3>{f.yourFiles}</h3>
                <FileLinks files={view.reportFiles} />
              </>
            ) : null}
          </section>

          <section className="stack" aria-labelledby="messages-heading">
            <h2 id="messages-heading">{f.messagesHeading}</h2>
            {view.messages.length === 0 ? <p className="muted">{f.noMessages}</p> : null}
            <ol className="messages">
              {view.messages.map((message) => (
                <Message key={message.id} message={message} view={view} />
              ))}
            </ol>
            <Pagination page={view.page} pageCount={view.pageCount} />
          </section>

          <ReplyForm limits={limits} actionData={actionData} closed={view.status === "CLOSED"} />
        </>
      )}
    </div>
  );
}

export default function FollowUp() {
  const data = useLoaderData<typeof loader>() as LoaderData;
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  if (data.state === "receipt") return <ReceiptForm notice={data.notice} actionData={actionData} />;
  return <CaseView view={data.view} limits={data.limits} sent={data.sent} actionData={actionData} />;
}
