// Password reset by emailed link (and, through issuePasswordResetToken, account invitations).
// Only the SHA-256 of a link's token is stored, so a copy of the table cannot be used to take over
// accounts; a token works once (a conditional update claims it) and expires after the setting
// `auth.passwordResetMinutes`.
import { db, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { randomToken, sha256Hex } from "../crypto/crypto.server";
import { appendAuditEvent } from "../audit/audit.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import { getSetting, getSettings } from "../settings/settings.server";
import { accountThrottleKey, normaliseEmail } from "./login.server";
import { hashSecret } from "./password.server";
import { checkThrottle, clearThrottle, minutesToWait, recordFailure, throttleKey } from "./throttle.server";
import { DomainError } from "../http/domain-error";

/**
 * Creates a single-use link for the user to choose a password. Call inside the transaction that
 * queues the email carrying the link, so the link exists exactly when the email does.
 */
export async function issuePasswordResetToken(tx: Tx, userId: string): Promise<{ url: string; minutes: number }> {
  const minutes = await getSetting("auth.passwordResetMinutes", tx);
  const token = randomToken();
  await tx.passwordResetToken.create({
    data: { tokenHash: sha256Hex(token), userId, expiresAt: new Date(Date.now() + minutes * 60_000) },
  });
  return { url: `${getEnv().APP_URL}/reset-password/${token}`, minutes };
}

export type ResetLinkState = "valid" | "unknown" | "used" | "expired";

/** The reset link cannot be used (unknown, used or expired): the page says which. */
export class PasswordResetError extends DomainError<Exclude<ResetLinkState, "valid">> {
  constructor(code: Exclude<ResetLinkState, "valid">) {
    super("passwordReset", code, { status: 410 });
  }
}

export type ResetRequestResult = { kind: "sent" } | { kind: "throttled"; minutes: number };

/**
 * "Forgot password": the same answer whether or not the account exists. Every request counts
 * against the client's address; requests for one account beyond the login limit within the lock
 * window are dropped silently, so nobody can flood someone's mailbox.
 */
export async function requestPasswordReset(input: { email: string; clientAddress?: string }): Promise<ResetRequestResult> {
  const email = normaliseEmail(input.email);
  const settings = await getSettings();
  const ms = settings["auth.loginLockMinutes"] * 60_000;
  if (input.clientAddress) {
    const rule = { key: throttleKey("reset.address", input.clientAddress), limit: settings["auth.loginMaxFailuresPerAddress"], windowMs: ms, blockMs: ms };
    const status = await checkThrottle(rule.key);
    if (status.blocked) return { kind: "throttled", minutes: minutesToWait(status.retryAfterMs) };
    await recordFailure(rule);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { ...RECIPIENT_SELECT, status: true },
  });
  if (!user || user.status !== "ACTIVE") return { kind: "sent" };
  const accountRule = { key: throttleKey("reset.account", email), limit: settings["auth.loginMaxFailuresPerAccount"], windowMs: ms, blockMs: ms };
  if ((await checkThrottle(accountRule.key)).blocked) return { kind: "sent" };
  await db.$transaction(async (tx) => {
    await recordFailure(accountRule, tx);
    const link = await issuePasswordResetToken(tx, user.id);
    await emailRecipient(tx, { user, template: "passwordReset", params: link });
    await appendAuditEvent(tx, { actor: { kind: "SYSTEM" }, action: "auth.password.reset.requested", objectType: "User", objectId: user.id });
  });
  return { kind: "sent" };
}

/** A link's token as it arrives in the URL; anything that cannot be one of ours is "unknown" at once. */
function tokenHashOf(token: string): string | null {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? sha256Hex(token) : null;
}

export async function resetLinkState(token: string, now = new Date()): Promise<ResetLinkState> {
  const tokenHash = tokenHashOf(token);
  if (!tokenHash) return "unknown";
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash },
    select: { usedAt: true, expiresAt: true, user: { select: { status: true } } },
  });
  if (!row || row.user.status !== "ACTIVE") return "unknown";
  if (row.usedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return "valid";
}

/**
 * Sets the new password through a link. The token is claimed with a conditional update, so two
 * submissions of one link cannot both succeed. Every session of the account ends, every other
 * outstanding link dies, and the account's login lock is lifted (the person proved they own the
 * mailbox).
 */
export async function completePasswordReset({ token, newPassword }: { token: string; newPassword: string }): Promise<void> {
  const tokenHash = tokenHashOf(token);
  if (!tokenHash) throw new PasswordResetError("unknown");
  const state = await resetLinkState(token);
  if (state !== "valid") throw new PasswordResetError(state);
  // Argon2 runs before the transaction, so the write lock is held only for the writes.
  const passwordHash = await hashSecret(newPassword);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const row = await tx.passwordResetToken.findUnique({
      where: { tokenHash },
      select: { id: true, user: { select: RECIPIENT_SELECT } },
    });
    if (!row) throw new PasswordResetError("unknown");
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) throw new PasswordResetError("used");
    const user = row.user;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await clearThrottle(accountThrottleKey(user.email), tx);
    await emailRecipient(tx, { user, template: "passwordChanged", params: {} });
    await appendAuditEvent(tx, { actor: { kind: "USER", userId: user.id }, action: "auth.password.reset.completed", objectType: "User", objectId: user.id });
  });
}
