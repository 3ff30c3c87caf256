// The emailed link: choose a new password (also how invited people set their first one).
// The page works once per link; unknown, used and expired links each get a plain explanation.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NewPasswordFields } from "~/modules/auth/account.server";
import { completePasswordReset, PasswordResetError, resetLinkState, type ResetLinkState } from "~/modules/auth/password-reset.server";
import { parseForm } from "~/modules/http/forms";
import { FormMessage } from "~/components/form";
import { NewPasswordInputs } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.resetPassword);

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await resetLinkState(params.token ?? "");
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

type ActionData = { state: ResetLinkState; error: "mismatch" | null; fieldErrors?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(NewPasswordFields, await request.formData());
  if (!parsed.ok) {
    const mismatch = parsed.fieldErrors.confirmPassword === "passwordMismatch";
    const fieldErrors = mismatch ? { ...parsed.fieldErrors, confirmPassword: "invalid" } : parsed.fieldErrors;
    return json<ActionData>({ state: "valid", error: mismatch ? "mismatch" : null, fieldErrors }, { status: 400 });
  }
  try {
    await completePasswordReset(params.token ?? "", parsed.data.newPassword);
  } catch (e) {
    if (!(e instanceof PasswordResetError)) throw e;
    return json<ActionData>({ state: e.code, error: null }, { status: 410 });
  }
  return redirect("/login?notice=reset");
}

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const state = actionData?.state !== undefined && actionData.state !== "valid" ? actionData.state : data.state;
  if (state !== "valid") {
    return (
      <div className="narrow stack">
        <h1>{m.auth.reset.title}</h1>
        <FormMessage kind="error">{m.auth.reset[state]}</FormMessage>
        <p>
          <Link to="/forgot-password">{m.auth.reset.requestNew}</Link>
        </p>
      </div>
    );
  }
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="narrow stack">
      <h1>{m.auth.reset.title}</h1>
      <p className="muted">{m.auth.reset.intro}</p>
      {actionData?.error === "mismatch" ? <FormMessage kind="error">{m.auth.passwordMismatch}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <NewPasswordInputs labels={{ new: m.auth.reset.new, confirm: m.auth.reset.confirm }} errors={errors} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.reset.submit}
        </button>
      </Form>
    </div>
  );
}
