// The signed-in person's own account: who they are, their roles, language and sign-in security.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getAccountOverview, setAccountLocale } from "~/modules/auth/account.server";
import { requirePermission } from "~/modules/auth/session.server";
import { getEnv } from "~/modules/config/env.server";
import { localeCookie } from "~/modules/http/locale.server";
import { FormMessage } from "~/components/form";
import { LOCALES } from "~/i18n/locales";
import { getMessages } from "~/i18n/messages";
import { useDateTime, useLocale, useMessages } from "~/i18n/use-messages";

const DONE = ["locale", "password", "totpEnabled", "totpDisabled"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const account = await getAccountOverview(auth.user.id);
  return json({ account, twoFactorRequired: auth.twoFactorRequired });
}

const LocaleForm = z.object({ locale: z.enum(["auto", ...LOCALES]) });

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const parsed = LocaleForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const locale = parsed.data.locale === "auto" ? null : parsed.data.locale;
  await setAccountLocale(auth.user.id, locale);
  const headers = new Headers();
  if (locale) headers.append("Set-Cookie", localeCookie(locale, getEnv().APP_URL.startsWith("https://")));
  return redirect("/account?done=locale", { headers });
}

export default function Account() {
  const { account, twoFactorRequired } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const m = useMessages();
  const locale = useLocale();
  const date = useDateTime();
  const done = params.get("done");
  const doneMessage = (DONE as readonly string[]).includes(done ?? "") ? m.auth.account.done[done as Done] : null;
  const name = locale === "en" ? account.nameEn : account.nameZh;
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
      </section>
    </div>
  );
}
