// Sign-in, step two for accounts with TOTP: the code from the authenticator app.
// (login_: not nested in the /login page, which has no outlet.)
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getAuthState, type AuthState } from "~/modules/auth/session.server";
import { verifyLoginCode, verifyLoginRecoveryCode } from "~/modules/auth/totp.server";
import { totpCodeField } from "~/modules/auth/auth.schema";
import { parseIntent } from "~/modules/http/forms";
import { actionError, formFailure, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { isDomainError } from "~/modules/http/domain-error";
import { safeRedirectPath } from "~/modules/http/redirect";
import { headerSafePath } from "~/modules/http/header-safe";
import { AuthPage, RecoveryCodeField, TotpCodeField } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.loginTwoFactor);

/** The app's code, or a recovery code when the phone is lost (its own small form). */
const CodePost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("code"), code: totpCodeField }),
  z.object({ intent: z.literal("recovery"), recoveryCode: z.string({ required_error: "required" }).trim().min(1, "required").max(40, "tooLong") }),
]);

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

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const redirectTo = headerSafePath(safeRedirectPath(form.get("redirectTo")));
  const auth = await pendingSession(request, redirectTo);
  const parsed = parseIntent(CodePost, form);
  if (!parsed.ok) return invalidForm(parsed);
  const post = parsed.data;
  try {
    if (post.intent === "recovery") await verifyLoginRecoveryCode(auth, post.recoveryCode);
    else await verifyLoginCode(auth, post.code);
  } catch (e) {
    if (isDomainError(e, "totp")) {
      if (e.code === "notEnrolled") throw redirect(redirectTo);
      // A wrong code is a failed sign-in (401); the message says which of the two codes it was.
      if (e.code === "invalid") return formFailure(form, { formError: post.intent === "recovery" ? "recoveryInvalid" : "invalid", init: 401 });
    }
    return actionError({ error: e, form });
  }
  return redirect(redirectTo);
}

export default function LoginTwoFactor() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const navigation = useNavigation();
  const m = useMessages();
  return (
    <AuthPage title={m.auth.twoFactor.title} intro={m.auth.twoFactor.intro} failed={failed}>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="intent" value="code" />
        <TotpCodeField error={failed?.fieldErrors.code} autoFocus />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.twoFactor.submit}
        </button>
      </Form>
      <details className="stack" open={failed?.formError === "recoveryInvalid" || !!failed?.fieldErrors.recoveryCode}>
        <summary>{m.auth.twoFactor.recoveryTitle}</summary>
        <Form method="post" className="form" noValidate>
          <p className="muted">{m.auth.twoFactor.recoveryIntro}</p>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="intent" value="recovery" />
          <RecoveryCodeField error={failed?.fieldErrors.recoveryCode} />
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
    </AuthPage>
  );
}
