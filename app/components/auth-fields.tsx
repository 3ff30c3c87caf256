import { PASSWORD_MAX } from "../modules/auth/auth.schema";
import { TextField } from "./fields";
import { useMessages } from "../i18n/use-messages";

/** The six-digit authenticator code, as every second-factor form asks for it. */
export function TotpCodeField({ error, autoFocus }: { error?: string; autoFocus?: boolean }) {
  const m = useMessages();
  return (
    <TextField
      label={m.auth.twoFactor.code}
      hint={m.auth.twoFactor.codeHint}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={20}
      required
      autoFocus={autoFocus}
      error={error}
    />
  );
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
