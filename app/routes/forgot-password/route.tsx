// "Forgot your password?": one answer for every email address, so the page cannot be used to find
// out who has an account.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { clientAddressOf } from "~/modules/auth/login.server";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { getSetting } from "~/modules/settings/settings.server";
import { parseForm } from "~/modules/http/forms";
import { TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.forgotPassword);

const ForgotForm = z.object({
  email: z.string({ required_error: "required" }).trim().min(1, "required").max(254, "tooLong").email("email"),
});

type ActionData =
  | { state: "sent"; minutes: number }
  | { state: "throttled"; minutes: number; email: string }
  | { state: "invalid"; fieldErrors: Record<string, string>; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotForm, await request.formData());
  if (!parsed.ok) return json<ActionData>({ state: "invalid", fieldErrors: parsed.fieldErrors, email: parsed.values.email ?? "" }, { status: 400 });
  const result = await requestPasswordReset({ email: parsed.data.email, clientAddress: clientAddressOf(context) });
  if (result.kind === "throttled") return json<ActionData>({ state: "throttled", minutes: result.minutes, email: parsed.data.email }, { status: 429 });
  return json<ActionData>({ state: "sent", minutes: await getSetting("auth.passwordResetMinutes") });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  return (
    <div className="narrow stack">
      <h1>{m.auth.forgot.title}</h1>
      {actionData?.state === "sent" ? (
        <FormMessage kind="success">{m.auth.forgot.sent(actionData.minutes)}</FormMessage>
      ) : (
        <>
          <p className="muted">{m.auth.forgot.intro}</p>
          {actionData?.state === "throttled" ? <FormMessage kind="error">{m.auth.throttled(actionData.minutes)}</FormMessage> : null}
          <Form method="post" className="form" noValidate>
            <TextField
              label={m.auth.forgot.email}
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={actionData && "email" in actionData ? actionData.email : ""}
              error={actionData?.state === "invalid" ? actionData.fieldErrors.email : undefined}
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
