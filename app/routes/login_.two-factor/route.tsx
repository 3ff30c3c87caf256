// Sign-in, step two for accounts with TOTP: the code from the authenticator app.
// (login_: not nested in the /login page, which has no outlet.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getAuthState, type AuthState } from "~/modules/auth/session.server";
import { TotpError, verifyLoginCode, verifyLoginRecoveryCode } from "~/modules/auth/totp.server";
import { parseForm } from "~/modules/http/forms";
import { safeRedirectPath } from "~/modules/http/redirect";
import { headerSafePath } from "~/modules/http/header-safe";
import { TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { TotpCodeField } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.loginTwoFactor);

const CodeForm = z.object({ code: z.string({ required_error: "required" }).trim().min(1, "required").max(20, "tooLong") });
const RecoveryForm = z.object({ recoveryCode: z.string({ required_error: "required" }).trim().min(1, "required").max(40, "tooLong") });

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

type ActionData = { error: "invalid" | "throttled" | "recoveryInvalid" | null; minutes?: number; fieldErrors?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = headerSafePath(safeRedirectPath(formData.get("redirectTo")));
  const auth = await pendingSession(request, redirectTo);
  // A recovery code (the phone is lost) instead of the app's code: its own small form.
  const recovery = formData.get("intent") === "recovery";
  const parsed = recovery ? parseForm(RecoveryForm, formData) : parseForm(CodeForm, formData);
  if (!parsed.ok) return json<ActionData>({ error: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    if ("recoveryCode" in parsed.data) await verifyLoginRecoveryCode(auth, parsed.data.recoveryCode);
    else await verifyLoginCode(auth, parsed.data.code);
  } catch (e) {
    if (!(e instanceof TotpError)) throw e;
    if (e.code === "throttled") return json<ActionData>({ error: "throttled", minutes: e.minutes }, { status: 429 });
    if (e.code === "notEnrolled") throw redirect(redirectTo);
    return json<ActionData>({ error: recovery ? "recoveryInvalid" : "invalid" }, { status: 401 });
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
      {actionData?.error === "recoveryInvalid" ? <FormMessage kind="error">{m.auth.twoFactor.recoveryInvalid}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TotpCodeField error={actionData?.fieldErrors?.code} autoFocus />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.twoFactor.submit}
        </button>
      </Form>
      <details className="stack" open={actionData?.error === "recoveryInvalid" || !!actionData?.fieldErrors?.recoveryCode}>
        <summary>{m.auth.twoFactor.recoveryTitle}</summary>
        <Form method="post" className="form" noValidate>
          <p className="muted">{m.auth.twoFactor.recoveryIntro}</p>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="intent" value="recovery" />
          <TextField
            label={m.auth.twoFactor.recoveryCode}
            hint={m.auth.twoFactor.recoveryHint}
            name="recoveryCode"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            required
            error={actionData?.fieldErrors?.recoveryCode}
          />
          <button type="submit" className="button secondary" disabled={navigation.state === "submitting"}>
            {m.auth.twoFactor.recoverySubmit}
          </button>
        </Form>
      </details>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {m.auth.twoFactor.otherAccount}
        </button>
      </Form>
    </div>
  );
}
