import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { getSettings } from "~/modules/settings/settings.server";
import { NUMERIC_RANGES, settingsFormSchema, updateSettings } from "~/modules/settings/settings-admin.server";
import { invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { explainer } from "~/modules/http/explain";
import { reauthFailure } from "~/modules/people/http.server";
import { CheckboxField, ReauthField, TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.settings);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:setting:any");
  const url = new URL(request.url);
  const changed = url.searchParams.get("changed");
  return json({
    settings: await getSettings(),
    ranges: NUMERIC_RANGES,
    changed: changed !== null && /^\d{1,2}$/.test(changed) ? Number(changed) : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "manage:setting:any");
  const { user } = auth;
  const formData = await request.formData();
  const parsed = parseForm(settingsFormSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  const refused = await reauthFailure(auth, formData);
  if (refused) return refused;
  const changed = await updateSettings({ actorUserId: user.id, input: parsed.data });
  return redirect(`/admin/settings?changed=${changed.length}`);
}

type NumericKey = keyof typeof NUMERIC_RANGES;

export default function SettingsPage() {
  const { settings, ranges, changed } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  const s = m.admin.settings;
  const explain = explainer(m, m.admin.errors);
  const errors = failed?.fieldErrors ?? {};
  // After a failed save, show what was typed; otherwise the stored values.
  const value = (key: keyof typeof settings) => (failed ? (failed.values[key] ?? "") : String(settings[key]));
  const labels: Record<NumericKey, string> = {
    "auth.sessionIdleMinutes": s.sessionIdleMinutes,
    "auth.sessionAbsoluteHours": s.sessionAbsoluteHours,
    "auth.loginMaxFailuresPerAccount": s.loginMaxFailuresPerAccount,
    "auth.loginMaxFailuresPerAddress": s.loginMaxFailuresPerAddress,
    "auth.loginLockMinutes": s.loginLockMinutes,
    "auth.passwordResetMinutes": s.passwordResetMinutes,
    "hotline.acknowledgeDays": s.acknowledgeDays,
    "hotline.feedbackMonths": s.feedbackMonths,
    "hotline.reminderDays": s.reminderDays,
    "hotline.maxAttachments": s.maxAttachments,
    "hotline.maxAttachmentMb": s.maxAttachmentMb,
    "hotline.reporterIdleMinutes": s.reporterIdleMinutes,
    "hotline.retentionMonths": s.retentionMonths,
    "hotline.reportsPerHour": s.reportsPerHour,
    "hotline.digestAbovePerHour": s.digestAbovePerHour,
  };
  const numericFields = (prefix: string) =>
    (Object.keys(ranges) as NumericKey[])
      .filter((key) => key.startsWith(prefix))
      .map((key) => (
        <TextField
          key={key}
          label={labels[key]}
          hint={s.range(ranges[key][0], ranges[key][1])}
          name={key}
          type="number"
          inputMode="numeric"
          min={ranges[key][0]}
          max={ranges[key][1]}
          step={1}
          required
          defaultValue={value(key)}
          error={errors[key]}
          explain={explain}
        />
      ));
  return (
    <div className="stack">
      <h1>{s.title}</h1>
      <p className="muted">{s.intro}</p>
      {changed !== null && !failed ? <FormMessage kind="success">{changed > 0 ? s.saved(changed) : s.unchanged}</FormMessage> : null}
      <Form method="post" className="form" noValidate>
        {failed ? <FormMessage kind="error">{failed.formError ? explain(failed.formError) : m.errors.formInvalid}</FormMessage> : null}
        <fieldset className="card form">
          <legend>{s.organisation}</legend>
          <TextField label={s.timeZone} hint={s.timeZoneHint} name="org.timeZone" required defaultValue={value("org.timeZone")} error={errors["org.timeZone"]} explain={explain} />
          <div className="form-row">
            <TextField label={s.nameZh} name="org.nameZh" required defaultValue={value("org.nameZh")} error={errors["org.nameZh"]} explain={explain} lang="zh-CN" />
            <TextField label={s.nameEn} name="org.nameEn" required defaultValue={value("org.nameEn")} error={errors["org.nameEn"]} explain={explain} lang="en" />
          </div>
        </fieldset>
        {(
          [
            { legend: s.security, prefix: "auth.", toggle: "auth.requireTwoFactor", label: s.requireTwoFactor, hint: s.requireTwoFactorHint },
            { legend: s.hotline, prefix: "hotline.", toggle: "hotline.findingsFourEyes", label: s.findingsFourEyes, hint: s.findingsFourEyesHint },
          ] as const
        ).map(({ legend, prefix, toggle, label, hint }) => (
          <fieldset className="card form" key={prefix}>
            <legend>{legend}</legend>
            <CheckboxField label={label} hint={hint} name={toggle} defaultChecked={failed ? failed.values[toggle] === "on" : settings[toggle]} />
            <div className="form-row">{numericFields(prefix)}</div>
          </fieldset>
        ))}
        <ReauthField error={errors.reauthPassword} />
        <button type="submit">{s.save}</button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
