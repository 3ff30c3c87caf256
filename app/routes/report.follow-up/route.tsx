// The reporter's follow-up: no account, no JavaScript needed. Without a reporter
// session the page asks for the receipt (never put in a URL: it is posted, and not echoed back);
// with one it shows the case as the reporter may see it and a reply form. Cache-Control: no-store and
// X-Robots-Tag come from server/server.mjs for every /report response, which also withholds the
// client's address from these routes; every POST passes its Origin check, which needs no cookie.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Fragment, useEffect, useId, useState } from "react";
import { z } from "zod";
import { minutesToWait } from "~/modules/auth/throttle.server";
import { messageBodySchema } from "~/modules/cases/messages.server";
import {
  endReporterSession,
  loadFollowUp,
  openWithReceipt,
  postReporterReply,
  readReporterSession,
  hasReporterCookie,
  blankReporterCookie,
  reportIsOpenable,
  sessionEndsAt,
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
import { TextAreaField } from "~/components/fields";
import { AttachmentsField, type AttachmentFieldError } from "~/components/attachments-field";
import { FormMessage } from "~/components/form";
import { TypedText } from "~/components/typed-text";
import { Pagination } from "~/components/pagination";
import { getMessages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { parseIntent, typedField } from "~/modules/http/forms";
import { formOnce, newFormKey, oncePerForm } from "~/modules/http/form-key.server";
import { FORM_KEY_FIELD } from "~/modules/http/form-names";
import { storageUnavailable } from "~/modules/db/db.server";
import { logRequestError } from "~/modules/http/log.server";
import { pageMeta } from "~/modules/http/meta";

const HERE = "/report/follow-up";

/** When the reporter's session ends if nothing more happens (the page says it, and warns before). */
type SessionEnd = { time: string; timeZone: string; idleMinutes: number; inMs: number };

type OpenData = { view: FollowUpView; limits: UploadLimits; formKey: string; ends: SessionEnd };

type LoaderData =
  | { state: "receipt"; title: string; notice: "sessionEnded" | "left" | null }
  | ({ state: "open"; title: string; sent: boolean } & OpenData);

/**
 * A reply typed while the session ran out: carried in the receipt form's hidden fields (in the page
 * only — never stored, never in a URL) and put back in its box once the receipt is accepted.
 */
type CarriedReply = { body: string; formKey: string; hadFiles: boolean };

type ReceiptError =
  | { kind: "format"; error: ReceiptParseError }
  | { kind: "refused"; minutes: number | null }
  | { kind: "referenceBlocked"; minutes: number }
  | { kind: "siteBlocked"; minutes: number };

type ActionData =
  | { state: "receiptError"; error: ReceiptError; carried: CarriedReply | null }
  | {
      state: "replyError";
      fieldError?: string;
      attachmentError?: AttachmentFieldError;
      /** The database could not store it (ADR 0021): nothing was sent, the same form may be sent again. */
      unavailable?: boolean;
      hadFiles: boolean;
      body: string;
      formKey: string;
    }
  | { state: "sessionEnded"; carried: CarriedReply }
  | ({ state: "restored"; carried: CarriedReply } & OpenData)
  | { state: "stayed" }
  | { state: "invalid" };

export const meta = pageMeta((t) => t.followUp, { noindex: true });

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
  return json<LoaderData>({ state: "open", title, sent: url.searchParams.has("sent"), ...(await openData(session.reportId, session.expiresAt, pageFromUrl(url))) });
}

async function openData(reportId: string, expiresAt: Date, page: number): Promise<OpenData> {
  const ends = await sessionEndsAt(expiresAt);
  return {
    view: await loadFollowUp({ reportId, page }),
    limits: await uploadLimits(),
    // One key per reply form: the same form never posts twice (ADR 0018).
    formKey: newFormKey(),
    ends: { ...ends, inMs: Math.max(0, expiresAt.getTime() - Date.now()) },
  };
}

/** The reply carried through the receipt form, if any. */
function carriedReply(form: FormData): CarriedReply | null {
  if (form.get("carried") !== "1") return null;
  return { body: typedField(form, "carriedBody"), formKey: typedField(form, "carriedFormKey"), hadFiles: form.get("carriedFiles") === "1" };
}

/**
 * The page's four forms. Their fields are checked by the step itself (a receipt's format, a reply's
 * length and files), whose answers are the reporter's own page states, not the staff form shape.
 */
const FollowUpPost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open") }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("stay") }),
  z.object({ intent: z.literal("reply") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const limits = await uploadLimits();
  const { form, tooBig } = await readUploadForm(request, limits);
  const parsed = parseIntent(FollowUpPost, form);
  if (!parsed.ok) return json<ActionData>({ state: "invalid" }, { status: 400 });
  const intent = parsed.data.intent;

  if (intent === "open") {
    const carried = carriedReply(form);
    const result = await openWithReceipt(typedField(form, "receipt"));
    if (result.kind === "opened" && carried) {
      // The reply goes back in its box on this very answer (it is not sent): the cookie this
      // response sets does not reach this request's loader, so the page's data come from here.
      return json<ActionData>(
        { state: "restored", carried, ...(await openData(result.reportId, result.expiresAt, 1)) },
        { headers: { "Set-Cookie": result.setCookie } },
      );
    }
    if (result.kind === "opened") return redirect(hotlineRedirectPath(HERE, request), { status: 303, headers: { "Set-Cookie": result.setCookie } });
    const error: ReceiptError =
      result.kind === "format"
        ? result
        : result.kind === "refused"
          ? { kind: "refused", minutes: result.retryAfterMs === null ? null : minutesToWait(result.retryAfterMs) }
          : { kind: result.kind, minutes: minutesToWait(result.retryAfterMs) };
    const status = result.kind === "format" || result.kind === "refused" ? 400 : 429;
    return json<ActionData>({ state: "receiptError", error, carried }, { status });
  }

  if (intent === "leave") {
    return redirect(hotlineRedirectPath(`${HERE}?left=1`, request), { status: 303, headers: { "Set-Cookie": await endReporterSession(request) } });
  }

  if (intent === "stay") {
    // "Stay signed in" (the warning shown with JavaScript): reading the session moves its end on.
    const session = await readReporterSession(request);
    return session ? json<ActionData>({ state: "stayed" }) : json<ActionData>({ state: "invalid" }, { status: 401 });
  }

  if (intent === "reply") {
    const session = await readReporterSession(request);
    const body = typedField(form, "body");
    const files = uploadedFiles(form);
    const formKey = typedField(form, FORM_KEY_FIELD);
    if (!session) {
      // Signed out to protect them (idle): the text comes back with the receipt form, and the
      // stale cookie goes, so nothing is sent before the receipt is typed again.
      const carried: CarriedReply = { body, formKey, hadFiles: tooBig || files.length > 0 };
      return json<ActionData>({ state: "sessionEnded", carried }, { status: 401, headers: hasReporterCookie(request) ? { "Set-Cookie": blankReporterCookie() } : undefined });
    }
    if (!(await reportIsOpenable(session.reportId))) return json<ActionData>({ state: "invalid" }, { status: 400 });
    const once = formOnce(form, `reply:${session.reportId}`);
    const fail = (fieldError?: string, attachmentError?: AttachmentFieldError) =>
      json<ActionData>({ state: "replyError", fieldError, attachmentError, hadFiles: tooBig || files.length > 0, body, formKey }, { status: 400 });
    const parsed = messageBodySchema.safeParse(body);
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "invalid");
    const uploads = await prepareUploads({ files, limits, tooBig });
    if (!uploads.ok) return fail(undefined, uploads.error);
    // A double click (or a resend) of the same form answers as the first post and adds nothing.
    try {
      await oncePerForm(once, () => postReporterReply({ reportId: session.reportId, body, attachments: uploads.attachments, once }));
    } catch (error) {
      // A full disk or a held write lock: the reply's transaction rolled back (its form key was not
      // spent), so the text goes back in its box with the same key, to be sent again.
      if (!storageUnavailable(error)) throw error;
      logRequestError("followup.unavailable", error);
      return json<ActionData>(
        { state: "replyError", unavailable: true, hadFiles: tooBig || files.length > 0, body, formKey },
        { status: 503, headers: { "Retry-After": "120" } },
      );
    }
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
  const carried = actionData?.state === "sessionEnded" || actionData?.state === "receiptError" ? actionData.carried : null;
  return (
    <div className="report-page stack">
      <h1>{f.title}</h1>
      {carried ? <FormMessage kind="error">{f.sessionEndedNotSent}</FormMessage> : null}
      {carried?.hadFiles ? <FormMessage kind="info">{f.filesAgainAfterReceipt}</FormMessage> : null}
      {actionData?.state === "invalid" ? <FormMessage kind="error">{f.invalid}</FormMessage> : null}
      {!actionData && notice ? <FormMessage kind="info">{f[notice]}</FormMessage> : null}
      <p className="muted">{f.intro}</p>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="open" />
        {carried ? (
          <>
            <input type="hidden" name="carried" value="1" />
            <input type="hidden" name="carriedBody" value={carried.body} />
            <input type="hidden" name="carriedFormKey" value={carried.formKey} />
            <input type="hidden" name="carriedFiles" value={carried.hadFiles ? "1" : "0"} />
          </>
        ) : null}
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
            autoFocus={carried ? true : undefined}
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

function ReplyForm({ limits, formKey, actionData, closed }: { limits: UploadLimits; formKey: string; actionData?: ActionData; closed: boolean }) {
  const m = useMessages();
  const f = m.followup;
  const id = useId();
  const navigation = useNavigation();
  const failed = actionData?.state === "replyError" ? actionData : undefined;
  const restored = actionData?.state === "restored" ? actionData.carried : undefined;
  // A failed or restored reply keeps its key (nothing was created); after a reply is sent the page
  // brings a new key, and keying the form on it empties the box, with JavaScript too.
  const key = failed?.formKey || restored?.formKey || formKey;
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{f.replyHeading}</h2>
      {/* A closed case still has a reader: say who, so the reporter does not write into the void. */}
      {closed ? <FormMessage kind="info">{f.closedReplyNote}</FormMessage> : null}
      {failed ? <FormMessage kind="error">{failed.unavailable ? f.replyUnavailable : f.replyFailed}</FormMessage> : null}
      {restored ? <FormMessage kind="info">{f.replyRestored}</FormMessage> : null}
      {restored?.hadFiles ? <FormMessage kind="info">{f.filesAgainAfterReceipt}</FormMessage> : null}
      <Form key={key} method="post" encType="multipart/form-data" className="form" noValidate>
        <input type="hidden" name="intent" value="reply" />
        <input type="hidden" name={FORM_KEY_FIELD} value={key} />
        <TextAreaField
          id={id}
          label={f.replyLabel}
          hint={f.replyHint}
          name="body"
          rows={6}
          required
          defaultValue={failed?.body ?? restored?.body ?? ""}
          autoFocus={restored ? true : undefined}
          error={failed?.fieldError}
        />
        <AttachmentsField error={failed?.attachmentError} hadFiles={failed?.hadFiles ?? false} maxFiles={limits.maxFiles} maxFileMb={limits.maxFileMb} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {f.send}
        </button>
      </Form>
    </section>
  );
}

/** Without JavaScript: when the session ends if nothing more is done, said in words. */
function SessionNotice({ ends }: { ends: SessionEnd }) {
  const f = useMessages().followup;
  return (
    <p className="hint" data-testid="session-ends">
      {f.sessionEndsAt(ends.idleMinutes, ends.time, ends.timeZone)}
    </p>
  );
}

/** The warning shown a little before the session ends. */
const WARN_BEFORE_MS = 2 * 60_000;

/**
 * With JavaScript: a visible warning two minutes before the session ends, offering to stay (which
 * moves the end on); when it has ended, the page says so — what is typed stays in its box, and a
 * send then asks for the receipt and keeps it.
 */
function SessionWarning({ ends }: { ends: SessionEnd }) {
  const f = useMessages().followup;
  const stay = useFetcher();
  const [phase, setPhase] = useState<"quiet" | "warn" | "ended">("quiet");
  useEffect(() => {
    const start = Date.now();
    setPhase("quiet");
    const tick = () => {
      const left = ends.inMs - (Date.now() - start);
      setPhase(left <= 0 ? "ended" : left <= WARN_BEFORE_MS ? "warn" : "quiet");
    };
    const timer = window.setInterval(tick, 5_000);
    tick();
    return () => window.clearInterval(timer);
  }, [ends]);
  if (phase === "quiet") return null;
  if (phase === "ended") {
    return (
      <div className="alert error session-warning" role="alert">
        {f.sessionEndedWarning}
      </div>
    );
  }
  return (
    <div className="alert info session-warning" role="alert">
      <p id="session-warning-text">{f.sessionEndingSoon}</p>
      <stay.Form method="post">
        <input type="hidden" name="intent" value="stay" />
        <button type="submit" disabled={stay.state !== "idle"}>
          {f.stay}
        </button>
      </stay.Form>
    </div>
  );
}

function CaseView({
  view,
  limits,
  formKey,
  ends,
  sent,
  actionData,
}: OpenData & { sent: boolean; actionData?: ActionData }) {
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
      <SessionNotice ends={ends} />
      <SessionWarning ends={ends} />
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

          <ReplyForm limits={limits} formKey={formKey} actionData={actionData} closed={view.status === "CLOSED"} />
        </>
      )}
    </div>
  );
}

export default function FollowUp() {
  const data = useLoaderData<typeof loader>() as LoaderData;
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  // Back from the receipt with a carried reply: this answer brings the page's data (ADR 0018).
  if (actionData?.state === "restored") return <CaseView {...actionData} sent={false} actionData={actionData} />;
  if (data.state === "receipt") return <ReceiptForm notice={data.notice} actionData={actionData} />;
  return <CaseView view={data.view} limits={data.limits} formKey={data.formKey} ends={data.ends} sent={data.sent} actionData={actionData} />;
}
