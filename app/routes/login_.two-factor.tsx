// Sign-in, step two for accounts with TOTP: the code from the authenticator app.
// (login_: not nested in the /login page, which has no outlet.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getAuthState, type AuthState } from "~/modules/auth/session.server";
import { TotpError, verifyLoginCode } from "~/modules/auth/totp.server";
import { parseForm } from "~/modules/http/forms";
import { safeRedirectPath } from "~/modules/http/redirect";
import { headerSafePath } from "~/modules/http/header-safe";
import { FormMessage } from "~/components/form";
import { TotpCodeField } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";

const CodeForm = z.object({ code: z.string({ required_error: "required" }).trim().min(1, "required").max(20, "tooLong") });

/** The session that owes its code, or a redirect: to /login without one, onwards when nothing is owed. */
async function pendingSession(request: Request, redirectTo: string): Promise<AuthState> {
  const auth = await getAuthState(request);
  if (!auth) throw redirect("/login");
  if (!auth.user.hasTotp || auth.twoFactorVerified) throw redirect(redirectTo);
  return auth;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = headerSafePath(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  await pendingSession(request, redirectTo);
  return json({ redirectTo });
}

type ActionData = { error: "invalid" | "throttled" | null; minutes?: number; fieldErrors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = headerSafePath(safeRedirectPath(formData.get("redirectTo")));
  const auth = await pendingSession(request, redirectTo);
  const parsed = parseForm(CodeForm, formData);
  if (!parsed.ok) return json<ActionData>({ error: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    await verifyLoginCode(auth, parsed.data.code);
  } catch (e) {
    if (!(e instanceof TotpError)) throw e;
    if (e.code === "throttled") return json<ActionData>({ error: "throttled", minutes: e.minutes }, { status: 429 });
    if (e.code === "notEnrolled") throw redirect(redirectTo);
    return json<ActionData>({ error: "invalid" }, { status: 401 });
  }
  return redirect(redirectTo);
}

export default function LoginTwoFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = useMessages();
  return (
    <div className="narrow stack">
      <h1>{m.auth.twoFactor.title}</h1>
      <p className="muted">{m.auth.twoFactor.intro}</p>
      {actionData?.error === "invalid" ? <FormMessage kind="error">{m.auth.twoFactor.invalid}</FormMessage> : null}
      {actionData?.error === "throttled" ? <FormMessage kind="error">{m.auth.throttled(actionData.minutes ?? 1)}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TotpCodeField error={actionData?.fieldErrors?.code} autoFocus />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.twoFactor.submit}
        </button>
      </Form>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {m.auth.twoFactor.otherAccount}
        </button>
      </Form>
    </div>
  );
}
