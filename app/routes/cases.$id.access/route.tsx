// The case's "Auditors' access" tab (ADR 0015): for a compliance lead, the running grants with a
// revoke button each, and a small form to grant one auditor (active, not excluded from the case) the
// reading of the case until a date, for a reason. Plain forms: they work without JavaScript; an error
// comes back with what was typed, a success redirects back here and says so.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { caseNotFound, requireCaseCapability } from "~/modules/cases/access.server";
import { CaseActionError, CaseGoneError } from "~/modules/cases/conflicts.server";
import {
  grantCaseAccess,
  grantDateBounds,
  GrantError,
  grantSchema,
  GRANT_MAX_DAYS,
  GRANT_REASON_MAX,
  listActiveGrants,
  listGrantableAuditors,
  revokeCaseAccess,
  revokeSchema,
} from "~/modules/cases/grants.server";
import { echoValues, parseForm, type FieldErrors } from "~/modules/http/forms";
import { resolveLocale } from "~/modules/http/locale.server";
import { FormMessage } from "~/components/form";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { errorMessage, type Messages } from "~/i18n/messages";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { useId, type ReactNode } from "react";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.access);

const DONE = ["granted", "revoked"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseCapability(request, { reportId: params.id, capability: "grant" });
  const locale = resolveLocale(request, access.viewer.locale);
  const [grants, auditors, bounds] = await Promise.all([listActiveGrants({ reportId: access.report.id, locale }), listGrantableAuditors({ reportId: access.report.id, locale }), grantDateBounds()]);
  const done = new URL(request.url).searchParams.get("done");
  return json({ grants, auditors, bounds, maxDays: GRANT_MAX_DAYS, done: (DONE as readonly string[]).includes(done ?? "") ? done : null });
}

type Failure = { intent: "grant" | "revoke" | null; formError?: string; fieldErrors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCaseCapability(request, { reportId: params.id, capability: "grant" });
  const reportId = access.report.id;
  const form = await request.formData();
  const intent = form.get("intent");
  const fail = (status: number, failure: Omit<Failure, "values">) => json<Failure>({ ...failure, values: echoValues(form) }, { status });
  try {
    if (intent === "grant") {
      const parsed = parseForm(grantSchema, form);
      if (!parsed.ok) return fail(400, { intent, formError: "formInvalid", fieldErrors: parsed.fieldErrors });
      const { auditorId, until, reason } = parsed.data;
      await grantCaseAccess({ reportId, actorUserId: access.viewer.id, userId: auditorId, until, reason });
      return redirect(`/cases/${reportId}/access?done=granted`);
    }
    if (intent === "revoke") {
      const parsed = parseForm(revokeSchema, form);
      if (!parsed.ok) return fail(400, { intent, formError: "invalid", fieldErrors: parsed.fieldErrors });
      const ended = await revokeCaseAccess({ reportId, actorUserId: access.viewer.id, grantId: parsed.data.grantId });
      // A second click finds the grant already ended: the page says so rather than failing.
      if (!ended) return fail(409, { intent, formError: "alreadyEnded", fieldErrors: {} });
      return redirect(`/cases/${reportId}/access?done=revoked`);
    }
    return fail(400, { intent: null, formError: "invalid", fieldErrors: {} });
  } catch (error) {
    if (error instanceof CaseGoneError) throw caseNotFound();
    if (error instanceof GrantError) {
      const field = error.code === "notEligible" ? "auditorId" : "until";
      return fail(400, { intent: "grant", formError: "formInvalid", fieldErrors: { [field]: error.code } });
    }
    if (error instanceof CaseActionError) return fail(409, { intent: intent === "revoke" ? "revoke" : "grant", formError: "invalid", fieldErrors: {} });
    throw error;
  }
}

/** A labelled control with its hint and (already translated) error wired for screen readers. */
function GrantField({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: (ids: { id: string; describedBy?: string; invalid?: true }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {children({ id, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined, invalid: error ? true : undefined })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A field error from this page's catalogue, else the common one. */
function explain(m: Messages, key: string | undefined): string {
  if (!key) return "";
  return m.cases.grants.errors[key] ?? errorMessage(m, key);
}

export default function CaseAccessTab() {
  const { grants, auditors, bounds, maxDays, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const m = useMessages();
  const when = useDateTime();
  const g = m.cases.grants;
  const grantFailed = failed?.intent === "grant" ? failed : null;
  const fieldError = (name: string) => (grantFailed?.fieldErrors[name] ? explain(m, grantFailed.fieldErrors[name]) : undefined);
  return (
    <div className="stack">
      <h2>{g.heading}</h2>
      <p className="muted">{g.intro(maxDays)}</p>
      {done ? <FormMessage kind="success">{g.done[done]}</FormMessage> : null}
      {failed && failed.intent !== "grant" ? <FormMessage kind="error">{explain(m, failed.formError)}</FormMessage> : null}

      <section className="stack" aria-labelledby="grants-heading">
        <h3 id="grants-heading">{g.activeHeading}</h3>
        {grants.length === 0 ? (
          <p className="muted">{g.none}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{g.auditor}</th>
                  <th scope="col">{g.until}</th>
                  <th scope="col">{g.reason}</th>
                  <th scope="col">{g.grantedBy}</th>
                  <th scope="col">{g.revoke}</th>
                </tr>
              </thead>
              <tbody>
                {grants.map((grant) => (
                  <tr key={grant.id}>
                    <td>{grant.auditor}</td>
                    <td>{grant.until}</td>
                    <td className="prewrap">{grant.reason}</td>
                    <td>
                      {grant.grantedBy} <span className="muted">{when(grant.createdAt)}</span>
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="grantId" value={grant.id} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {g.revoke}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="grant-form-heading">
        <h3 id="grant-form-heading">{g.formHeading}</h3>
        {auditors.length === 0 ? (
          <p>{g.noAuditors}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="grant" />
            {grantFailed?.formError ? <FormMessage kind="error">{explain(m, grantFailed.formError)}</FormMessage> : null}
            <GrantField label={g.auditor} error={fieldError("auditorId")}>
              {(f) => (
                <select id={f.id} name="auditorId" required defaultValue={grantFailed?.values.auditorId ?? ""} aria-invalid={f.invalid} aria-describedby={f.describedBy}>
                  <option value="">{g.chooseAuditor}</option>
                  {auditors.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
            </GrantField>
            <GrantField label={g.until} hint={g.untilHint(bounds.max)} error={fieldError("until")}>
              {(f) => (
                <input
                  id={f.id}
                  name="until"
                  type="date"
                  required
                  min={bounds.min}
                  max={bounds.max}
                  defaultValue={grantFailed?.values.until ?? ""}
                  aria-invalid={f.invalid}
                  aria-describedby={f.describedBy}
                />
              )}
            </GrantField>
            <GrantField label={g.reason} hint={g.reasonHint} error={fieldError("reason")}>
              {(f) => (
                <textarea
                  id={f.id}
                  name="reason"
                  required
                  rows={3}
                  maxLength={GRANT_REASON_MAX}
                  defaultValue={grantFailed?.values.reason ?? ""}
                  aria-invalid={f.invalid}
                  aria-describedby={f.describedBy}
                />
              )}
            </GrantField>
            <div className="field">
              <button type="submit" disabled={busy}>
                {g.submit}
              </button>
            </div>
          </Form>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
