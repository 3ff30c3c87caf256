// Password reset by emailed link (and, through issuePasswordResetToken, account invitations).
// Only the SHA-256 of a link's token is stored, so a copy of the table cannot be used to take over
// accounts; a token works once (a conditional update claims it) and expires after the setting
// `auth.passwordResetMinutes`.
import type { Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { randomToken, sha256Hex } from "../crypto/crypto.server";
import { getSetting } from "../settings/settings.server";

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
