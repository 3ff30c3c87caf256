// "Forgot your password?": one answer for every email address, so the page cannot be used to find
// out who has an account.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { clientAddressOf } from "~/modules/auth/login.server";
import { SignInForm } from "~/modules/auth/auth.schema";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { getSetting } from "~/modules/settings/settings.server";
import { parseForm } from "~/modules/http/forms";
import { formFailure, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { explainFailure } from "~/modules/http/explain";
import { TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.forgotPassword);

const ForgotForm = SignInForm.pick({ email: true });

/** Sent: how long the link lasts. Otherwise the shared failure shape. */
type ActionData = { sent: { minutes: number } } | ActionFailure;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(ForgotForm, form);
  if (!parsed.ok) return invalidForm(parsed);
  const result = await requestPasswordReset({ email: parsed.data.email, clientAddress: clientAddressOf(context) });
  if (result.kind === "throttled") return formFailure(form, { formError: "throttled", detail: { minutes: result.minutes }, init: 429 });
  return json<ActionData>({ sent: { minutes: await getSetting("auth.passwordResetMinutes") } });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const failed = actionData && "sent" in actionData ? undefined : actionData;
  return (
    <div className="narrow stack">
      <h1>{m.auth.forgot.title}</h1>
      {actionData && "sent" in actionData ? (
        <FormMessage kind="success">{m.auth.forgot.sent(actionData.sent.minutes)}</FormMessage>
      ) : (
        <>
          <p className="muted">{m.auth.forgot.intro}</p>
          {failed?.formError ? <FormMessage kind="error">{explainFailure(m, failed, m.auth.errors)}</FormMessage> : null}
          <Form method="post" className="form" noValidate>
            <TextField
              label={m.auth.forgot.email}
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={failed?.values.email ?? ""}
              error={failed?.fieldErrors.email}
            />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {m.auth.forgot.submit}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{m.auth.forgot.backToLogin}</Link>
      </p>
    </div>
  );
}
