// TOTP second factor (RFC 6238: 30-second steps, 6 digits, SHA-1 — what every authenticator app
// reads from a QR code). The 20-byte secret is sealed with the master key and bound to the user id,
// so a sealed secret copied onto another account does not open. A code is accepted for the current
// step and one step either side (clock drift), and each step is accepted once (RFC 6238 §5.2).
import { RECOVERY_CODE_COUNT } from "./auth.schema";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import QRCode from "qrcode";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "../db/db.server";
import { constantTimeEqual, seal, sha256Hex, unsealBuffer } from "../crypto/crypto.server";
import { appendAuditEvent } from "../audit/audit.server";
import { getSettings } from "../settings/settings.server";
import { checkThrottle, clearThrottle, markOnce, minutesToWait, recordFailure, throttleKey } from "./throttle.server";
import { markSessionTwoFactorVerified, type AuthState } from "./session.server";
import { DomainError } from "../http/domain-error";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const ISSUER = "Sunline";

type TotpCode = "invalid" | "throttled" | "required" | "notEnrolled" | "alreadyEnrolled" | "expired";
const TOTP_STATUS = { invalid: 400, throttled: 429, required: 403, notEnrolled: 409, alreadyEnrolled: 409, expired: 400 } as const;

/** A second-factor step refused; `minutes` is how long to wait after too many wrong codes. */
export class TotpError extends DomainError<TotpCode> {
  constructor(
    code: TotpCode,
    readonly minutes?: number,
  ) {
    super("totp", code, { status: TOTP_STATUS[code], detail: minutes === undefined ? undefined : { minutes } });
  }
}

const userSealContext = (userId: string) => `totp:${userId}`;
// A secret shown during enrolment travels in the form, sealed to this user and this session, so the
// page works without JavaScript and without storing an unconfirmed secret on the account.
const pendingSealContext = (userId: string, sessionId: string) => `totp-pending:${userId}:${sessionId}`;
const PENDING_MAX_AGE_MS = 60 * 60_000;

/** A code as typed: digits only (authenticator apps show "123 456"). */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** The time step a code belongs to, if it is valid now (±1 step), else null. */
export function matchingStep(secret: Uint8Array, code: string, now = Date.now()): bigint | null {
  const otp = normaliseCode(code);
  if (!/^\d{6}$/.test(otp)) return null;
  const current = BigInt(Math.floor(now / (PERIOD_SECONDS * 1000)));
  let found: bigint | null = null;
  // Check every candidate (no early return) so timing does not tell which step matched.
  for (const step of [current - 1n, current, current + 1n]) {
    if (constantTimeEqual(generateHOTP(secret, step, DIGITS), otp) && found === null) found = step;
  }
  return found;
}

/** The code an authenticator shows now (tests and the demo seed use it). */
export function currentCode(secret: Uint8Array, now = Date.now()): string {
  return generateHOTP(secret, BigInt(Math.floor(now / (PERIOD_SECONDS * 1000))), DIGITS);
}

export function sealUserSecret({ userId, secret }: { userId: string; secret: Uint8Array }): string {
  return seal(Buffer.from(secret), userSealContext(userId));
}

/** `masterKey`: only for the key rotation, which checks a secret against the new key. */
export function openUserSecret({ userId, sealed, masterKey }: { userId: string; sealed: string; masterKey?: Buffer }): Uint8Array {
  return new Uint8Array(masterKey ? unsealBuffer(sealed, userSealContext(userId), masterKey) : unsealBuffer(sealed, userSealContext(userId)));
}

/** Master-key rotation: the same TOTP secret, sealed under the new master key. */
export function resealUserSecret({
  userId,
  sealed,
  oldMasterKey,
  newMasterKey,
}: {
  userId: string;
  sealed: string;
  oldMasterKey: Buffer;
  newMasterKey: Buffer;
}): string {
  return seal(unsealBuffer(sealed, userSealContext(userId), oldMasterKey), userSealContext(userId), newMasterKey);
}

export type Enrolment = {
  /** Sealed secret for the hidden form field. */
  pending: string;
  /** The secret in base32 for typing into an app by hand, in groups of four. */
  manualKey: string;
  /** A PNG QR code of the otpauth:// URI as a data: URL (CSP allows data: images). */
  qrDataUrl: string;
};

async function describeEnrolment(email: string, secret: Uint8Array, pending: string): Promise<Enrolment> {
  const uri = createTOTPKeyURI(ISSUER, email, secret, PERIOD_SECONDS, DIGITS);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
  const manualKey = encodeBase32UpperCaseNoPadding(secret).replace(/(.{4})(?=.)/g, "$1 ");
  return { pending, manualKey, qrDataUrl };
}

/** A fresh secret for enrolment, not yet stored on the account. */
export async function startEnrolment(auth: AuthState): Promise<Enrolment> {
  const secret = new Uint8Array(randomBytes(20));
  const payload = JSON.stringify({ secret: encodeBase32UpperCaseNoPadding(secret), at: Date.now() });
  return describeEnrolment(auth.user.email, secret, seal(payload, pendingSealContext(auth.user.id, auth.sessionId)));
}

function openPending(auth: AuthState, pending: string): Uint8Array {
  try {
    const payload = JSON.parse(unsealBuffer(pending, pendingSealContext(auth.user.id, auth.sessionId)).toString("utf8")) as {
      secret: string;
      at: number;
    };
    if (typeof payload.at !== "number" || Date.now() - payload.at > PENDING_MAX_AGE_MS) throw new TotpError("expired");
    return decodeBase32IgnorePadding(payload.secret);
  } catch (e) {
    if (e instanceof TotpError) throw e;
    throw new TotpError("expired");
  }
}

/** The same enrolment again (after a wrong code), so the QR code the person scanned stays valid. */
export async function resumeEnrolment(auth: AuthState, pending: string): Promise<Enrolment> {
  return describeEnrolment(auth.user.email, openPending(auth, pending), pending);
}

async function totpRule(userId: string) {
  const s = await getSettings();
  const minutes = s["auth.loginLockMinutes"];
  return { key: throttleKey("totp.user", userId), limit: s["auth.loginMaxFailuresPerAccount"], windowMs: minutes * 60_000, blockMs: minutes * 60_000 };
}

async function refuseIfThrottled(userId: string) {
  const status = await checkThrottle(throttleKey("totp.user", userId));
  if (status.blocked) throw new TotpError("throttled", minutesToWait(status.retryAfterMs));
}

/** A wrong code: counted against the user's TOTP throttle and audited, in one transaction. */
async function failCode(userId: string, purpose: "login" | "enrol" | "disable" | "recovery"): Promise<never> {
  const rule = await totpRule(userId);
  const status = await db.$transaction(async (tx) => {
    const s = await recordFailure(rule, tx);
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.totp.failed", objectType: "User", objectId: userId, details: { purpose } });
    return s;
  });
  if (status.blocked) throw new TotpError("throttled", minutesToWait(status.retryAfterMs));
  throw new TotpError("invalid");
}

/** Checks the code and claims its time step, so the same code cannot be used twice. */
async function acceptCode(tx: Tx, userId: string, secret: Uint8Array, code: string): Promise<boolean> {
  const step = matchingStep(secret, code);
  if (step === null) return false;
  return markOnce(throttleKey("totp.used", `${userId}:${step}`), tx);
}

// ───────────────────────── recovery codes ─────────────────────────
// One-time codes for the day the phone is lost: handed out at enrolment (and on regeneration),
// shown once, stored only as SHA-256 hashes (each has ~50 bits of randomness, so a fast hash is
// enough), each accepted once at the two-factor step instead of a TOTP code.

/** No 0/O, 1/I/L: codes are copied by hand. */
const RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const RECOVERY_LENGTH = 10;

/** A code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

const recoveryHash = (userId: string, code: string) => sha256Hex(`recovery:${userId}:${normaliseRecoveryCode(code)}`);

function newRecoveryCode(): string {
  // Rejection sampling keeps every symbol equally likely.
  let out = "";
  while (out.length < RECOVERY_LENGTH) {
    for (const b of randomBytes(RECOVERY_LENGTH * 2)) {
      if (b < 256 - (256 % RECOVERY_ALPHABET.length) && out.length < RECOVERY_LENGTH) out += RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length];
    }
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** Replaces the user's recovery codes with a new set (in the caller's transaction); returns them, to show once. */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: recoveryHash(userId, c) })) });
  return codes;
}

/** How many unused recovery codes the user has left. */
export function remainingRecoveryCodes(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** New recovery codes on request (the account page checks the password first); the old ones stop working. */
export async function regenerateRecoveryCodes(userId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
    if (!row?.totpEnabledAt) throw new TotpError("notEnrolled");
    const codes = await issueRecoveryCodes(tx, userId);
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.recovery.regenerated", objectType: "User", objectId: userId });
    return codes;
  });
}

/**
 * The two-factor step of a login with a recovery code instead of a TOTP code: the code is spent
 * (a conditional update, so two tabs cannot both use it) and the session counts as verified.
 * Wrong codes count against the same throttle as wrong TOTP codes.
 */
export async function verifyLoginRecoveryCode(auth: AuthState, code: string): Promise<void> {
  const userId = auth.user.id;
  await refuseIfThrottled(userId);
  await storedSecret(userId);
  const normalised = normaliseRecoveryCode(code);
  const ok =
    normalised.length === RECOVERY_LENGTH &&
    (await db.$transaction(async (tx) => {
      const spent = await tx.recoveryCode.updateMany({ where: { userId, codeHash: recoveryHash(userId, normalised), usedAt: null }, data: { usedAt: new Date() } });
      if (spent.count !== 1) return false;
      await clearThrottle(throttleKey("totp.user", userId), tx);
      const left = await tx.recoveryCode.count({ where: { userId, usedAt: null } });
      await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.recovery.used", objectType: "User", objectId: userId, details: { remaining: left } });
      return true;
    }));
  if (!ok) await failCode(userId, "recovery");
  await markSessionTwoFactorVerified(auth.sessionId);
}

/**
 * Confirms enrolment: the code proves the app holds the secret; TOTP is then on and this session
 * verified. Returns the new recovery codes, to be shown once.
 */
export async function confirmEnrolment(auth: AuthState, { pending, code }: { pending: string; code: string }): Promise<string[]> {
  const userId = auth.user.id;
  await refuseIfThrottled(userId);
  const secret = openPending(auth, pending);
  const codes = await db.$transaction(async (tx) => {
    if (!(await acceptCode(tx, userId, secret, code))) return null;
    // Conditional: two tabs confirming at once cannot overwrite an enabled secret.
    const updated = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null },
      data: { totpSecretSealed: sealUserSecret({ userId, secret }), totpEnabledAt: new Date() },
    });
    if (updated.count === 0) throw new TotpError("alreadyEnrolled");
    await tx.session.updateMany({ where: { id: auth.sessionId }, data: { twoFactorVerified: true } });
    await clearThrottle(throttleKey("totp.user", userId), tx);
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.totp.enabled", objectType: "User", objectId: userId });
    return issueRecoveryCodes(tx, userId);
  });
  if (!codes) return failCode(userId, "enrol");
  return codes;
}

async function storedSecret(userId: string): Promise<Uint8Array> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { totpSecretSealed: true, totpEnabledAt: true } });
  if (!row?.totpSecretSealed || !row.totpEnabledAt) throw new TotpError("notEnrolled");
  return openUserSecret({ userId, sealed: row.totpSecretSealed });
}

/** The code step of a login: on success the session counts as having passed the second factor. */
export async function verifyLoginCode(auth: AuthState, code: string): Promise<void> {
  const userId = auth.user.id;
  await refuseIfThrottled(userId);
  const secret = await storedSecret(userId);
  const ok = await db.$transaction(async (tx) => {
    if (!(await acceptCode(tx, userId, secret, code))) return false;
    await clearThrottle(throttleKey("totp.user", userId), tx);
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.totp.verified", objectType: "User", objectId: userId });
    return true;
  });
  if (!ok) await failCode(userId, "login");
  await markSessionTwoFactorVerified(auth.sessionId);
}

/** Turns TOTP off, with a current code as proof; refused while the organisation requires it. */
export async function disableTotp(auth: AuthState, code: string): Promise<void> {
  const userId = auth.user.id;
  if (auth.twoFactorRequired) throw new TotpError("required");
  await refuseIfThrottled(userId);
  const secret = await storedSecret(userId);
  const ok = await db.$transaction(async (tx) => {
    if (!(await acceptCode(tx, userId, secret, code))) return false;
    await tx.user.update({ where: { id: userId }, data: { totpSecretSealed: null, totpEnabledAt: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await appendAuditEvent(tx, { actor: { kind: "USER", userId }, action: "auth.totp.disabled", objectType: "User", objectId: userId });
    return true;
  });
  if (!ok) await failCode(userId, "disable");
}
