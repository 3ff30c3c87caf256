// The password step of signing in, and signing out. Throttled per account and per client address
// (throttle.server.ts); the answer to a failure never says whether the account exists, and an
// unknown email costs the same Argon2 work as a known one.
import { db } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { getSettings, type Settings } from "../settings/settings.server";
import { fromDbLocale, type AppLocale } from "../../i18n/locales";
import { dummyVerify, verifySecret } from "./password.server";
import { createUserSession } from "./session.server";
import { checkThrottles, clearThrottle, minutesToWait, recordFailure, throttleKey, type ThrottleRule } from "./throttle.server";

export type LoginResult =
  | {
      kind: "ok";
      userId: string;
      /** Set-Cookie for the new session. */
      cookie: string;
      /** The account's language (account, else person), to answer in from now on. */
      locale: AppLocale | null;
      /** The TOTP step comes next. */
      needsTotp: boolean;
    }
  | { kind: "invalid" }
  | { kind: "throttled"; minutes: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function accountThrottleKey(email: string): string {
  return throttleKey("login.account", normaliseEmail(email));
}

export function addressThrottleKey(clientAddress: string): string {
  return throttleKey("login.address", clientAddress);
}

function loginRules(settings: Settings, email: string, clientAddress: string | undefined): ThrottleRule[] {
  const ms = settings["auth.loginLockMinutes"] * 60_000;
  const rules: ThrottleRule[] = [
    { key: accountThrottleKey(email), limit: settings["auth.loginMaxFailuresPerAccount"], windowMs: ms, blockMs: ms },
  ];
  if (clientAddress) {
    rules.push({ key: addressThrottleKey(clientAddress), limit: settings["auth.loginMaxFailuresPerAddress"], windowMs: ms, blockMs: ms });
  }
  return rules;
}

/** The client's address from the Remix load context (absent in the hotline and in some tests). */
export function clientAddressOf(context: unknown): string | undefined {
  const value = (context as { clientAddress?: unknown } | null | undefined)?.clientAddress;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export async function attemptLogin(input: { email: string; password: string; clientAddress?: string }): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const settings = await getSettings();
  const rules = loginRules(settings, email, input.clientAddress);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, status: true, totpEnabledAt: true, locale: true, person: { select: { locale: true } } },
  });

  // While blocked the password is not even looked at: guessing gains nothing.
  const block = await checkThrottles(rules.map((r) => r.key));
  if (block.blocked) {
    await db.$transaction((tx) =>
      appendAuditEvent(tx, { actor: { kind: "SYSTEM" }, action: "auth.login.throttled", objectType: "User", objectId: user?.id ?? null }),
    );
    return { kind: "throttled", minutes: minutesToWait(block.retryAfterMs) };
  }

  const passwordOk = user?.passwordHash ? await verifySecret(user.passwordHash, input.password) : await dummyVerify(input.password);
  if (!user || !passwordOk || user.status !== "ACTIVE") {
    const after = await db.$transaction(async (tx) => {
      let worst: Awaited<ReturnType<typeof recordFailure>> = { blocked: false };
      for (const rule of rules) {
        const s = await recordFailure(rule, tx);
        if (s.blocked && (!worst.blocked || s.retryAfterMs > worst.retryAfterMs)) worst = s;
      }
      // Never the typed email: people type passwords into the wrong field.
      await appendAuditEvent(tx, { actor: { kind: "SYSTEM" }, action: "auth.login.failed", objectType: "User", objectId: user?.id ?? null });
      return worst;
    });
    return after.blocked ? { kind: "throttled", minutes: minutesToWait(after.retryAfterMs) } : { kind: "invalid" };
  }

  const needsTotp = user.totpEnabledAt !== null;
  await db.$transaction(async (tx) => {
    // Only the account's counter: clearing the address's would let one valid login reset it.
    await clearThrottle(rules[0].key, tx);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: user.id },
      action: "auth.login.succeeded",
      objectType: "User",
      objectId: user.id,
      details: { secondFactorPending: needsTotp },
    });
  });
  // Always a new session (never one the browser brought along), so a planted cookie gains nothing.
  const cookie = await createUserSession({ userId: user.id, twoFactorVerified: false });
  return { kind: "ok", userId: user.id, cookie, needsTotp, locale: fromDbLocale(user.locale) ?? fromDbLocale(user.person?.locale) };
}

/** Ends one session, with its audit event. */
export async function logout(session: { sessionId: string; userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: session.sessionId } });
    await appendAuditEvent(tx, { actor: { kind: "USER", userId: session.userId }, action: "auth.logout", objectType: "User", objectId: session.userId });
  });
}
