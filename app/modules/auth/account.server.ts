// The signed-in person's own account: language, password, second factor.
import { db } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import { getSettings } from "../settings/settings.server";
import { fromDbLocale, toDbLocale, type AppLocale } from "../../i18n/locales";
import { hashSecret, verifySecret } from "./password.server";
import { createUserSession, type AuthState } from "./session.server";
import { checkThrottle, clearThrottle, minutesToWait, recordFailure, throttleKey } from "./throttle.server";
import { DomainError } from "../http/domain-error";


/** The account's language; null means "follow the person's directory entry, else the browser". */
export async function setAccountLocale({ userId, locale }: { userId: string; locale: AppLocale | null }) {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { locale: locale ? toDbLocale(locale) : null } });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId },
      action: "account.locale.changed",
      objectType: "User",
      objectId: userId,
      details: { locale: locale ?? "auto" },
    });
  });
}

export async function getAccountOverview(userId: string) {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      locale: true,
      totpEnabledAt: true,
      passwordChangedAt: true,
      lastLoginAt: true,
      person: { select: { nameZh: true, nameEn: true, employeeNumber: true } },
      roles: { select: { role: { select: { key: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  return {
    email: row.email,
    locale: fromDbLocale(row.locale),
    nameZh: row.person?.nameZh ?? null,
    nameEn: row.person?.nameEn ?? null,
    employeeNumber: row.person?.employeeNumber ?? null,
    totpEnabledAt: row.totpEnabledAt?.toISOString() ?? null,
    passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
    roles: row.roles.map((r) => r.role.key),
  };
}

type PasswordChangeCode = "wrongPassword" | "throttled" | "samePassword";

/** The box a refusal marks (its message is above the form): the password that was wrong. */
const MARKED: Partial<Record<PasswordChangeCode, string>> = { wrongPassword: "currentPassword", samePassword: "newPassword" };

/** A password change refused; `minutes` is how long to wait after too many wrong passwords. */
export class PasswordChangeError extends DomainError<PasswordChangeCode> {
  constructor(
    code: PasswordChangeCode,
    readonly minutes?: number,
  ) {
    const marked = MARKED[code];
    super("passwordChange", code, {
      status: code === "throttled" ? 429 : 400,
      fieldErrors: marked ? { [marked]: "invalid" } : undefined,
      detail: minutes === undefined ? undefined : { minutes },
    });
  }
}

/**
 * Changes the password after checking the current one. Every session of the account ends (a thief
 * holding one is out), then this browser gets a fresh session so its owner stays signed in; the
 * returned value is that session's Set-Cookie. Wrong current passwords are throttled like logins.
 */
export async function changePassword(auth: AuthState, { currentPassword, newPassword }: { currentPassword: string; newPassword: string }): Promise<string> {
  const userId = auth.user.id;
  const settings = await getSettings();
  const ms = settings["auth.loginLockMinutes"] * 60_000;
  const rule = { key: throttleKey("password.change", userId), limit: settings["auth.loginMaxFailuresPerAccount"], windowMs: ms, blockMs: ms };
  const block = await checkThrottle(rule.key);
  if (block.blocked) throw new PasswordChangeError("throttled", minutesToWait(block.retryAfterMs));

  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { ...RECIPIENT_SELECT, passwordHash: true },
  });
  if (!user.passwordHash || !(await verifySecret(user.passwordHash, currentPassword))) {
    const status = await db.$transaction(async (tx) => {
      const s = await recordFailure(rule, tx);
      await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.password.change.failed", objectType: "User", objectId: userId });
      return s;
    });
    if (status.blocked) throw new PasswordChangeError("throttled", minutesToWait(status.retryAfterMs));
    throw new PasswordChangeError("wrongPassword");
  }
  // The current password was just verified, so this compares with the stored one: a "change" to
  // the same password would end every other session and tell the owner their password changed.
  if (newPassword === currentPassword) throw new PasswordChangeError("samePassword");

  const passwordHash = await hashSecret(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    await clearThrottle(rule.key, tx);
    await emailRecipient(tx, { user, template: "passwordChanged", params: {} });
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.password.changed", objectType: "User", objectId: userId });
  });
  return createUserSession({ userId, twoFactorVerified: auth.twoFactorVerified });
}

/** Sessions listed on the account page (each is one browser; more are unusual). */
export const SESSIONS_PAGE_SIZE = 20;

/** The account's live sessions, most recently active first; `current` marks this browser's. */
export async function listOwnSessions(auth: Pick<AuthState, "user" | "sessionId">, page = 1) {
  const settings = await getSettings();
  const now = new Date();
  const where = {
    userId: auth.user.id,
    expiresAt: { gt: now },
    absoluteExpiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - settings["auth.sessionIdleMinutes"] * 60_000) },
  };
  const [rows, total] = await Promise.all([
    db.session.findMany({
      where,
      orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * SESSIONS_PAGE_SIZE,
      take: SESSIONS_PAGE_SIZE,
      select: { id: true, createdAt: true, lastSeenAt: true },
    }),
    db.session.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), current: r.id === auth.sessionId })),
  };
}

/**
 * Signs out one other session of the account (never someone else's: the where names the user), or,
 * with `sessionId` null, every session but this one. Returns how many ended; audited when any did.
 */
export async function endOwnSessions(auth: Pick<AuthState, "user" | "sessionId">, sessionId: string | null): Promise<number> {
  const userId = auth.user.id;
  return db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({
      where: sessionId ? { userId, id: sessionId, NOT: { id: auth.sessionId } } : { userId, NOT: { id: auth.sessionId } },
    });
    if (ended.count > 0) {
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId },
        action: sessionId ? "auth.session.ended" : "auth.session.endedOthers",
        objectType: "User",
        objectId: userId,
        details: { count: ended.count },
      });
    }
    return ended.count;
  });
}
