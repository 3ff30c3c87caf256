// The people tab of a case: who is assigned, who is involved (linked
// to the directory at triage, sealed), who is kept away and why, recusal, and the reporter's
// identity when the viewer may see it. Reads of sealed content go through openCaseKey (audited).
import type { ReactNode } from "react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { forbidden, openCaseKey, requireCase, stillSeesCase, type CaseCapabilities, requireCaseContent } from "~/modules/cases/access.server";
import { assignHandler, endAssignment, listAssignableHandlers, listAssignments, recuse } from "~/modules/cases/assignment.server";
import {
  describePeople,
  DIRECTORY_MATCHES,
  involvedPersonIds,
  linkInvolvedPerson,
  searchDirectory,
  summarizeExclusions,
  unlinkInvolvedPerson,
} from "~/modules/cases/conflicts.server";
import { canSeeIdentity, decideIdentityRequest, listIdentityRequests, requestIdentity, justificationSchema } from "~/modules/cases/identity.server";
import { openCaseIdentity } from "~/modules/cases/case-content.server";
import { messageBodySchema } from "~/modules/cases/messages.server";
import { asTyped, parseIntent } from "~/modules/http/forms";
import { actionError, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { explain } from "~/modules/http/explain";
import { SelectField, TextAreaField, TextField } from "~/components/fields";
import { FormMessage, PostButton } from "~/components/form";
import { CaseTabErrorBoundary } from "~/components/case-error-boundary";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";
import { localized } from "~/i18n/localized";
import { caseMeta } from "~/modules/http/meta";

export const meta = caseMeta((tabs) => tabs.people);

const DONE = ["assigned", "unassigned", "linked", "unlinked", "recused", "requested", "approved", "rejected"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCaseContent(request, params.id);
  const { report, can, viewer } = access;
  const url = new URL(request.url);
  const q = can.triage ? (url.searchParams.get("q") ?? "").trim().slice(0, 100) : "";
  const hq = can.triage ? (url.searchParams.get("hq") ?? "").trim().slice(0, 100) : "";
  const done = url.searchParams.get("done");

  // The involved links and the identity requests' justifications are sealed: one audited read.
  const key = await openCaseKey(access, "people");
  const involvedIds = key ? await involvedPersonIds({ key, reportId: report.id }) : [];
  const confidential = report.identityMode === "CONFIDENTIAL";
  const [assignees, assignable, involved, exclusions, matches, identityVisible, requests] = await Promise.all([
    listAssignments(report.id),
    can.triage ? listAssignableHandlers({ reportId: report.id, q: hq }) : Promise.resolve([]),
    describePeople(involvedIds),
    summarizeExclusions(report.id),
    q ? searchDirectory(q) : Promise.resolve([]),
    canSeeIdentity(access),
    confidential && key ? listIdentityRequests({ key, reportId: report.id, requestedByUserId: can.approve ? null : viewer.id }) : Promise.resolve([]),
  ]);
  let identity = null;
  if (identityVisible && report.identityMode !== "ANONYMOUS") {
    // A read of its own in the audit log: who saw the reporter's name, and when.
    const identityKey = await openCaseKey(access, "identity");
    identity = identityKey ? ((await openCaseIdentity({ key: identityKey, reportId: report.id })) ?? { name: "", contact: "" }) : null;
  }
  const linked = new Set(involvedIds);
  return json({
    reportId: report.id,
    identityMode: report.identityMode,
    can,
    viewerId: viewer.id,
    q,
    hq,
    assignees,
    assignable,
    involved,
    exclusions: { counts: exclusions.counts, handlers: can.triage ? exclusions.handlers : [] },
    matches: matches.map((p) => ({ ...p, linked: linked.has(p.id) })),
    // Sent with the data: the constant lives in a .server module, which is empty in the browser.
    matchLimit: DIRECTORY_MATCHES,
    identity,
    requests,
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
  });
}

const id = z.string({ required_error: "required" }).min(1, "required").max(64, "invalid");
/** Form encoding turns a textarea's line breaks into CRLF; the text is kept as it was typed. */
const typed = z.string({ required_error: "required", invalid_type_error: "invalid" }).transform(asTyped);
const PeoplePost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), userId: id, replacingUserId: z.string().max(64, "invalid").optional().transform((v) => v || null) }),
  z.object({ intent: z.literal("unassign"), userId: id }),
  z.object({ intent: z.literal("link"), personId: id }),
  z.object({ intent: z.literal("unlink"), personId: id }),
  z.object({ intent: z.literal("recuse"), reason: typed.pipe(messageBodySchema) }),
  z.object({ intent: z.literal("requestIdentity"), justification: typed.pipe(justificationSchema) }),
  z.object({ intent: z.literal("approveIdentity"), requestId: id }),
  z.object({ intent: z.literal("rejectIdentity"), requestId: id }),
]);
type Intent = z.infer<typeof PeoplePost>["intent"];
const NEEDS: Record<Intent, keyof CaseCapabilities> = {
  assign: "triage",
  unassign: "triage",
  link: "triage",
  unlink: "triage",
  recuse: "assigned",
  requestIdentity: "work",
  approveIdentity: "approve",
  rejectIdentity: "approve",
};


export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCase(request, params.id);
  const reportId = access.report.id;
  const actorUserId = access.viewer.id;
  const form = await request.formData();
  const parsed = parseIntent(PeoplePost, form);
  if (!parsed.ok && !parsed.intent) return invalidForm(parsed);
  const intent = parsed.ok ? parsed.data.intent : (parsed.intent as Intent);
  // The capability first: a form one may not use is refused before what it says is looked at.
  if (!access.can[NEEDS[intent]]) throw forbidden();
  if (!parsed.ok) return invalidForm(parsed);
  const post = parsed.data;
  // Linking from the search results comes back to the same search, to link the next person.
  const q = form.get("q");
  const search = typeof q === "string" && q.trim() ? `&q=${encodeURIComponent(q.trim().slice(0, 100))}` : "";
  const back = (done: Done) => redirect(`/cases/${reportId}/people?done=${done}${search}`);
  try {
    switch (post.intent) {
      case "assign":
        await assignHandler({ reportId, actorUserId, userId: post.userId, replacingUserId: post.replacingUserId });
        return back("assigned");
      case "unassign":
        await endAssignment({ reportId, actorUserId, userId: post.userId });
        return back("unassigned");
      case "link":
      case "unlink": {
        const change = { reportId, actorUserId, personId: post.personId };
        const { actorExcluded } = post.intent === "link" ? await linkInvolvedPerson(change) : await unlinkInvolvedPerson(change);
        // Linking someone in one's own reporting line excludes oneself: the case is no longer theirs to see.
        if (actorExcluded) return redirect("/cases");
        return back(post.intent === "link" ? "linked" : "unlinked");
      }
      case "recuse":
        await recuse({ reportId, actorUserId, reason: post.reason });
        return (await stillSeesCase({ viewer: access.viewer, reportId })) ? back("recused") : redirect("/cases");
      case "requestIdentity":
        await requestIdentity({ reportId, actorUserId, justification: post.justification });
        return back("requested");
      case "approveIdentity":
      case "rejectIdentity": {
        const approve = post.intent === "approveIdentity";
        await decideIdentityRequest({ reportId, requestId: post.requestId, actorUserId, approve });
        return back(approve ? "approved" : "rejected");
      }
    }
  } catch (error) {
    // A gone case is a 404 like any case one may not see; a refused step (409) is the form's message.
    return actionError({ error, form });
  }
}

type Named = { nameZh: string | null; nameEn: string | null; email: string };

function useNames() {
  const locale = useLocale();
  const when = useDateTime();
  return {
    who: (n: Named | null | undefined) => (n ? (localized(n, "name", locale) ?? n.email) : ""),
    when,
    person: (p: { nameZh: string; nameEn: string }) => localized(p, "name", locale),
  };
}

type DirectoryRow = { id: string; employeeNumber: string; nameZh: string; nameEn: string; department: { nameZh: string; nameEn: string } | null };

/** Directory entries (the linked people, or the search's matches), each with its button when there is one. */
function DirectoryTable<P extends DirectoryRow>({ people, action }: { people: P[]; action?: (p: P) => ReactNode }) {
  const c = useMessages().conflicts.involved;
  const { person } = useNames();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{c.employeeNumber}</th>
          <th scope="col">{c.name}</th>
          <th scope="col">{c.department}</th>
          {action ? <td /> : null}
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <td>{p.employeeNumber}</td>
            <td>{person(p)}</td>
            <td>{p.department ? person(p.department) : c.noDepartment}</td>
            {action ? <td>{action(p)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TextArea({ label, name, hint, error, defaultValue }: { label: string; name: string; hint?: string; error?: string; defaultValue?: string }) {
  return <TextAreaField label={label} name={name} hint={hint} error={error} defaultValue={defaultValue} rows={4} required />;
}

/**
 * The handlers who can be assigned, as radio buttons with their role and employee number: nobody is
 * chosen until the lead picks someone (a preselected first option was assigned by accident).
 */
function HandlerChoice({ handlers, chosen, error }: { handlers: { userId: string; email: string; nameZh: string | null; nameEn: string | null; employeeNumber: string | null; roles: ("compliance_lead" | "investigator")[]; recused: boolean }[]; chosen?: string; error?: string }) {
  const m = useMessages();
  const c = m.conflicts.assignees;
  const { who } = useNames();
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{c.choose}</legend>
      {error ? <p className="field-error">{explain(m, error)}</p> : null}
      {handlers.map((h) => {
        const label = c.option(who(h), h.roles.map((r) => m.roles[r]).join(", "), h.employeeNumber);
        return (
          <label key={h.userId} className="checkbox">
            <input type="radio" name="userId" value={h.userId} defaultChecked={chosen === h.userId} required />
            {h.recused ? c.recused(label) : label}
          </label>
        );
      })}
    </fieldset>
  );
}

export default function CasePeople() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  const c = m.conflicts;
  const { who, when } = useNames();
  const failedOn = (...intents: Intent[]) => (failed?.intent && (intents as string[]).includes(failed.intent) ? failed : undefined);
  // A form that failed on its fields says so in general; a refused step says what was refused.
  const errorOf = (f: ActionFailure | undefined) => (f ? explain(m, f.formError ?? "invalid", c.errors) : null);

  return (
    <div className="stack">
      {data.done ? <FormMessage kind="success">{c.done[data.done]}</FormMessage> : null}
      {failed && !failed.intent ? <FormMessage kind="error">{c.errors.invalid}</FormMessage> : null}

      <section className="stack" aria-labelledby="assignees-title">
        <h2 id="assignees-title">{c.assignees.title}</h2>
        {data.assignees.length === 0 ? (
          <p>{c.assignees.none}</p>
        ) : (
          <ul>
            {data.assignees.map((a) => (
              <li key={a.userId}>
                <strong>{who(a)}</strong>{" "}
                <span className="muted">{a.assignedBy ? c.assignees.assignedBy(who(a.assignedBy), when(a.assignedAt)) : c.assignees.assignedAt(when(a.assignedAt))}</span>
                {data.can.triage ? <PostButton intent="unassign" fields={{ userId: a.userId }} label={c.assignees.remove} buttonClassName="secondary" className="inline" /> : null}
              </li>
            ))}
          </ul>
        )}
        {failedOn("unassign") ? <FormMessage kind="error">{errorOf(failedOn("unassign"))}</FormMessage> : null}
        {data.can.triage ? (
          <Form method="get" role="search" className="form-row">
            {data.q ? <input type="hidden" name="q" value={data.q} /> : null}
            <TextField label={c.assignees.findLabel} hint={c.assignees.findHint} name="hq" type="search" defaultValue={data.hq} maxLength={100} />
            <div className="field">
              <button type="submit" className="secondary">
                {c.assignees.find}
              </button>
            </div>
          </Form>
        ) : null}
        {data.can.triage ? (
          data.assignable.length === 0 ? (
            <p>{data.hq ? c.assignees.noMatches : c.assignees.noneEligible}</p>
          ) : (
            <Form method="post" className="stack">
              <fieldset>
                <legend>{c.assignees.legend}</legend>
                {failedOn("assign") ? <FormMessage kind="error">{errorOf(failedOn("assign"))}</FormMessage> : null}
                <HandlerChoice handlers={data.assignable} chosen={failedOn("assign")?.values.userId} error={failedOn("assign")?.fieldErrors.userId} />
                {data.assignees.length > 0 ? (
                  <SelectField
                    label={c.assignees.replacing}
                    hint={c.assignees.replacingHint}
                    name="replacingUserId"
                    defaultValue={failedOn("assign")?.values.replacingUserId ?? ""}
                    options={[{ value: "", label: c.assignees.alongside }, ...data.assignees.map((a) => ({ value: a.userId, label: who(a) }))]}
                  />
                ) : null}
                <input type="hidden" name="intent" value="assign" />
                <button type="submit">{c.assignees.submit}</button>
              </fieldset>
            </Form>
          )
        ) : null}
        {data.can.assigned ? (
          <Form method="post" className="stack">
            <fieldset>
              <legend>{c.recusal.title}</legend>
              <p className="hint">{c.recusal.hint}</p>
              {failedOn("recuse")?.formError ? <FormMessage kind="error">{errorOf(failedOn("recuse"))}</FormMessage> : null}
              <TextArea label={c.recusal.reason} name="reason" error={failedOn("recuse")?.fieldErrors.reason} defaultValue={failedOn("recuse")?.values.reason} />
              <input type="hidden" name="intent" value="recuse" />
              <button type="submit">{c.recusal.submit}</button>
            </fieldset>
          </Form>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="involved-title">
        <h2 id="involved-title">{c.involved.title}</h2>
        {data.can.triage ? <p className="hint">{c.involved.hint}</p> : null}
        {failedOn("link", "unlink") ? <FormMessage kind="error">{errorOf(failedOn("link", "unlink"))}</FormMessage> : null}
        {data.involved.length === 0 ? (
          <p>{c.involved.none}</p>
        ) : (
          <div className="table-wrap">
            <DirectoryTable
              people={data.involved}
              action={data.can.triage ? (p) => <PostButton intent="unlink" fields={{ personId: p.id }} label={c.involved.unlink} buttonClassName="secondary" /> : undefined}
            />
          </div>
        )}
        {data.can.triage ? (
          <>
            <Form method="get" role="search" className="form-row">
              <TextField label={c.involved.searchLabel} hint={c.involved.searchHint} name="q" type="search" defaultValue={data.q} maxLength={100} />
              <div className="field">
                <button type="submit">{c.involved.search}</button>
              </div>
            </Form>
            {data.q ? (
              data.matches.length === 0 ? (
                <p>{c.involved.noMatches}</p>
              ) : (
                <div className="table-wrap">
                  {data.matches.length >= data.matchLimit ? <p className="muted">{c.involved.matchesLimited(data.matchLimit)}</p> : null}
                  <DirectoryTable
                    people={data.matches}
                    action={(p) =>
                      p.linked ? (
                        <span className="badge">{c.involved.linked}</span>
                      ) : (
                        <PostButton intent="link" fields={{ personId: p.id, q: data.q }} label={c.involved.link} />
                      )
                    }
                  />
                </div>
              )
            ) : null}
          </>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="exclusions-title">
        <h2 id="exclusions-title">{c.exclusions.title}</h2>
        <dl className="facts">
          {(["REPORTER_EXCLUDED", "INVOLVED", "MANAGER_OF_INVOLVED"] as const).map((reason) => (
            <div key={reason}>
              <dt>{c.exclusions.reasons[reason]}</dt>
              <dd>{c.exclusions.count(data.exclusions.counts[reason])}</dd>
            </div>
          ))}
        </dl>
        {data.can.triage ? (
          <>
            <h3>{c.exclusions.handlers}</h3>
            {data.exclusions.handlers.length === 0 ? (
              <p>{c.exclusions.none}</p>
            ) : (
              <ul>
                {data.exclusions.handlers.map((h) => (
                  <li key={h.userId}>
                    {who(h)} <span className="muted">{c.exclusions.reasons[h.reason]}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="identity-title">
        <h2 id="identity-title">{c.identity.title}</h2>
        {data.identityMode === "ANONYMOUS" ? <p>{c.identity.anonymous}</p> : null}
        {data.identity ? (
          data.identity.name || data.identity.contact ? (
            <dl className="facts">
              <div>
                <dt>{c.identity.name}</dt>
                <dd>{data.identity.name}</dd>
              </div>
              <div>
                <dt>{c.identity.contact}</dt>
                <dd>{data.identity.contact}</dd>
              </div>
            </dl>
          ) : (
            <p>{c.identity.notGiven}</p>
          )
        ) : data.identityMode === "CONFIDENTIAL" ? (
          <p>{c.identity.hidden}</p>
        ) : null}
        {data.identityMode === "CONFIDENTIAL" && data.requests.length > 0 ? (
          <>
            <h3>{c.identity.requests}</h3>
            {failedOn("approveIdentity", "rejectIdentity") ? <FormMessage kind="error">{errorOf(failedOn("approveIdentity", "rejectIdentity"))}</FormMessage> : null}
            <ul className="stack">
              {data.requests.map((r) => (
                <li key={r.id}>
                  <p>
                    <strong>{c.identity.requestedBy(who(r.requestedBy), when(r.createdAt))}</strong>{" "}
                    <span className="badge">{c.identity.status[r.status]}</span>
                    {r.decidedBy && r.decidedAt ? <span className="muted"> {c.identity.decidedBy(who(r.decidedBy), when(r.decidedAt))}</span> : null}
                  </p>
                  <p className="prewrap">{r.justification}</p>
                  {data.can.approve && r.status === "PENDING" && r.requestedBy.userId !== data.viewerId ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" name="intent" value="approveIdentity">
                        {c.identity.approve}
                      </button>{" "}
                      <button type="submit" name="intent" value="rejectIdentity" className="secondary">
                        {c.identity.reject}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {data.identityMode === "CONFIDENTIAL" && !data.identity && data.can.work && !data.requests.some((r) => r.requestedBy.userId === data.viewerId && r.status !== "REJECTED") ? (
          <Form method="post" className="stack">
            <fieldset>
              <legend>{c.identity.requestLegend}</legend>
              {failedOn("requestIdentity")?.formError ? (
                <FormMessage kind="error">{errorOf(failedOn("requestIdentity"))}</FormMessage>
              ) : null}
              <TextArea
                label={c.identity.justification}
                hint={c.identity.justificationHint}
                name="justification"
                error={failedOn("requestIdentity")?.fieldErrors.justification}
                defaultValue={failedOn("requestIdentity")?.values.justification}
              />
              <input type="hidden" name="intent" value="requestIdentity" />
              <button type="submit">{c.identity.request}</button>
            </fieldset>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <CaseTabErrorBoundary />;
}
