// Changing one's own password: the current one, then the new one twice.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { changePassword } from "~/modules/auth/account.server";
import { NewPasswordFields } from "~/modules/auth/auth.schema";
import { mismatchAboveForm } from "~/modules/auth/auth.schema";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { answerForm, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { TextField } from "~/components/fields";
import { AuthPage, NewPasswordInputs } from "~/components/auth-fields";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.password);

const ChangeForm = z
  .object({ currentPassword: z.string({ required_error: "required" }).min(1, "required").max(1024, "tooLong") })
  .and(NewPasswordFields);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update:account:own");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "update:account:own");
  const form = await request.formData();
  const parsed = parseForm(ChangeForm, form);
  if (!parsed.ok) return invalidForm(mismatchAboveForm(parsed));
  return answerForm(form, async () => {
    const cookie = await changePassword(auth, { currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword });
    return redirect("/account?done=password", { headers: { "Set-Cookie": cookie } });
  });
}

export default function ChangePassword() {
  const failed = useActionData<ActionFailure>();
  const navigation = useNavigation();
  const m = useMessages();
  const errors = failed?.fieldErrors ?? {};
  return (
    <AuthPage title={m.auth.password.title} intro={m.auth.password.intro} failed={failed}>
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
    </AuthPage>
  );
}
