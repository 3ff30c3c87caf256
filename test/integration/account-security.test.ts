// The account's own security: sessions listed and ended, a password change that must change the
// password, recovery codes for the two-factor step, and an administrator's reset of a lost factor.
import { describe, expect, it } from "vitest";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { db } from "~/modules/db/db.server";
import { getAuthState, requireUser } from "~/modules/auth/session.server";
import { currentCode, sealUserSecret } from "~/modules/auth/totp.server";
import { putSetting } from "~/modules/settings/settings.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index/route";
import { action as passwordAction } from "~/routes/account.password/route";
import { action as enrolAction, loader as enrolLoader } from "~/routes/account.two-factor/route";
import { action as codeAction } from "~/routes/login_.two-factor/route";
import { action as personAction } from "~/routes/admin.people.$id/route";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, getRequest, sessionCookieFor, settle } from "../factories/requests";

type AccountPage = { sessions: { rows: { id: string; createdAt: string; lastSeenAt: string; current: boolean }[] }; recoveryLeft: number | null };
const accountPage = async (cookie: string) => (await (await callLoader(accountLoader, "/account", { cookie })).json()) as AccountPage;
const accountPost = (fields: Record<string, string>, cookie: string) => callAction(accountAction, "/account?index", fields, { cookie });

/** Enrols the user through the page; returns the secret and the recovery codes shown. */
async function enrol(userId: string) {
  const cookie = await sessionCookieFor(userId, { twoFactorVerified: false });
  const page = (await (await callLoader(enrolLoader, "/account/two-factor", { cookie })).json()) as { enrolment: { pending: string; manualKey: string } };
  const secret = decodeBase32IgnorePadding(page.enrolment.manualKey.replace(/ /g, ""));
  const res = await callAction(enrolAction, "/account/two-factor", { intent: "enable", pending: page.enrolment.pending, code: currentCode(secret) }, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  return { secret, cookie, codes: ((await res.json()) as { recoveryCodes: string[] }).recoveryCodes };
}

describe("sessions on the account page", () => {
  it("lists the account's sessions with this one marked, and ends another one or all the others", async () => {
    const { user } = await createUser();
    const { user: stranger } = await createUser();
    const here = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const laptop = await sessionCookieFor(user.id);
    const strangers = await sessionCookieFor(stranger.id);

    const page = await accountPage(here);
    expect(page.sessions.rows).toHaveLength(3);
    expect(page.sessions.rows.filter((s) => s.current)).toHaveLength(1);
    const phoneId = (await getAuthState(getRequest("/", phone)))!.sessionId;
    expect(page.sessions.rows.find((s) => s.current)!.id).toBe((await getAuthState(getRequest("/", here)))!.sessionId);

    expect((await accountPost({ intent: "endSession", sessionId: phoneId }, here)).headers.get("Location")).toBe("/account?done=sessionEnded");
    expect(await getAuthState(getRequest("/", phone))).toBeNull();
    expect(await getAuthState(getRequest("/", laptop))).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.session.ended", objectId: user.id } })).toBe(1);

    // Another account's session id changes nothing.
    const strangerId = (await getAuthState(getRequest("/", strangers)))!.sessionId;
    await accountPost({ intent: "endSession", sessionId: strangerId }, here);
    expect(await getAuthState(getRequest("/", strangers))).not.toBeNull();

    await accountPost({ intent: "endOtherSessions" }, here);
    expect(await getAuthState(getRequest("/", laptop))).toBeNull();
    expect(await getAuthState(getRequest("/", here))).not.toBeNull();
    expect((await accountPage(here)).sessions.rows).toHaveLength(1);
  });
});

describe("password change", () => {
  it("refuses the same password with a clear message and changes nothing", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);
    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const res = await callAction(passwordAction, "/account/password", { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, { cookie });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ formError: "samePassword", fieldErrors: { newPassword: "invalid" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
    expect(await getAuthState(getRequest("/", other))).not.toBeNull();
    expect(await db.outboxEmail.count({ where: { toAddress: user.email, template: "passwordChanged" } })).toBe(0);
  });
});

describe("recovery codes", () => {
  it("are shown once at enrolment, stored as hashes, and each works once at the two-factor step", async () => {
    const { user } = await createUser();
    const { codes } = await enrol(user.id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of codes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(c.replace("-", ""));
    }

    // Signing in on a new browser, phone lost: a recovery code (typed in lower case) instead of the app's code.
    const half = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const used = await callAction(codeAction, "/login/two-factor", { intent: "recovery", recoveryCode: codes[0].toLowerCase(), redirectTo: "/account" }, { cookie: half });
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/account");
    expect((await requireUser(getRequest("/account", half))).user.id).toBe(user.id);
    expect(await db.auditEvent.count({ where: { action: "auth.recovery.used", objectId: user.id } })).toBe(1);

    // The same code does not work twice.
    const again = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const reused = await callAction(codeAction, "/login/two-factor", { intent: "recovery", recoveryCode: codes[0], redirectTo: "/" }, { cookie: again });
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ formError: "recoveryInvalid" });
    expect((await getAuthState(getRequest("/", again)))!.twoFactorVerified).toBe(false);

    // The account page counts what is left, and makes new codes only with the password.
    expect((await accountPage(half)).recoveryLeft).toBe(9);
    const wrong = await accountPost({ intent: "regenerateRecoveryCodes", reauthPassword: "not it" }, half);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ fieldErrors: { reauthPassword: "reauthWrong" }, formError: null });
    const fresh = await accountPost({ intent: "regenerateRecoveryCodes", reauthPassword: TEST_PASSWORD }, half);
    expect(fresh.headers.get("Cache-Control")).toBe("no-store");
    const newCodes = ((await fresh.json()) as { recoveryCodes: string[] }).recoveryCodes;
    expect(newCodes).toHaveLength(10);
    expect((await accountPage(half)).recoveryLeft).toBe(10);
    const old = await callAction(codeAction, "/login/two-factor", { intent: "recovery", recoveryCode: codes[1], redirectTo: "/" }, { cookie: again });
    expect(old.status).toBe(401);
    const newer = await callAction(codeAction, "/login/two-factor", { intent: "recovery", recoveryCode: newCodes[0], redirectTo: "/" }, { cookie: again });
    expect(newer.status).toBe(302);
  });
});

describe("an administrator resets a lost second factor", () => {
  it("needs the administrator's password, removes the factor and the codes, signs the user out, and asks them to enrol again", async () => {
    await putSetting(db, { key: "auth.requireTwoFactor", value: true, actorUserId: null });
    const { user: admin } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
    const adminCookie = await sessionCookieFor(admin.id);
    const { user, person } = await createUser({ roles: ["admin"] });
    await db.user.update({ where: { id: user.id }, data: { totpSecretSealed: sealUserSecret({ userId: user.id, secret: new Uint8Array(20).fill(7) }), totpEnabledAt: new Date() } });
    await db.recoveryCode.create({ data: { userId: user.id, codeHash: `test-${user.id}` } });
    const theirs = await sessionCookieFor(user.id);
    const post = (fields: Record<string, string>) =>
      callAction(personAction, `/admin/people/${person.id}`, fields, { cookie: adminCookie, params: { id: person.id } });

    const wrong = await post({ intent: "resetTwoFactor", reauthPassword: "wrong" });
    expect(wrong.status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();

    const res = await post({ intent: "resetTwoFactor", reauthPassword: TEST_PASSWORD });
    expect(res.headers.get("Location")).toBe(`/admin/people/${person.id}?done=twoFactorReset`);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.totpEnabledAt).toBeNull();
    expect(after.totpSecretSealed).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAuthState(getRequest("/", theirs))).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.totp.reset", objectId: user.id } });
    expect(audit.actorUserId).toBe(admin.id);
    expect(await db.outboxEmail.count({ where: { toAddress: user.email, template: "twoFactorReset" } })).toBe(1);

    // At the next sign-in they are sent to set it up again.
    const next = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const owed = await settle(() => requireUser(getRequest("/admin/people", next)));
    expect(owed.headers.get("Location")).toBe("/account/two-factor");
    await putSetting(db, { key: "auth.requireTwoFactor", value: false, actorUserId: null });
  });
});
