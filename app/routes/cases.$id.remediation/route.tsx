// The case's remediation tab: its actions with owner, due date, status and
// progress notes. Those who work the case add actions, move their status and write notes; notes are
// sealed case content, opened (and the read audited) only when there are some to show.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { requireCaseCapability, requireCaseContent } from "~/modules/cases/access.server";
import {
  addRemediationAction,
  addRemediationNote,
  changeRemediationStatus,
  listCaseRemediation,
  OWNER_MATCHES,
  RemediationError,
  searchOwners,
  type OwnerMatch,
} from "~/modules/cases/remediation.server";
import {
  addActionSchema,
  findOwnerSchema,
  noteSchema,
  OWNER_SEARCH_MAX,
  NOTE_MAX,
  NOTES_SHOWN,
  REMEDIATION_STATUSES,
  statusChangeSchema,
  TITLE_MAX,
} from "~/modules/cases/remediation";
import { asTyped, echoValues, parseIntent, type FormErrors } from "~/modules/http/forms";
import { actionError, badRequest, formFailure, refusalErrors, type ActionFailure } from "~/modules/http/respond.server";
import { explain } from "~/modules/http/explain";
import { formOnce, newFormKey, oncePerForm } from "~/modules/http/form-key.server";
import { FORM_KEY_FIELD } from "~/modules/http/form-names";
import { isRestore, orSignInAgain } from "~/modules/http/signed-out.server";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { useDisplayName } from "~/modules/people/ui";
import { SelectField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { TypedText } from "~/components/typed-text";
import { Pagination } from "~/components/pagination";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import type { Messages } from "~/i18n/messages";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.remediation);

const SAVED = ["added", "status", "unchanged", "note"] as const;
type Saved = (typeof SAVED)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const url = new URL(request.url);
  const page = pageFromUrl(url);
  const { total, actions } = await listCaseRemediation(access, { page });
  const saved = url.searchParams.get("saved");
  return json({
    actions,
    total,
    page,
    pageCount: pageCount(total),
    canWork: access.can.work,
    // Sent with the data: the constant lives in a .server module, which is empty in the browser.
    ownerMatchLimit: OWNER_MATCHES,
    // One-time keys of the forms that create something (ADR 0018): the add form and each note form.
    formKeys: { add: newFormKey(), notes: Object.fromEntries(actions.map((a) => [a.id, newFormKey()])) as Record<string, string> },
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as Saved) : null,
  });
}

type Failure = ActionFailure & {
  actionId: string | null;
  /** The add form's owner matches for what was typed in its search box (null: no search yet). */
  owners?: OwnerMatch[] | null;
  /** Text carried back after signing in again (ADR 0018): not an error. */
  restored?: boolean;
};

const RemediationPost = z.discriminatedUnion("intent", [findOwnerSchema, addActionSchema, statusChangeSchema, noteSchema]);

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await orSignInAgain(request, () => requireCaseCapability(request, { reportId: params.id, capability: "work" }));
  const reportId = access.report.id;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const actorUserId = access.viewer.id;
  const actionIdOf = () => {
    const v = formData.get("actionId");
    return typeof v === "string" ? v : null;
  };
  const fail = (errors: Partial<FormErrors>) => formFailure(formData, { ...errors, extra: { actionId: actionIdOf() } });
  const back = (saved: Saved, actionId: string) => redirect(`/cases/${reportId}/remediation?saved=${saved}#action-${actionId}`);
  // The add form comes back with its owner matches (search-then-choose): what was typed is searched
  // again, and the person already chosen stays on the list, still chosen.
  const addAnswer = async (errors: Partial<FormErrors>, status = 400, restored = false) => {
    const values = echoValues(formData);
    const query = (values.ownerQuery ?? "").trim().slice(0, OWNER_SEARCH_MAX);
    const owners = query || values.ownerPersonId ? await searchOwners({ q: query, chosen: values.ownerPersonId || null }) : null;
    return formFailure(formData, { ...errors, intent: "add", init: status, extra: { actionId: null, owners, restored } });
  };
  // Text carried back after signing in again (ADR 0018) goes back into its form, unsent.
  if (isRestore(formData)) {
    if (intent === "add" || intent === "findOwner") return addAnswer({}, 200, true);
    return formFailure(formData, { intent: String(intent), init: 200, extra: { actionId: actionIdOf(), restored: true } });
  }
  // Form encoding turns a textarea's line breaks into CRLF; the note is kept as it was typed.
  const body = formData.get("body");
  if (intent === "note" && typeof body === "string") formData.set("body", asTyped(body));
  const parsed = parseIntent(RemediationPost, formData);
  if (!parsed.ok) {
    if (!parsed.intent) throw badRequest();
    return parsed.intent === "add" || parsed.intent === "findOwner" ? addAnswer(parsed) : fail(parsed);
  }
  const post = parsed.data;
  try {
    switch (post.intent) {
      case "findOwner":
        return addAnswer({}, 200);
      case "add": {
        const { intent: _add, ...input } = post;
        const once = formOnce(formData, `remediation.action:${reportId}:${actorUserId}`);
        try {
          const { id } = await oncePerForm(once, () => addRemediationAction({ reportId, actorUserId, ...input, once }));
          return back("added", id);
        } catch (error) {
          // A refusal comes back with the owner matches, like any other failure of this form.
          if (error instanceof RemediationError) return addAnswer(refusalErrors(error), error.status);
          throw error;
        }
      }
      case "status": {
        const changed = await changeRemediationStatus({ reportId, actorUserId, actionId: post.actionId, status: post.status });
        return back(changed ? "status" : "unchanged", post.actionId);
      }
      case "note": {
        const once = formOnce(formData, `remediation.note:${post.actionId}:${actorUserId}`);
        await oncePerForm(once, () => addRemediationNote({ reportId, actorUserId, actionId: post.actionId, body: post.body, once }));
        return back("note", post.actionId);
      }
    }
  } catch (error) {
    return actionError({ error, form: formData, extra: { actionId: actionIdOf() } });
  }
}

function savedMessage(m: Messages, saved: Saved): string {
  const map: Record<Saved, string> = {
    added: m.remediation.add.added,
    status: m.remediation.statusChange.changed,
    unchanged: m.remediation.statusChange.unchanged,
    note: m.remediation.notes.added,
  };
  return map[saved];
}

export default function CaseRemediation() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as Failure | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const r = m.remediation;
  const name = useDisplayName();
  const when = useDateTime();
  const busy = navigation.state === "submitting";
  const addFailure = failed?.intent === "add" ? failed : undefined;
  const failureFor = (intent: string, actionId: string) => (failed?.intent === intent && failed.actionId === actionId ? failed : undefined);
  // The add form's fields: translate the error keys here (the shared fields know only the directory's).
  const addError = (field: string) => (addFailure?.fieldErrors[field] ? explain(m, addFailure.fieldErrors[field], r.errors) : undefined);

  return (
    <section className="stack" aria-labelledby="remediation-heading">
      <h2 id="remediation-heading">{r.caseTab.heading}</h2>
      <p className="muted">{r.caseTab.intro}</p>
      {data.saved && !failed ? <FormMessage kind="success">{savedMessage(m, data.saved)}</FormMessage> : null}
      {failed?.restored ? <FormMessage kind="info">{m.forms.signedOut.restored}</FormMessage> : null}
      {failed?.formError ? <FormMessage kind="error">{explain(m, failed.formError, r.errors)}</FormMessage> : null}
      {!data.canWork ? <p className="muted">{r.caseTab.readOnly}</p> : null}

      <p className="muted" aria-live="polite">
        {r.caseTab.total(data.total)}
      </p>
      {data.actions.length === 0 ? <p>{r.caseTab.none}</p> : null}
      {data.actions.map((a) => {
        const statusFailure = failureFor("status", a.id);
        const noteFailure = failureFor("note", a.id);
        return (
          <article key={a.id} id={`action-${a.id}`} className="card stack">
            <h3>
              {a.title} <span className={a.status === "DONE" ? "badge ok" : "badge"}>{r.status[a.status]}</span>
              {a.overdue ? (
                <>
                  {" "}
                  <span className="badge danger">{r.overdue}</span>
                </>
              ) : null}
            </h3>
            <dl className="facts">
              <div>
                <dt>{r.columns.owner}</dt>
                <dd>{r.caseTab.ownerLine(name(a.owner), a.owner.employeeNumber)}</dd>
              </div>
              <div>
                <dt>{r.columns.department}</dt>
                <dd>{a.owner.department ? name(a.owner.department) : m.common.none}</dd>
              </div>
              <div>
                <dt>{r.columns.due}</dt>
                <dd>
                  {a.dueDate}
                  {a.completedAt ? ` · ${r.caseTab.completedOn(when(a.completedAt))}` : null}
                </dd>
              </div>
            </dl>

            <h4>{r.notes.heading(a.noteCount)}</h4>
            {a.noteCount > a.notes.length ? <p className="muted">{r.notes.olderHidden(NOTES_SHOWN, a.noteCount)}</p> : null}
            {a.notes.length === 0 ? (
              <p className="muted">{r.notes.none}</p>
            ) : (
              <ol className="stack">
                {a.notes.map((n) => (
                  <li key={n.id}>
                    <p className="muted">{r.notes.by(n.author.nameZh ? name({ nameZh: n.author.nameZh, nameEn: n.author.nameEn ?? n.author.nameZh }) : n.author.email, when(n.createdAt))}</p>
                    {n.body === null ? (
                      <p className="muted">{r.notes.unavailable}</p>
                    ) : (
                      <p>
                        <TypedText text={n.body} />
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}

            {data.canWork ? (
              <div className="form-row">
                <Form method="post" className="stack" preventScrollReset>
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="actionId" value={a.id} />
                  <SelectField
                    label={r.statusChange.label}
                    name="status"
                    defaultValue={statusFailure?.values.status ?? a.status}
                    error={statusFailure?.fieldErrors.status}
                    options={REMEDIATION_STATUSES.map((s) => ({ value: s, label: r.status[s] }))}
                  />
                  <div className="field">
                    <button type="submit" className="secondary" disabled={busy}>
                      {r.statusChange.submit}
                    </button>
                  </div>
                </Form>
                <NoteForm
                  actionId={a.id}
                  formKey={noteFailure?.values[FORM_KEY_FIELD] || data.formKeys.notes[a.id] || ""}
                  value={noteFailure?.values.body ?? ""}
                  error={noteFailure?.fieldErrors.body ? explain(m, noteFailure.fieldErrors.body, r.errors) : undefined}
                  busy={busy}
                />
              </div>
            ) : null}
          </article>
        );
      })}
      <Pagination page={data.page} pageCount={data.pageCount} />

      {data.canWork ? (
        <Form
          key={addFailure?.values[FORM_KEY_FIELD] || data.formKeys.add}
          method="post"
          className="card stack"
          aria-labelledby="remediation-add-heading"
        >
          <h3 id="remediation-add-heading">{r.add.heading}</h3>
          {addFailure && !addFailure.fieldErrors._form && !addFailure.restored && Object.keys(addFailure.fieldErrors).length > 0 ? (
            <FormMessage kind="error">{m.errors.formInvalid}</FormMessage>
          ) : null}
          <input type="hidden" name={FORM_KEY_FIELD} value={addFailure?.values[FORM_KEY_FIELD] || data.formKeys.add} />
          <RemediationField
            label={r.add.title}
            hint={r.add.titleHint}
            name="title"
            required
            maxLength={TITLE_MAX}
            defaultValue={addFailure?.values.title ?? ""}
            error={addError("title")}
          />
          <div className="form-row">
            <RemediationField
              label={r.add.ownerSearch}
              hint={r.add.ownerSearchHint}
              name="ownerQuery"
              type="search"
              maxLength={OWNER_SEARCH_MAX}
              autoComplete="off"
              defaultValue={addFailure?.values.ownerQuery ?? ""}
              error={addError("ownerQuery")}
            />
            <div className="field">
              {/* The search step: posts the whole form, so the title and date typed so far come back. */}
              <button type="submit" name="intent" value="findOwner" className="secondary" formNoValidate disabled={busy}>
                {r.add.findOwner}
              </button>
            </div>
          </div>
          <OwnerChoice owners={addFailure?.owners ?? null} chosen={addFailure?.values.ownerPersonId ?? ""} error={addError("ownerPersonId")} limit={data.ownerMatchLimit} />
          <RemediationField
            label={r.add.dueDate}
            hint={r.add.dueDateHint}
            name="dueDate"
            type="date"
            required
            defaultValue={addFailure?.values.dueDate ?? ""}
            error={addError("dueDate")}
          />
          {addFailure?.fieldErrors.dueDate === "pastDue" || addFailure?.values.confirmPastDue === "on" ? (
            <div className="field">
              <label className="checkbox">
                <input type="checkbox" name="confirmPastDue" defaultChecked={addFailure.values.confirmPastDue === "on"} />
                {r.add.confirmPastDue}
              </label>
            </div>
          ) : null}
          <div className="field">
            <button type="submit" name="intent" value="add" disabled={busy}>
              {r.add.submit}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

/**
 * The owner, chosen among the search's matches (radio buttons: nobody is chosen for the handler).
 * Before any search it is only the error, if the form was sent without one.
 */
function OwnerChoice({ owners, chosen, error, limit }: { owners: OwnerMatch[] | null; chosen: string; error?: string; limit: number }) {
  const m = useMessages();
  const a = m.remediation.add;
  const name = useDisplayName();
  if (owners === null) return error ? <p className="field-error">{error}</p> : null;
  if (owners.length === 0) return <p className={error ? "field-error" : "muted"}>{a.noOwnerMatches}</p>;
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{a.ownerChoice}</legend>
      {error ? <p className="field-error">{error}</p> : null}
      {owners.length >= limit ? <p className="muted">{a.ownerMatchesLimited(limit)}</p> : null}
      {owners.map((o) => (
        <label key={o.id} className="checkbox">
          <input type="radio" name="ownerPersonId" value={o.id} defaultChecked={chosen === o.id} />
          {a.ownerOption(name(o), o.employeeNumber, o.department ? name(o.department) : null)}
        </label>
      ))}
    </fieldset>
  );
}

function NoteForm({ actionId, formKey, value, error, busy }: { actionId: string; formKey: string; value: string; error?: string; busy: boolean }) {
  const m = useMessages();
  const n = m.remediation.notes;
  // Keyed on its one-time key: after a note is added the page brings a new key and an empty box.
  return (
    <Form key={formKey} method="post" className="stack" preventScrollReset>
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="actionId" value={actionId} />
      <input type="hidden" name={FORM_KEY_FIELD} value={formKey} />
      <RemediationField label={n.label} hint={n.hint} name="body" multiline required maxLength={NOTE_MAX} defaultValue={value} error={error} />
      <div className="field">
        <button type="submit" className="secondary" disabled={busy}>
          {n.submit}
        </button>
      </div>
    </Form>
  );
}

/**
 * A labelled input or text area whose error is already translated: this page's error keys live in
 * the remediation catalogue, which the shared fields do not look in.
 */
function RemediationField({
  label,
  hint,
  name,
  error,
  multiline,
  ...input
}: { label: string; hint: string; name: string; error?: string; multiline?: boolean } & InputHTMLAttributes<HTMLInputElement> &
  TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span id={`${id}-hint`} className="hint">
        {hint}
      </span>
      {multiline ? <textarea rows={3} {...common} {...(input as TextareaHTMLAttributes<HTMLTextAreaElement>)} /> : <input {...common} {...input} />}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
