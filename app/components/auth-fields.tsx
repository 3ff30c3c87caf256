// The sign-in and account-security pages' own pieces, built from the form kit. Client-safe.
import type { ReactNode } from "react";
import { PASSWORD_MAX } from "../modules/auth/auth.schema";
import { explainFailure, type RefusalDetail } from "../modules/http/explain";
import { useMessages } from "../i18n/use-messages";
import { TextField } from "./fields";
import { FormMessage } from "./form";

/** A narrow page with its heading and intro, and the form's refusal (auth.errors) above what follows. */
export function AuthPage({
  title,
  intro,
  failed,
  children,
}: {
  title: string;
  intro: string;
  failed?: { formError: string | null; detail?: RefusalDetail };
  children: ReactNode;
}) {
  const m = useMessages();
  return (
    <div className="narrow stack">
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
      {failed?.formError ? <FormMessage kind="error">{explainFailure(m, failed, m.auth.errors)}</FormMessage> : null}
      {children}
    </div>
  );
}

/** The email address and password of the sign-in form (the sign-in page and signing in again). */
export function SignInInputs({ email, errors, autoFocus }: { email: string; errors: Record<string, string | undefined>; autoFocus?: boolean }) {
  const m = useMessages();
  return (
    <>
      <TextField label={m.auth.login.email} name="email" type="email" autoComplete="username" required autoFocus={autoFocus} defaultValue={email} error={errors.email} />
      <TextField label={m.auth.login.password} name="password" type="password" autoComplete="current-password" required error={errors.password} />
    </>
  );
}


/**
 * A second-factor code: the six digits of the authenticator app (`code`), or, when the phone is
 * lost, one of the recovery codes (`recoveryCode`).
 */
function SecondFactorField({ kind, error, autoFocus }: { kind: "code" | "recoveryCode"; error?: string; autoFocus?: boolean }) {
  const t = useMessages().auth.twoFactor;
  const input =
    kind === "code"
      ? { label: t.code, hint: t.codeHint, inputMode: "numeric" as const, autoComplete: "one-time-code", pattern: "[0-9 ]*", maxLength: 20 }
      : { label: t.recoveryCode, hint: t.recoveryHint, autoComplete: "off", autoCapitalize: "characters", spellCheck: false, maxLength: 40 };
  return <TextField {...input} name={kind} type="text" required autoFocus={autoFocus} error={error} />;
}

/** The six-digit authenticator code, as every second-factor form asks for it. */
export function TotpCodeField({ error, autoFocus }: { error?: string; autoFocus?: boolean }) {
  return <SecondFactorField kind="code" error={error} autoFocus={autoFocus} />;
}

/** A recovery code, typed instead of the app's code (each works once). */
export function RecoveryCodeField({ error }: { error?: string }) {
  return <SecondFactorField kind="recoveryCode" error={error} />;
}

/** A new password and its confirmation (password change and reset). */
export function NewPasswordInputs({
  labels,
  errors,
}: {
  labels: { new: string; confirm: string };
  errors: Record<string, string | undefined>;
}) {
  const m = useMessages();
  return (
    <>
      <TextField
        label={labels.new}
        hint={m.auth.passwordHint}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX}
        error={errors.newPassword}
      />
      <TextField label={labels.confirm} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
    </>
  );
}

/** Recovery codes, shown once (at enrolment and after regenerating). */
export function RecoveryCodeList({ codes, intro }: { codes: string[]; intro: string }) {
  return (
    <div className="card stack" role="status">
      <p>{intro}</p>
      <ul className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
