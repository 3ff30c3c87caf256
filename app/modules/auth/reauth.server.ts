// Asking the acting person for their password again before a dangerous account action (role
// changes, disabling an account, organisation settings, a second-factor reset). A session left
// open on an unattended desk, or stolen, must not be enough for those. Wrong passwords count
// against the same per-account counter as the sign-in form, so this is no side door for guessing.
import { db } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { getSettings } from "../settings/settings.server";
import { verifySecret } from "./password.server";
import { accountThrottleKey } from "./login.server";
import { checkThrottle, clearThrottle, minutesToWait, recordFailure } from "./throttle.server";
import type { AuthState } from "./session.server";

/** The form field that carries the re-entered password (never echoed back: it ends in "password"). */
export const REAUTH_FIELD = "reauthPassword";

export type ReauthResult = { ok: true } | { ok: false; code: "reauthWrong" | "reauthThrottled"; minutes?: number };

export async function confirmActorPassword(auth: Pick<AuthState, "user">, password: unknown): Promise<ReauthResult> {
  const userId = auth.user.id;
  const settings = await getSettings();
  const ms = settings["auth.loginLockMinutes"] * 60_000;
  const rule = { key: accountThrottleKey(auth.user.email), limit: settings["auth.loginMaxFailuresPerAccount"], windowMs: ms, blockMs: ms };
  const block = await checkThrottle(rule.key);
  if (block.blocked) return { ok: false, code: "reauthThrottled", minutes: minutesToWait(block.retryAfterMs) };

  const row = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  const typed = typeof password === "string" && password.length <= 1_024 ? password : "";
  const ok = typed.length > 0 && !!row?.passwordHash && (await verifySecret(row.passwordHash, typed));
  if (!ok) {
    const status = await db.$transaction(async (tx) => {
      const s = await recordFailure(rule, tx);
      await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.reauth.failed", objectType: "User", objectId: userId });
      return s;
    });
    return status.blocked
      ? { ok: false, code: "reauthThrottled", minutes: minutesToWait(status.retryAfterMs) }
      : { ok: false, code: "reauthWrong" };
  }
  await clearThrottle(rule.key);
  return { ok: true };
}
