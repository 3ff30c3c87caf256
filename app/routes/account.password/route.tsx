// Changing one's own password: the current one, then the new one twice.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { changePassword, NewPasswordFields, PasswordChangeError } from "~/modules/auth/account.server";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { NewPasswordInputs } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.password);

const ChangeForm = z
  .object({ currentPassword: z.string({ required_error: "required" }).min(1, "required").max(1024, "tooLong") })
  .and(NewPasswordFields);

type ActionData = { error: "wrongPassword" | "throttled" | "mismatch" | "samePassword" | null; minutes?: number; fieldErrors?: Record<string, string> };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:account:own");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const parsed = parseForm(ChangeForm, await request.formData());
  if (!parsed.ok) {
    const mismatch = parsed.fieldErrors.confirmPassword === "passwordMismatch";
    const fieldErrors = mismatch ? { ...parsed.fieldErrors, confirmPassword: "invalid" } : parsed.fieldErrors;
    return json<ActionData>({ error: mismatch ? "mismatch" : null, fieldErrors }, { status: 400 });
  }
  try {
    const cookie = await changePassword(auth, parsed.data.currentPassword, parsed.data.newPassword);
    return redirect("/account?done=password", { headers: { "Set-Cookie": cookie } });
  } catch (e) {
    if (!(e instanceof PasswordChangeError)) throw e;
    if (e.code === "throttled") return json<ActionData>({ error: "throttled", minutes: e.minutes }, { status: 429 });
    if (e.code === "samePassword") return json<ActionData>({ error: "samePassword", fieldErrors: { newPassword: "invalid" } }, { status: 400 });
    return json<ActionData>({ error: "wrongPassword", fieldErrors: { currentPassword: "invalid" } }, { status: 400 });
  }
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const m = useMessages();
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="narrow stack">
      <h1>{m.auth.password.title}</h1>
      <p className="muted">{m.auth.password.intro}</p>
      {actionData?.error === "wrongPassword" ? <FormMessage kind="error">{m.auth.password.wrongCurrent}</FormMessage> : null}
      {actionData?.error === "mismatch" ? <FormMessage kind="error">{m.auth.passwordMismatch}</FormMessage> : null}
      {actionData?.error === "samePassword" ? <FormMessage kind="error">{m.auth.password.samePassword}</FormMessage> : null}
      {actionData?.error === "throttled" ? <FormMessage kind="error">{m.auth.throttled(actionData.minutes ?? 1)}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        <TextField label={m.auth.password.current} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <NewPasswordInputs labels={{ new: m.auth.password.new, confirm: m.auth.password.confirm }} errors={errors} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {m.auth.password.submit}
        </button>
      </Form>
      <p>
        <Link to="/account">{m.common.back}</Link>
      </p>
    </div>
  );
}
