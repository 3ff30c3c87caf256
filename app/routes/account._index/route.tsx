// The signed-in person's own account: who they are, their roles, language and sign-in security.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { endOwnSessions, getAccountOverview, listOwnSessions, setAccountLocale, SESSIONS_PAGE_SIZE } from "~/modules/auth/account.server";
import { confirmActorPassword, REAUTH_FIELD } from "~/modules/auth/reauth.server";
import { regenerateRecoveryCodes, remainingRecoveryCodes } from "~/modules/auth/totp.server";
import { RECOVERY_CODE_COUNT } from "~/modules/auth/auth.schema";
import { pageCount, pageFromUrl } from "~/modules/http/pagination";
import { ReauthField } from "~/components/fields";
import { Pagination } from "~/components/pagination";
import { RecoveryCodeList } from "~/components/auth-fields";
import { requirePermission } from "~/modules/auth/session.server";
import { localeCookie } from "~/modules/http/locale.server";
import { FormMessage, PostButton } from "~/components/form";
import { LOCALES } from "~/i18n/locales";
import { getMessages } from "~/i18n/messages";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";
import { badRequest, formFailure, type ActionFailure } from "~/modules/http/respond.server";
import { parseIntent } from "~/modules/http/forms";
import { localized } from "~/i18n/localized";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.account);

const DONE = ["locale", "password", "totpEnabled", "totpDisabled", "sessionEnded", "otherSessionsEnded"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const sessionsPage = pageFromUrl(new URL(request.url), "sessions");
  const [account, sessions, recoveryLeft] = await Promise.all([
    getAccountOverview(auth.user.id),
    listOwnSessions(auth, sessionsPage),
    auth.user.hasTotp ? remainingRecoveryCodes(auth.user.id) : Promise.resolve(null),
  ]);
  return json({
    account,
    twoFactorRequired: auth.twoFactorRequired,
    sessions: { rows: sessions.rows, page: sessionsPage, pageCount: pageCount(sessions.total, SESSIONS_PAGE_SIZE) },
    recoveryLeft,
  });
}

const AccountPost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("locale"), locale: z.enum(["auto", ...LOCALES]) }),
  z.object({ intent: z.literal("endSession"), sessionId: z.string().min(1).max(128) }),
  z.object({ intent: z.literal("endOtherSessions") }),
  z.object({ intent: z.literal("regenerateRecoveryCodes") }),
]);

type ActionData = Partial<ActionFailure> & { recoveryCodes?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const form = await request.formData();
  // Every form here is a button or a choice of ours: what does not parse was not sent by this page.
  const parsed = parseIntent(AccountPost, form);
  if (!parsed.ok) throw badRequest();
  const post = parsed.data;
  switch (post.intent) {
    case "endSession":
      await endOwnSessions(auth, post.sessionId);
      return redirect("/account?done=sessionEnded");
    case "endOtherSessions":
      await endOwnSessions(auth, null);
      return redirect("/account?done=otherSessionsEnded");
    case "regenerateRecoveryCodes": {
      const check = await confirmActorPassword(auth, form.get(REAUTH_FIELD));
      if (!check.ok) return formFailure(form, { fieldErrors: { [REAUTH_FIELD]: check.code } });
      if (!auth.user.hasTotp) throw badRequest();
      // Shown once: this response is the only place the codes exist in the clear.
      return json<ActionData>({ recoveryCodes: await regenerateRecoveryCodes(auth.user.id) }, { headers: { "Cache-Control": "no-store" } });
    }
    case "locale": {
      const locale = post.locale === "auto" ? null : post.locale;
      await setAccountLocale({ userId: auth.user.id, locale });
      const headers = new Headers();
      if (locale) headers.append("Set-Cookie", localeCookie(locale));
      return redirect("/account?done=locale", { headers });
    }
  }
}

export default function Account() {
  const { account, twoFactorRequired, sessions, recoveryLeft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const m = useMessages();
  const locale = useLocale();
  const date = useDateTime();
  const done = params.get("done");
  const doneMessage = (DONE as readonly string[]).includes(done ?? "") ? m.auth.account.done[done as Done] : null;
  const name = localized(account, "name", locale);
  return (
    <div className="stack">
      <h1>{m.auth.account.title}</h1>
      {doneMessage ? <FormMessage kind="success">{doneMessage}</FormMessage> : null}
      <section className="card">
        <dl className="facts">
          <dt>{m.auth.account.name}</dt>
          <dd>{name ?? m.common.none}</dd>
          <dt>{m.auth.account.email}</dt>
          <dd>{account.email}</dd>
          {account.employeeNumber ? (
            <>
              <dt>{m.auth.account.employeeNumber}</dt>
              <dd>{account.employeeNumber}</dd>
            </>
          ) : null}
          <dt>{m.auth.account.roles}</dt>
          <dd>{account.roles.map((r) => (getMessages(locale).roles as Record<string, string>)[r] ?? r).join("、")}</dd>
        </dl>
      </section>
      <section className="card stack">
        <h2>{m.auth.account.language}</h2>
        <Form method="post" action="/account?index" className="form-row">
          <input type="hidden" name="intent" value="locale" />
          <div className="field">
            <label htmlFor="account-locale">{m.auth.account.language}</label>
            <select id="account-locale" name="locale" defaultValue={account.locale ?? "auto"}>
              <option value="auto">{m.auth.account.languageAuto}</option>
              <option value="zh-CN" lang="zh-CN">
                {m.common.languageNames["zh-CN"]}
              </option>
              <option value="en" lang="en">
                {m.common.languageNames.en}
              </option>
            </select>
          </div>
          <button type="submit">{m.auth.account.saveLanguage}</button>
        </Form>
      </section>
      <section className="card stack">
        <h2>{m.auth.account.password}</h2>
        {account.passwordChangedAt ? <p className="muted">{m.auth.account.passwordChangedAt(date(account.passwordChangedAt))}</p> : null}
        <p>
          <Link to="/account/password">{m.auth.account.changePassword}</Link>
        </p>
      </section>
      <section className="card stack">
        <h2>{m.auth.account.twoFactor}</h2>
        <p>
          {account.totpEnabledAt ? (
            <span className="badge ok">{m.auth.account.twoFactorOn}</span>
          ) : (
            <span className="badge warn">{m.auth.account.twoFactorOff}</span>
          )}{" "}
          {twoFactorRequired ? <span className="muted">{m.auth.account.twoFactorRequired}</span> : null}
        </p>
        <p>
          <Link to="/account/two-factor">
            {account.totpEnabledAt ? m.auth.account.manageTwoFactor : m.auth.account.setUpTwoFactor}
          </Link>
        </p>
        {recoveryLeft !== null ? (
          <div className="stack" id="recovery-codes">
            <h3>{m.auth.account.recoveryCodes}</h3>
            <p>
              {m.auth.account.recoveryRemaining(recoveryLeft)} {recoveryLeft <= RECOVERY_CODE_COUNT / 5 ? m.auth.account.recoveryLow : null}
            </p>
            {actionData?.recoveryCodes ? <RecoveryCodeList codes={actionData.recoveryCodes} intro={m.auth.account.recoveryNew} /> : null}
            <Form method="post" action="/account?index" className="form" noValidate>
              <input type="hidden" name="intent" value="regenerateRecoveryCodes" />
              <ReauthField hint={m.auth.account.recoveryRegenerateHint} error={actionData?.fieldErrors?.reauthPassword} />
              <button type="submit" className="button secondary">
                {m.auth.account.recoveryRegenerate}
              </button>
            </Form>
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{m.auth.account.sessions}</h2>
        <p className="muted">{m.auth.account.sessionsIntro}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.auth.account.sessionStarted}</th>
                <th scope="col">{m.auth.account.sessionLastSeen}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {sessions.rows.map((s) => (
                <tr key={s.id} data-current={s.current ? "true" : undefined}>
                  <td>{date(s.createdAt)}</td>
                  <td>{date(s.lastSeenAt)}</td>
                  <td>
                    {s.current ? (
                      <span className="badge ok">{m.auth.account.sessionCurrent}</span>
                    ) : (
                      <PostButton intent="endSession" fields={{ sessionId: s.id }} action="/account?index" label={m.auth.account.sessionEnd} buttonClassName="button secondary" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={sessions.page} pageCount={sessions.pageCount} param="sessions" />
        {sessions.rows.some((s) => !s.current) || sessions.pageCount > 1 ? (
          <PostButton intent="endOtherSessions" action="/account?index" label={m.auth.account.sessionsEndOthers} buttonClassName="button danger" />
        ) : null}
      </section>
    </div>
  );
}
