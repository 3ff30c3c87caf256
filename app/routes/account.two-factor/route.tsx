// Two-factor authentication: enrolment (reachable while the second factor is still owed, so a user
// whose role requires it can set it up) and, where the organisation allows, turning it off.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getAccountOverview } from "~/modules/auth/account.server";
import { hasPermission } from "~/modules/auth/permissions";
import { getAuthState, requirePermission, type AuthState } from "~/modules/auth/session.server";
import { confirmEnrolment, disableTotp, resumeEnrolment, startEnrolment, type Enrolment } from "~/modules/auth/totp.server";
import { totpCodeField } from "~/modules/auth/auth.schema";
import { parseIntent } from "~/modules/http/forms";
import { isDomainError } from "~/modules/http/domain-error";
import { explainFailure } from "~/modules/http/explain";
import { FormMessage } from "~/components/form";
import { RecoveryCodeList, TotpCodeField } from "~/components/auth-fields";
import { useDateTime, useMessages } from "~/i18n/use-messages";
import { actionError, forbidden, formFailure, invalidForm, refusalErrors, type ActionFailure } from "~/modules/http/respond.server";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.twoFactor);

const SELF = "/account/two-factor";

/** Signed in (second factor possibly not yet set up), but not half-way through a TOTP login. */
async function enrollingUser(request: Request): Promise<AuthState> {
  const auth = await getAuthState(request);
  if (!auth) throw redirect(`/login?redirectTo=${encodeURIComponent(SELF)}`);
  if (auth.user.hasTotp && !auth.twoFactorVerified) throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(SELF)}`);
  if (!hasPermission(auth.user.permissions, "update:account:own")) throw forbidden();
  return auth;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await enrollingUser(request);
  if (auth.user.hasTotp) {
    const { totpEnabledAt } = await getAccountOverview(auth.user.id);
    return json({ enabled: true as const, enabledAt: totpEnabledAt, required: auth.twoFactorRequired, enrolment: null });
  }
  return json({ enabled: false as const, enabledAt: null, required: auth.twoFactorRequired, enrolment: await startEnrolment(auth) });
}

const code = totpCodeField;
const TwoFactorPost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enable"), pending: z.string().min(1).max(2000), code }),
  z.object({ intent: z.literal("disable"), code }),
]);

type ActionData = Partial<ActionFailure> & {
  /** The enrolment to show again, so the QR code already scanned stays the one that counts. */
  enrolment?: Enrolment;
  /** After a confirmed enrolment: the recovery codes, shown this once. */
  recoveryCodes?: string[];
};

/** The enrolment the failed form was for (a new one when it cannot be opened any more). */
async function enrolmentAgain(auth: AuthState, pending: FormDataEntryValue | null): Promise<Enrolment> {
  return resumeEnrolment(auth, typeof pending === "string" ? pending : "").catch(() => startEnrolment(auth));
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseIntent(TwoFactorPost, form);
  const intent = parsed.ok ? parsed.data.intent : parsed.intent;
  // Turning a factor off needs a fully signed-in session; setting one up, a signed-in one.
  const auth = intent === "disable" ? await requirePermission(request, "update:account:own") : await enrollingUser(request);
  if (intent !== "disable" && auth.user.hasTotp) return formFailure(form, { formError: "alreadyEnrolled", init: 409 });
  if (!parsed.ok) return intent === "disable" ? invalidForm(parsed) : formFailure(parsed, { ...parsed, extra: { enrolment: await enrolmentAgain(auth, form.get("pending")) } });
  const post = parsed.data;
  switch (post.intent) {
    case "disable":
      try {
        await disableTotp(auth, post.code);
        return redirect("/account?done=totpDisabled");
      } catch (e) {
        if (isDomainError(e, "totp")) {
          if (e.code === "notEnrolled") return redirect(SELF);
          // The organisation's rule, not a missing permission: said on this page, not the error page.
          if (e.code === "required") return formFailure(form, { ...refusalErrors(e), init: 403 });
        }
        return actionError({ error: e, form });
      }
    case "enable":
      try {
        const recoveryCodes = await confirmEnrolment(auth, { pending: post.pending, code: post.code });
        // Shown once, never stored in the clear: only this response carries them.
        return json<ActionData>({ recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
      } catch (e) {
        // A wrong code keeps the enrolment being set up; an expired one gets a new key.
        const again = isDomainError(e, "totp") && e.code !== "alreadyEnrolled" ? (e.code === "expired" ? await startEnrolment(auth) : await resumeEnrolment(auth, post.pending)) : undefined;
        return actionError({ error: e, form, extra: again ? { enrolment: again } : {} });
      }
  }
}

function ErrorMessage({ data }: { data: ActionData | undefined }) {
  const m = useMessages();
  if (!data?.formError) return null;
  return <FormMessage kind="error">{explainFailure(m, { formError: data.formError, detail: data.detail }, m.auth.errors)}</FormMessage>;
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const day = useDateTime("date");
  const busy = navigation.state === "submitting";

  if (actionData?.recoveryCodes) {
    return (
      <div className="narrow stack">
        <h1>{m.auth.enrol.recoveryTitle}</h1>
        <RecoveryCodeList codes={actionData.recoveryCodes} intro={m.auth.enrol.recoveryIntro} />
        <p>
          <Link to="/account?done=totpEnabled" className="button">
            {m.auth.enrol.recoveryContinue}
          </Link>
        </p>
      </div>
    );
  }

  if (data.enabled) {
    const since = data.enabledAt ? day(data.enabledAt) : "";
    return (
      <div className="narrow stack">
        <h1>{m.auth.twoFactor.title}</h1>
        <FormMessage kind="info">{m.auth.enrol.statusOn(since)}</FormMessage>
        <ErrorMessage data={actionData} />
        {data.required ? (
          <p>{m.auth.enrol.cannotDisable}</p>
        ) : (
          <Form method="post" className="form" noValidate>
            <h2>{m.auth.enrol.disableTitle}</h2>
            <p className="muted">{m.auth.enrol.disableIntro}</p>
            <input type="hidden" name="intent" value="disable" />
            <TotpCodeField error={actionData?.fieldErrors?.code} />
            <button type="submit" className="button danger" disabled={busy}>
              {m.auth.enrol.disableSubmit}
            </button>
          </Form>
        )}
        <p>
          <Link to="/account">{m.common.back}</Link>
        </p>
      </div>
    );
  }

  const enrolment = actionData?.enrolment ?? data.enrolment;
  return (
    <div className="narrow stack">
      <h1>{m.auth.enrol.title}</h1>
      {data.required ? <FormMessage kind="info">{m.auth.enrol.required}</FormMessage> : null}
      <p className="muted">{m.auth.enrol.intro}</p>
      <ErrorMessage data={actionData} />
      {enrolment ? (
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="enable" />
          <input type="hidden" name="pending" value={enrolment.pending} />
          <p>{m.auth.enrol.step1}</p>
          <img className="totp-qr" src={enrolment.qrDataUrl} alt={m.auth.enrol.qrAlt} width={220} height={220} />
          <p className="muted">{m.auth.enrol.manualKey}</p>
          <p>
            <code className="totp-key">{enrolment.manualKey}</code>
          </p>
          <p>{m.auth.enrol.step2}</p>
          <TotpCodeField error={actionData?.fieldErrors?.code} />
          <button type="submit" disabled={busy}>
            {m.auth.enrol.submit}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
