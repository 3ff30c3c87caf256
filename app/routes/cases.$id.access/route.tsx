// The case's "Auditors' access" tab (ADR 0015): for a compliance lead, the running grants with a
// revoke button each, and a small form to grant one auditor (active, not excluded from the case) the
// reading of the case until a date, for a reason. Plain forms: they work without JavaScript; an error
// comes back with what was typed, a success redirects back here and says so.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireCaseCapability } from "~/modules/cases/access.server";
import { grantCaseAccess, grantDateBounds, listActiveGrants, listGrantableAuditors, revokeCaseAccess } from "~/modules/cases/grants.server";
import { GRANT_MAX_DAYS, GRANT_REASON_MAX, grantSchema, revokeSchema } from "~/modules/cases/grant-form";
import { parseIntent } from "~/modules/http/forms";
import { answerForm, formFailure, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { resolveLocale } from "~/modules/http/locale.server";
import { FormMessage, PostButton } from "~/components/form";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { explain } from "~/modules/http/explain";
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

const AccessPost = z.discriminatedUnion("intent", [grantSchema, revokeSchema]);

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCaseCapability(request, { reportId: params.id, capability: "grant" });
  const reportId = access.report.id;
  const form = await request.formData();
  const parsed = parseIntent(AccessPost, form);
  if (!parsed.ok) return invalidForm(parsed);
  const post = parsed.data;
  // A case gone meanwhile is a 404 like any case one may not see; a refused grant names its field.
  return answerForm(form, async () => {
    if (post.intent === "grant") {
      const { auditorId, until, reason } = post;
      await grantCaseAccess({ reportId, actorUserId: access.viewer.id, userId: auditorId, until, reason });
      return redirect(`/cases/${reportId}/access?done=granted`);
    }
    const ended = await revokeCaseAccess({ reportId, actorUserId: access.viewer.id, grantId: post.grantId });
    // A second click finds the grant already ended: the page says so rather than failing.
    if (!ended) return formFailure(form, { formError: "alreadyEnded", init: 409 });
    return redirect(`/cases/${reportId}/access?done=revoked`);
  });
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

export default function CaseAccessTab() {
  const { grants, auditors, bounds, maxDays, done } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const m = useMessages();
  const when = useDateTime();
  const g = m.cases.grants;
  const grantFailed = failed?.intent === "grant" ? failed : null;
  // Fields to correct are announced above the form ("correct the fields below"), a refusal by its message.
  const grantRefused = !!grantFailed && (!!grantFailed.formError || Object.keys(grantFailed.fieldErrors).length > 0);
  const fieldError = (name: string) => (grantFailed?.fieldErrors[name] ? explain(m, grantFailed.fieldErrors[name], m.cases.grants.errors) : undefined);
  return (
    <div className="stack">
      <h2>{g.heading}</h2>
      <p className="muted">{g.intro(maxDays)}</p>
      {done ? <FormMessage kind="success">{g.done[done]}</FormMessage> : null}
      {failed && failed.intent !== "grant" ? <FormMessage kind="error">{explain(m, failed.formError ?? "invalid", m.cases.grants.errors)}</FormMessage> : null}

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
                      <PostButton intent="revoke" fields={{ grantId: grant.id }} label={g.revoke} buttonClassName="secondary" disabled={busy} />
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
            {grantRefused ? <FormMessage kind="error">{explain(m, grantFailed?.formError ?? "formInvalid", m.cases.grants.errors)}</FormMessage> : null}
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
