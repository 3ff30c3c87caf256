import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { hasPermission, ROLE_KEYS } from "~/modules/auth/permissions";
import { formValuesOf, parseIntent } from "~/modules/http/forms";
import { z } from "zod";
import { getSetting } from "~/modules/settings/settings.server";
import { departmentTree } from "~/modules/people/departments.server";
import { getPersonDetail, setPersonStatus, statusChangeDisablesAccount, updatePerson } from "~/modules/people/people.server";
import { accountIdOf, changeRoles, createAccount, resendInvitation, resetTwoFactor, setAccountStatus } from "~/modules/people/accounts.server";
import { listPendingRoleGrants, rolesNeedingApproval } from "~/modules/people/role-grants.server";
import { accountFormSchema, personFormSchema, rolesFormSchema } from "~/modules/people/people.schema";
import { badRequest, formFailure, throwRefusal } from "~/modules/http/respond.server";
import { explainer } from "~/modules/http/explain";
import { directoryFailure, reauthFailure, tickedRoles, type FormErrorData } from "~/modules/people/http.server";
import { PersonForm } from "~/modules/people/person-form";
import { useDisplayName } from "~/modules/people/ui";
import { FieldError, ReauthField, TextField } from "~/components/fields";
import { FormMessage, PostButton } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.person);

const DONE = ["created", "saved", "deactivated", "reactivated", "accountCreated", "rolesSaved", "accountDisabled", "accountEnabled", "invitationResent", "twoFactorReset"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "manage:people:any");
  const canManageUsers = hasPermission(auth.user.permissions, "manage:user:any");
  try {
    const [person, departments, timeZone, approvalRoles] = await Promise.all([
      getPersonDetail(params.id ?? ""),
      departmentTree(),
      getSetting("org.timeZone"),
      rolesNeedingApproval(),
    ]);
    const done = new URL(request.url).searchParams.get("done");
    const pending = canManageUsers && person.user ? (await listPendingRoleGrants({ userId: person.user.id })).rows.map((r) => r.roleKey) : [];
    return json({
      approvalRoles: [...approvalRoles],
      pendingRoles: pending,
      person: canManageUsers ? person : { ...person, user: person.user ? { ...person.user, roles: [] as string[] } : null },
      departments,
      timeZone,
      canManageUsers,
      isSelf: person.user?.id === auth.user.id,
      done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null,
    });
  } catch (error) {
    throwRefusal(error);
  }
}

const noFields = <I extends string>(intent: I) => z.object({ intent: z.literal(intent) });

const PersonPost = z.discriminatedUnion("intent", [
  personFormSchema.extend({ intent: z.literal("save") }),
  noFields("deactivate"),
  noFields("reactivate"),
  accountFormSchema.extend({ intent: z.literal("createAccount") }),
  rolesFormSchema.extend({ intent: z.literal("roles") }),
  noFields("disableAccount"),
  noFields("enableAccount"),
  noFields("resetTwoFactor"),
  noFields("resendInvitation"),
]);

/** Accounts and roles need their own permission on top of the directory's. */
const ACCOUNT_INTENTS: ReadonlySet<string> = new Set(["createAccount", "roles", "disableAccount", "enableAccount", "resetTwoFactor", "resendInvitation"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "manage:people:any");
  const id = params.id ?? "";
  const formData = await request.formData();
  const parsed = parseIntent(PersonPost, formData);
  const intent = parsed.ok ? parsed.data.intent : parsed.intent;
  if (intent === null || ACCOUNT_INTENTS.has(intent)) await requirePermission(request, "manage:user:any");
  if (!parsed.ok) {
    if (!parsed.intent) throw badRequest();
    // The account form's email box is named apart from the person's own email.
    const { email, ...rest } = parsed.fieldErrors;
    const fieldErrors = parsed.intent === "createAccount" && email ? { ...rest, accountEmail: email } : parsed.fieldErrors;
    return formFailure(formData, { fieldErrors, extra: tickedRoles(formData) });
  }
  const back = (done: Done) => redirect(`/admin/people/${id}?done=${done}`);
  const actor = auth.user.id;
  const confirmed = async () => reauthFailure(auth, formData);
  const post = parsed.data;
  try {
    switch (post.intent) {
      case "save": {
        const { intent: _save, ...input } = post;
        if (await statusChangeDisablesAccount({ personId: id, status: input.status })) {
          const refused = await confirmed();
          if (refused) return refused;
        }
        await updatePerson({ actorUserId: actor, personId: id, input });
        return back("saved");
      }
      case "deactivate":
      case "reactivate":
        if (post.intent === "deactivate" && (await statusChangeDisablesAccount({ personId: id, status: "INACTIVE" }))) {
          const refused = await confirmed();
          if (refused) return refused;
        }
        await setPersonStatus({ actorUserId: actor, personId: id, status: post.intent === "deactivate" ? "INACTIVE" : "ACTIVE" });
        return back(post.intent === "deactivate" ? "deactivated" : "reactivated");
      case "createAccount":
        await createAccount({ actorUserId: actor, personId: id, input: { email: post.email, roles: post.roles } });
        return back("accountCreated");
      case "roles": {
        const refused = await confirmed();
        if (refused) return refused;
        await changeRoles({ actorUserId: actor, userId: await accountIdOf({ personId: id }), roles: post.roles });
        return back("rolesSaved");
      }
      case "disableAccount":
      case "enableAccount": {
        if (post.intent === "disableAccount") {
          const refused = await confirmed();
          if (refused) return refused;
        }
        await setAccountStatus({ actorUserId: actor, userId: await accountIdOf({ personId: id }), status: post.intent === "disableAccount" ? "DISABLED" : "ACTIVE" });
        return back(post.intent === "disableAccount" ? "accountDisabled" : "accountEnabled");
      }
      case "resetTwoFactor": {
        const refused = await confirmed();
        if (refused) return refused;
        await resetTwoFactor({ actorUserId: actor, userId: await accountIdOf({ personId: id }) });
        return back("twoFactorReset");
      }
      case "resendInvitation":
        await resendInvitation({ actorUserId: actor, userId: await accountIdOf({ personId: id }) });
        return back("invitationResent");
    }
  } catch (error) {
    return directoryFailure(error, formData);
  }
}

function doneMessage(m: Messages, done: Done): string {
  const a = m.people.account;
  const map: Record<Done, string> = {
    created: m.people.created,
    saved: m.people.saved,
    deactivated: m.people.deactivated,
    reactivated: m.people.reactivated,
    accountCreated: a.created,
    rolesSaved: a.rolesSaved,
    accountDisabled: a.disabled,
    accountEnabled: a.enabled,
    invitationResent: a.resent,
    twoFactorReset: a.twoFactorWasReset,
  };
  return map[done];
}

export default function PersonPage() {
  const { person, departments, timeZone, canManageUsers, isSelf, done, pendingRoles } = useLoaderData<typeof loader>();
  const failed = useActionData<FormErrorData>();
  const m = useMessages();
  const explain = explainer(m, m.people.errors);
  const name = useDisplayName();
  const failedHere = (...intents: string[]) => (failed && intents.includes(failed.intent ?? "") ? failed : undefined);
  const saveFailure = failedHere("save");
  const values = saveFailure?.values ?? {
    ...formValuesOf(person, ["employeeNumber", "nameZh", "nameEn", "email", "departmentId", "kind", "locale", "status", "hireDate", "jobTitle", "isManager"]),
    managerNumber: person.manager?.employeeNumber ?? "",
  };
  const statusFailure = failedHere("deactivate", "reactivate");
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">{m.people.backToList}</Link>
      </p>
      <h1>
        {m.people.editTitle(name(person))}{" "}
        <span className={person.status === "ACTIVE" ? "badge ok" : "badge"}>{m.people.statuses[person.status]}</span>
      </h1>
      <p className="muted">
        {person.employeeNumber} · {m.people.reports(person.reports)}
      </p>
      {done ? (
        <FormMessage kind="success">
          {(done === "rolesSaved" || done === "accountCreated") && pendingRoles.length > 0
            ? (done === "rolesSaved" ? m.people.account.rolesRequested : m.people.account.createdRequested)(pendingRoles.map((r) => roleLabel(m, r)).join(m.people.account.roleSeparator))
            : doneMessage(m, done)}
        </FormMessage>
      ) : null}
      <PersonForm
        values={values}
        errors={saveFailure?.fieldErrors ?? {}}
        formError={saveFailure?.formError}
        departments={departments}
        timeZone={timeZone}
        submitLabel={m.common.save}
        currentManager={person.manager}
        beforeSubmit={
          person.user?.status === "ACTIVE" && person.status === "ACTIVE" ? (
            <ReauthField error={saveFailure?.fieldErrors.reauthPassword} hint={m.people.account.reauthDeactivateHint} required={false} />
          ) : null
        }
      />

      <section className="card stack">
        <h2>{m.people.statusHeading}</h2>
        {statusFailure?.formError ? <FormMessage kind="error">{explain(statusFailure.formError)}</FormMessage> : null}
        <Form method="post">
          {person.status === "ACTIVE" ? (
            <>
              <p className="muted">{m.people.deactivateHint}</p>
              <input type="hidden" name="intent" value="deactivate" />
              {person.user?.status === "ACTIVE" ? <ReauthField error={statusFailure?.fieldErrors.reauthPassword} disabled={isSelf} /> : null}
              <button type="submit" className="button danger" disabled={isSelf}>
                {m.people.deactivate}
              </button>
            </>
          ) : (
            <>
              <p className="muted">{m.people.reactivateHint}</p>
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit">{m.people.reactivate}</button>
            </>
          )}
        </Form>
      </section>

      {canManageUsers ? <AccountSection person={person} isSelf={isSelf} failed={failed} /> : null}
    </div>
  );
}

type PersonData = ReturnType<typeof useLoaderData<typeof loader>>["person"];

function AccountSection({ person, isSelf, failed }: { person: PersonData; isSelf: boolean; failed?: FormErrorData }) {
  const { pendingRoles } = useLoaderData<typeof loader>();
  const m = useMessages();
  const explain = explainer(m, m.people.errors);
  const moment = useDateTime();
  const a = m.people.account;
  const user = person.user;
  const when = (iso: string | null) => (iso ? moment(iso) : a.never);
  const failure = (intent: string) => (failed?.intent === intent ? failed : undefined);

  if (!user) {
    const f = failure("createAccount");
    const ticked = f ? new Set(f.roles) : new Set(["employee"]);
    return (
      <section className="card stack">
        <h2>{a.heading}</h2>
        {person.status !== "ACTIVE" ? (
          <p>{a.inactivePerson}</p>
        ) : (
          <Form method="post" className="form" noValidate>
            <p>{a.noAccount}</p>
            <input type="hidden" name="intent" value="createAccount" />
            {f ? <FormMessage kind="error">{f.formError ? explain(f.formError) : m.errors.formInvalid}</FormMessage> : null}
            <TextField
              label={a.email}
              hint={a.emailHint}
              name="email"
              type="email"
              required
              defaultValue={f?.values.email ?? person.email ?? ""}
              error={f?.fieldErrors.accountEmail}
              explain={explain}
              autoComplete="off"
            />
            <RoleBoxes ticked={ticked} error={f?.fieldErrors.roles} />
            <button type="submit">{a.create}</button>
          </Form>
        )}
      </section>
    );
  }

  const rolesFailure = failure("roles");
  const statusFailure = failure("disableAccount") ?? failure("enableAccount") ?? failure("resendInvitation");
  const resetFailure = failure("resetTwoFactor");
  return (
    <section className="card stack">
      <h2>{a.heading}</h2>
      <dl className="facts">
        <dt>{a.email}</dt>
        <dd>{user.email}</dd>
        <dt>{a.status}</dt>
        <dd>
          <span className={user.status === "ACTIVE" ? "badge ok" : "badge danger"}>{a.statuses[user.status]}</span>
        </dd>
        <dt>{a.password}</dt>
        <dd>{user.hasPassword ? a.passwordSet : a.passwordPending}</dd>
        <dt>{a.twoFactor}</dt>
        <dd>{user.hasTotp ? a.twoFactorOn : a.twoFactorOff}</dd>
        <dt>{a.lastLogin}</dt>
        <dd>{when(user.lastLoginAt)}</dd>
      </dl>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="roles" />
        {rolesFailure?.formError ? <FormMessage kind="error">{explain(rolesFailure.formError)}</FormMessage> : null}
        <RoleBoxes
          ticked={rolesFailure ? new Set(rolesFailure.roles) : new Set([...user.roles, ...pendingRoles])}
          pending={new Set(pendingRoles)}
          error={rolesFailure?.fieldErrors.roles}
        />
        <ReauthField error={rolesFailure?.fieldErrors.reauthPassword} />
        <button type="submit">{a.saveRoles}</button>
      </Form>
      {statusFailure?.formError ? <FormMessage kind="error">{explain(statusFailure.formError)}</FormMessage> : null}
      <div className="form-row">
        {user.status === "ACTIVE" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="disableAccount" />
            <p className="muted">{a.disableHint}</p>
            <ReauthField error={failure("disableAccount")?.fieldErrors.reauthPassword} disabled={isSelf} />
            <button type="submit" className="button danger" disabled={isSelf}>
              {a.disable}
            </button>
          </Form>
        ) : (
          <PostButton intent="enableAccount" label={a.enable} />
        )}
        {user.status === "ACTIVE" && !user.hasPassword ? (
          <PostButton intent="resendInvitation" label={a.resend} buttonClassName="button secondary" />
        ) : null}
      </div>
      {user.hasTotp && !isSelf ? (
        <Form method="post" className="form" noValidate>
          <h3>{a.resetTwoFactor}</h3>
          <p className="muted">{a.resetTwoFactorHint}</p>
          {resetFailure?.formError ? <FormMessage kind="error">{explain(resetFailure.formError)}</FormMessage> : null}
          <input type="hidden" name="intent" value="resetTwoFactor" />
          <ReauthField error={resetFailure?.fieldErrors.reauthPassword} />
          <button type="submit" className="button danger">
            {a.resetTwoFactor}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function roleLabel(m: Messages, key: string): string {
  return (m.roles as Record<string, string>)[key] ?? key;
}

function RoleBoxes({ ticked, pending, error }: { ticked: Set<string>; pending?: Set<string>; error?: string }) {
  const { approvalRoles } = useLoaderData<typeof loader>();
  const m = useMessages();
  const explain = explainer(m, m.people.errors);
  const a = m.people.account;
  return (
    <fieldset className="role-boxes" aria-describedby={error ? "roles-error" : "roles-hint"}>
      <legend>{a.roles}</legend>
      <span id="roles-hint" className="hint">
        {a.rolesHint}
      </span>
      {ROLE_KEYS.map((role) => (
        <label key={role} className="checkbox">
          <input type="checkbox" name="roles" value={role} defaultChecked={ticked.has(role)} />
          {m.roles[role]}
          {pending?.has(role) ? (
            <span className="badge">{a.pendingApproval}</span>
          ) : approvalRoles.includes(role) ? (
            <span className="hint"> ({a.needsApproval})</span>
          ) : null}
        </label>
      ))}
      <FieldError id="roles-error" error={error} explain={explain} />
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
