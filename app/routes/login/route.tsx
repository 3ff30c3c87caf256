// Sign-in, step one: email and password. Works without JavaScript (a plain form post; errors are
// re-rendered with the typed email). A success always starts a new session.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { attemptLogin, clientAddressOf } from "~/modules/auth/login.server";
import { SignInForm } from "~/modules/auth/auth.schema";
import { getAuthState, invalidateSession } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { formFailure, invalidForm } from "~/modules/http/respond.server";
import { explainFailure } from "~/modules/http/explain";
import { localeCookie } from "~/modules/http/locale.server";
import { safeRedirectPath } from "~/modules/http/redirect";
import { headerSafePath } from "~/modules/http/header-safe";
import { SignInInputs } from "~/components/auth-fields";
import { FormMessage } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.login);

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = headerSafePath(safeRedirectPath(url.searchParams.get("redirectTo")));
  const auth = await getAuthState(request);
  // Already signed in (second factor done where there is one): nothing to do here.
  if (auth && (auth.twoFactorVerified || !auth.user.hasTotp)) throw redirect(redirectTo);
  return json({ redirectTo, notice: url.searchParams.get("notice") === "reset" ? ("reset" as const) : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = headerSafePath(safeRedirectPath(formData.get("redirectTo")));
  const parsed = parseForm(SignInForm, formData);
  if (!parsed.ok) return invalidForm(parsed);
  const { email, password } = parsed.data;
  const result = await attemptLogin({ email, password, clientAddress: clientAddressOf(context) });
  if (result.kind === "invalid") return formFailure(formData, { formError: "credentials", init: 401 });
  if (result.kind === "throttled") return formFailure(formData, { formError: "throttled", detail: { minutes: result.minutes }, init: 429 });

  // A session the browser already had (another account, or an unfinished second step) ends here.
  const previous = await getAuthState(request);
  if (previous) await invalidateSession(previous.sessionId);
  const headers = new Headers();
  headers.append("Set-Cookie", result.cookie);
  // From now on pages come in the account's language; the cookie keeps it after signing out.
  if (result.locale) headers.append("Set-Cookie", localeCookie(result.locale));
  const next = result.needsTotp ? `/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}` : redirectTo;
  return redirect(next, { headers });
}

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = useMessages();
  return (
    <div className="narrow stack">
      <h1>{m.auth.login.title}</h1>
      <p className="muted">{m.auth.login.intro}</p>
      {notice === "reset" && !actionData ? <FormMessage kind="success">{m.auth.login.resetDone}</FormMessage> : null}
      {actionData?.formError ? <FormMessage kind="error">{explainFailure(m, actionData, m.auth.errors)}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <SignInInputs email={actionData?.values.email ?? ""} errors={actionData?.fieldErrors ?? {}} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.login.submit}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{m.auth.login.forgot}</Link>
      </p>
      <p>
        {m.hotline.fromLogin} <Link to="/hotline">{m.hotline.headerLink}</Link>
      </p>
    </div>
  );
}
