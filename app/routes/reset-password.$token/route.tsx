// The emailed link: choose a new password (also how invited people set their first one).
// The page works once per link; unknown, used and expired links each get a plain explanation.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NewPasswordFields } from "~/modules/auth/auth.schema";
import { completePasswordReset, resetLinkState, type ResetLinkState } from "~/modules/auth/password-reset.server";
import { mismatchAboveForm } from "~/modules/auth/auth.schema";
import { parseForm } from "~/modules/http/forms";
import { answerForm, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { FormMessage } from "~/components/form";
import { AuthPage, NewPasswordInputs } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.resetPassword);

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await resetLinkState(params.token ?? "");
  return json({ state }, { status: state === "valid" ? 200 : 410 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(NewPasswordFields, form);
  if (!parsed.ok) return invalidForm(mismatchAboveForm(parsed));
  // A link used or expired meanwhile is refused (410): the page explains it as it does on opening.
  return answerForm(form, async () => {
    await completePasswordReset({ token: params.token ?? "", newPassword: parsed.data.newPassword });
    return redirect("/login?notice=reset");
  });
}

const refusedLink = (code: string | null | undefined): ResetLinkState | null => (code === "unknown" || code === "used" || code === "expired" ? code : null);

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const navigation = useNavigation();
  const m = useMessages();
  const state = refusedLink(failed?.formError) ?? data.state;
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
  const errors = failed?.fieldErrors ?? {};
  return (
    <AuthPage title={m.auth.reset.title} intro={m.auth.reset.intro} failed={failed}>
      <Form method="post" className="form" noValidate>
        <NewPasswordInputs labels={{ new: m.auth.reset.new, confirm: m.auth.reset.confirm }} errors={errors} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.reset.submit}
        </button>
      </Form>
    </AuthPage>
  );
}
