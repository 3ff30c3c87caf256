// Two-factor authentication: enrolment (reachable while the second factor is still owed, so a user
// whose role requires it can set it up) and, where the organisation allows, turning it off.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getAccountOverview } from "~/modules/auth/account.server";
import { hasPermission } from "~/modules/auth/permissions";
import { getAuthState, requirePermission, type AuthState } from "~/modules/auth/session.server";
import { confirmEnrolment, disableTotp, resumeEnrolment, startEnrolment, TotpError, type Enrolment } from "~/modules/auth/totp.server";
import { parseForm } from "~/modules/http/forms";
import { FormMessage } from "~/components/form";
import { RecoveryCodeList, TotpCodeField } from "~/components/auth-fields";
import { useLocale, useMessages, useTimeZone } from "~/i18n/use-messages";
import { forbidden } from "~/modules/http/respond.server";
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

const EnableForm = z.object({
  intent: z.literal("enable"),
  pending: z.string().min(1).max(2000),
  code: z.string({ required_error: "required" }).trim().min(1, "required").max(20, "tooLong"),
});
const DisableForm = z.object({
  intent: z.literal("disable"),
  code: z.string({ required_error: "required" }).trim().min(1, "required").max(20, "tooLong"),
});

type ActionData = {
  error: "invalid" | "throttled" | "expired" | "required" | "alreadyOn" | null;
  minutes?: number;
  fieldErrors?: Record<string, string>;
  /** The enrolment to show again, so the QR code already scanned stays the one that counts. */
  enrolment?: Enrolment;
  /** After a confirmed enrolment: the recovery codes, shown this once. */
  recoveryCodes?: string[];
};

async function enable(auth: AuthState, formData: FormData) {
  const parsed = parseForm(EnableForm, formData);
  if (!parsed.ok) {
    const pending = formData.get("pending");
    const enrolment = await resumeEnrolment(auth, typeof pending === "string" ? pending : "").catch(() => startEnrolment(auth));
    return json<ActionData>({ error: null, fieldErrors: parsed.fieldErrors, enrolment }, { status: 400 });
  }
  let recoveryCodes: string[];
  try {
    recoveryCodes = await confirmEnrolment(auth, parsed.data.pending, parsed.data.code);
  } catch (e) {
    if (!(e instanceof TotpError)) throw e;
    if (e.code === "alreadyEnrolled") return json<ActionData>({ error: "alreadyOn" }, { status: 409 });
    if (e.code === "expired") return json<ActionData>({ error: "expired", enrolment: await startEnrolment(auth) }, { status: 400 });
    const enrolment = await resumeEnrolment(auth, parsed.data.pending);
    if (e.code === "throttled") return json<ActionData>({ error: "throttled", minutes: e.minutes, enrolment }, { status: 429 });
    return json<ActionData>({ error: "invalid", enrolment }, { status: 400 });
  }
  // Shown once, never stored in the clear: only this response carries them.
  return json<ActionData>({ error: null, recoveryCodes }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "disable") {
    // Turning a factor off needs a fully signed-in session.
    const auth = await requirePermission(request, "update:account:own");
    const parsed = parseForm(DisableForm, formData);
    if (!parsed.ok) return json<ActionData>({ error: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
    try {
      await disableTotp(auth, parsed.data.code);
    } catch (e) {
      if (!(e instanceof TotpError)) throw e;
      if (e.code === "required") return json<ActionData>({ error: "required" }, { status: 403 });
      if (e.code === "notEnrolled") return redirect(SELF);
      if (e.code === "throttled") return json<ActionData>({ error: "throttled", minutes: e.minutes }, { status: 429 });
      return json<ActionData>({ error: "invalid" }, { status: 400 });
    }
    return redirect("/account?done=totpDisabled");
  }
  const auth = await enrollingUser(request);
  if (auth.user.hasTotp) return json<ActionData>({ error: "alreadyOn" }, { status: 409 });
  return enable(auth, formData);
}

function ErrorMessage({ data }: { data: ActionData | undefined }) {
  const m = useMessages();
  if (!data?.error) return null;
  const text = {
    invalid: m.auth.twoFactor.invalid,
    throttled: m.auth.throttled(data.minutes ?? 1),
    expired: m.auth.enrol.expired,
    required: m.auth.enrol.cannotDisable,
    alreadyOn: m.auth.enrol.alreadyOn,
  }[data.error];
  return <FormMessage kind="error">{text}</FormMessage>;
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const m = useMessages();
  const locale = useLocale();
  const timeZone = useTimeZone();
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
    const since = data.enabledAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(data.enabledAt)) : "";
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
