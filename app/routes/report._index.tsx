// The anonymous hotline's form (issue 3): no account, no JavaScript needed, no cookie. On success the
// action renders the receipt in its own response — never a redirect, so the receipt is never in a
// URL, a Location header or the browser's history of addresses. Cache-Control: no-store and
// X-Robots-Tag are set for every /report response in server/server.mjs; the server also withholds the
// client's address from these routes, so there is nothing to store or log.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, type ReactNode } from "react";
import { randomToken } from "~/modules/crypto/crypto.server";
import { resolveLocale } from "~/modules/http/locale.server";
import { listExcludableHandlers } from "~/modules/hotline/handlers.server";
import { prepareUploads, readUploadForm, uploadedFiles, uploadLimits, type UploadLimits } from "~/modules/hotline/uploads.server";
import { AttachmentsField, type AttachmentFieldError } from "~/components/attachments-field";
import {
  IDENTITY_MODES,
  NoTriagerRemainsError,
  REPORT_CATEGORIES,
  ReportValidationError,
  submitReport,
  UnknownExclusionError,
  type IdentityMode,
  type ReportCategory,
} from "~/modules/hotline/reports.server";
import { formatReceipt, formatReference } from "~/modules/hotline/receipt";
import { FormMessage } from "~/components/form";
import { errorMessage, getMessages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";

const ANSWER_FIELDS = ["whatHappened", "when", "where", "involved", "howKnown", "othersAware"] as const;
type AnswerField = (typeof ANSWER_FIELDS)[number];

/** What the reporter typed, sent back on an error so nothing has to be typed again. */
type Values = {
  category: string;
  answers: Record<AnswerField, string>;
  identityMode: string;
  name: string;
  contact: string;
  excluded: string[];
  submissionKey: string;
};

type FormError = "invalid" | "noTriagerRemains" | "unknownExclusion";

type ActionData =
  | { state: "created"; receipt: string; reference: string }
  | { state: "duplicate"; reference: string }
  | {
      state: "error";
      formError: FormError;
      fieldErrors: Record<string, string>;
      attachmentError?: AttachmentFieldError;
      limits: UploadLimits;
      /** Files were sent: a browser cannot be given them back, so the form asks for them again. */
      hadFiles: boolean;
      values: Values;
    };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Sunline" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const handlers = await listExcludableHandlers(locale);
  // A fresh key each time the form is shown: the same key posted twice is one submission.
  return json({ handlers, limits: await uploadLimits(), submissionKey: randomToken(18), title: getMessages(locale).hotline.form.title });
}

/**
 * A field as the reporter typed it. Form encoding turns every line break of a textarea into CRLF
 * (HTML's form submission rules); undoing that gives back the text that was in the box.
 */
function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.replace(/\r\n/g, "\n") : "";
}

export async function action({ request }: ActionFunctionArgs) {
  const limits = await uploadLimits();
  const { form, tooBig } = await readUploadForm(request, limits);
  const files = uploadedFiles(form);
  const values: Values = {
    category: text(form, "category"),
    answers: Object.fromEntries(ANSWER_FIELDS.map((f) => [f, text(form, f)])) as Record<AnswerField, string>,
    identityMode: text(form, "identityMode") || "ANONYMOUS",
    name: text(form, "name"),
    contact: text(form, "contact"),
    excluded: form.getAll("exclude").filter((v): v is string => typeof v === "string"),
    submissionKey: text(form, "submissionKey"),
  };
  const fail = (formError: FormError, fieldErrors: Record<string, string> = {}, attachmentError?: AttachmentFieldError) =>
    json<ActionData>({ state: "error", formError, fieldErrors, attachmentError, hadFiles: tooBig || files.length > 0, values, limits }, { status: 400 });

  // Only the handlers the form offered may be excluded (submitReport would also accept other case
  // readers, such as auditors, who are not on the public list).
  const listed = new Set((await listExcludableHandlers(resolveLocale(request))).map((h) => h.id));
  if (values.excluded.some((id) => !listed.has(id))) return fail("unknownExclusion");

  const uploads = await prepareUploads(files, limits, tooBig);
  if (!uploads.ok) return fail("invalid", {}, uploads.error);
  const { attachments } = uploads;

  try {
    const result = await submitReport({
      category: values.category as ReportCategory,
      answers: values.answers,
      identityMode: values.identityMode as IdentityMode,
      identity: { name: values.name, contact: values.contact },
      excludedUserIds: values.excluded,
      submissionKey: values.submissionKey,
    }, { attachments });
    if (result.kind === "duplicate") return json<ActionData>({ state: "duplicate", reference: formatReference(result.reference) });
    return json<ActionData>({
      state: "created",
      receipt: formatReceipt(result.receipt),
      reference: formatReference(result.receipt.reference),
    });
  } catch (error) {
    if (error instanceof ReportValidationError) return fail("invalid", error.fieldErrors);
    if (error instanceof NoTriagerRemainsError) return fail("noTriagerRemains");
    if (error instanceof UnknownExclusionError) return fail("unknownExclusion");
    throw error;
  }
}

function TextArea({ label, name, hint, error, defaultValue, required, rows = 3 }: {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  required?: boolean;
  rows?: number;
}) {
  const m = useMessages();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <textarea id={id} name={name} rows={rows} required={required} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {errorMessage(m, error)}
        </p>
      ) : null}
    </div>
  );
}

function TextInput({ label, name, error, defaultValue, autoComplete }: { label: string; name: string; error?: string; defaultValue: string; autoComplete: string }) {
  const m = useMessages();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="text" autoComplete={autoComplete} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {errorMessage(m, error)}
        </p>
      ) : null}
    </div>
  );
}

function Choices({ legend, error, children }: { legend: string; error?: string; children: ReactNode }) {
  const m = useMessages();
  return (
    <fieldset className="report-choices" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {error ? <p className="field-error">{errorMessage(m, error)}</p> : null}
      {children}
    </fieldset>
  );
}

function Choice({ type, name, value, label, hint, defaultChecked }: { type: "radio" | "checkbox"; name: string; value: string; label: string; hint?: string; defaultChecked: boolean }) {
  const id = useId();
  return (
    <div className="report-choice">
      <input id={id} type={type} name={name} value={value} defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span id={`${id}-hint`} className="hint">
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

function ReceiptPage({ receipt, reference }: { receipt: string; reference: string }) {
  const m = useMessages();
  const r = m.hotline.receipt;
  return (
    <div className="report-page stack">
      <h1>{r.title}</h1>
      <section className="card stack" aria-labelledby="receipt-heading">
        <h2 id="receipt-heading">{r.receiptHeading}</h2>
        <p className="warning">{r.receiptIntro}</p>
        <p className="receipt-code" data-testid="receipt">
          {receipt}
        </p>
        <dl className="facts">
          <dt>{r.referenceLabel}</dt>
          <dd className="receipt-reference" data-testid="reference">
            {reference}
          </dd>
        </dl>
        <p className="muted">{r.referenceHint}</p>
      </section>
      <p>{r.keepSafe}</p>
      <p>
        {r.followUp} <Link to="/report/follow-up">{r.followUpLink}</Link>
      </p>
    </div>
  );
}

export default function ReportForm() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const f = m.hotline.form;

  if (actionData?.state === "created") return <ReceiptPage receipt={actionData.receipt} reference={actionData.reference} />;
  if (actionData?.state === "duplicate") {
    return (
      <div className="report-page stack">
        <h1>{m.hotline.receipt.duplicateTitle}</h1>
        <FormMessage kind="info">{m.hotline.receipt.duplicateBody(actionData.reference)}</FormMessage>
        <p>
          {m.hotline.receipt.followUp} <Link to="/report/follow-up">{m.hotline.receipt.followUpLink}</Link>
        </p>
      </div>
    );
  }

  const failed = actionData?.state === "error" ? actionData : undefined;
  const values = failed?.values;
  const errors = failed?.fieldErrors ?? {};
  const excluded = new Set(values?.excluded ?? []);
  const category = values?.category ?? "";
  const identityMode = values?.identityMode ?? "ANONYMOUS";

  return (
    <div className="report-page stack">
      <h1>{f.title}</h1>
      <p className="muted">{f.intro}</p>
      {failed ? <FormMessage kind="error">{f[failed.formError]}</FormMessage> : null}
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <input type="hidden" name="submissionKey" value={values?.submissionKey || data.submissionKey} />

        <Choices legend={f.categoryLegend} error={errors.category}>
          {REPORT_CATEGORIES.map((c) => (
            <Choice key={c} type="radio" name="category" value={c} label={f.categories[c].label} hint={f.categories[c].hint} defaultChecked={category === c} />
          ))}
        </Choices>

        <fieldset className="report-choices">
          <legend>{f.questionsLegend}</legend>
          <TextArea label={f.whatHappened} name="whatHappened" hint={f.whatHappenedHint} required rows={8} error={errors["answers.whatHappened"]} defaultValue={values?.answers.whatHappened ?? ""} />
          <TextArea label={f.when} name="when" hint={f.whenHint} rows={2} error={errors["answers.when"]} defaultValue={values?.answers.when ?? ""} />
          <TextArea label={f.where} name="where" rows={2} error={errors["answers.where"]} defaultValue={values?.answers.where ?? ""} />
          <TextArea label={f.involved} name="involved" hint={f.involvedHint} error={errors["answers.involved"]} defaultValue={values?.answers.involved ?? ""} />
          <TextArea label={f.howKnown} name="howKnown" hint={f.howKnownHint} error={errors["answers.howKnown"]} defaultValue={values?.answers.howKnown ?? ""} />
          <TextArea label={f.othersAware} name="othersAware" rows={2} error={errors["answers.othersAware"]} defaultValue={values?.answers.othersAware ?? ""} />
        </fieldset>

        <Choices legend={f.identityLegend} error={errors.identityMode}>
          {IDENTITY_MODES.map((mode) => (
            <Choice key={mode} type="radio" name="identityMode" value={mode} label={f.identity[mode].label} hint={f.identity[mode].hint} defaultChecked={identityMode === mode} />
          ))}
          <p className="hint">{f.identityFieldsHint}</p>
          <TextInput label={f.name} name="name" autoComplete="off" error={errors["identity.name"]} defaultValue={values?.name ?? ""} />
          <TextInput label={f.contact} name="contact" autoComplete="off" error={errors["identity.contact"]} defaultValue={values?.contact ?? ""} />
        </Choices>

        <Choices legend={f.excludeLegend} error={errors.excludedUserIds}>
          <p className="hint">{f.excludeHint}</p>
          {data.handlers.length === 0 ? <p className="muted">{f.noHandlers}</p> : null}
          {data.handlers.map((h) => (
            <Choice key={h.id} type="checkbox" name="exclude" value={h.id} label={h.name} defaultChecked={excluded.has(h.id)} />
          ))}
        </Choices>

        <AttachmentsField
            error={failed?.attachmentError}
            hadFiles={failed?.hadFiles ?? false}
            maxFiles={data.limits.maxFiles}
            maxFileMb={data.limits.maxFileMb}
          />

        {errors.submissionKey ? <FormMessage kind="error">{errorMessage(m, errors.submissionKey)}</FormMessage> : null}
        <button type="submit" disabled={navigation.state === "submitting"}>
          {f.submit}
        </button>
      </Form>
    </div>
  );
}
