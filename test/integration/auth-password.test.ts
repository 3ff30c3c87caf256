// Password change and password reset through the real routes.
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/modules/db/db.server";
import { getAuthState } from "~/modules/auth/session.server";
import { verifySecret } from "~/modules/auth/password.server";
import { issuePasswordResetToken } from "~/modules/auth/password-reset.server";
import { putSetting } from "~/modules/settings/settings.server";
import { getMessages } from "~/i18n/messages";
import { action as changeAction, loader as changeLoader } from "~/routes/account.password/route";
import { action as forgotAction } from "~/routes/forgot-password/route";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token/route";
import { action as loginAction } from "~/routes/login/route";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { getRequest, postRequest, sessionCookieFor, sessionCookieSetBy, settle } from "../factories/requests";

const NEW_PASSWORD = "a brand new passphrase 2024";
let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}-${process.pid}`;
const args = (request: Request, extra: { params?: Record<string, string>; address?: string } = {}) =>
  ({ request, params: extra.params ?? {}, context: { clientAddress: extra.address } }) as unknown as ActionFunctionArgs & LoaderFunctionArgs;

describe("password change", () => {
  it("checks the current password, then signs out every other session and keeps this browser signed in", async () => {
    const { user } = await createUser({ locale: "en" });
    const mine = await sessionCookieFor(user.id);
    const elsewhere = await sessionCookieFor(user.id);
    expect((await settle(() => changeLoader(args(getRequest("/account/password", mine)))))).toHaveProperty("status", 200);

    const wrong = await settle(() =>
      changeAction(args(postRequest("/account/password", { currentPassword: "nope", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, mine))),
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ formError: "wrongPassword", fieldErrors: { currentPassword: "invalid" } });

    const tooShort = await settle(() =>
      changeAction(args(postRequest("/account/password", { currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" }, mine))),
    );
    expect(await tooShort.json()).toMatchObject({ fieldErrors: { newPassword: "tooShort" } });
    const mismatch = await settle(() =>
      changeAction(args(postRequest("/account/password", { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }, mine))),
    );
    expect(await mismatch.json()).toMatchObject({ formError: "passwordMismatch", fieldErrors: { confirmPassword: "invalid" } });
    expect(await getAuthState(getRequest("/", elsewhere))).not.toBeNull();

    const ok = await settle(() =>
      changeAction(args(postRequest("/account/password", { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, mine))),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/account?done=password");
    const fresh = sessionCookieSetBy(ok)!;
    expect(fresh).not.toBe(mine);
    expect(await getAuthState(getRequest("/", elsewhere))).toBeNull();
    expect(await getAuthState(getRequest("/", mine))).toBeNull();
    expect((await getAuthState(getRequest("/", fresh)))?.user.id).toBe(user.id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifySecret(stored.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(stored.passwordChangedAt).not.toBeNull();
    const mail = await db.outboxEmail.findMany({ where: { toAddress: user.email } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: "passwordChanged", locale: "en", subject: "Your Sunline password was changed" });
    expect(await db.auditEvent.count({ where: { action: "auth.password.changed", objectId: user.id } })).toBe(1);
  });
});

describe("password reset", () => {
  const forgot = (email: string, address = freshAddress()) =>
    settle(() => forgotAction(args(postRequest("/forgot-password", { email }), { address })));

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const before = await db.outboxEmail.count();
    const unknown = await forgot(`nobody-${process.pid}@example.test`);
    const { user } = await createUser();
    const known = await forgot(user.email);
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(await unknown.json()).toEqual(await known.json());
    // Only the known account got mail.
    expect(await db.outboxEmail.count()).toBe(before + 1);
  });

  it("emails a single-use link in the person's language that sets a new password once", async () => {
    const { user } = await createUser({ locale: null });
    await db.person.update({ where: { id: user.personId! }, data: { locale: "en" } });
    const session = await sessionCookieFor(user.id);
    await forgot(user.email.toUpperCase());
    const mail = await db.outboxEmail.findMany({ where: { toAddress: user.email } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: "passwordReset", locale: "en", subject: "Reset your Sunline password" });
    const url = /http:\/\/localhost:3999\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail[0].textBody);
    expect(url).not.toBeNull();
    const token = url![1];
    // Only the token's hash is stored.
    const rows = await db.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toBe(token);

    const page = await settle(() => resetLoader(args(getRequest(`/reset-password/${token}`), { params: { token } })));
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ state: "valid" });

    const post = () =>
      settle(() => resetAction(args(postRequest(`/reset-password/${token}`, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { params: { token } })));
    const done = await post();
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?notice=reset");
    expect(await getAuthState(getRequest("/", session))).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.password.reset.completed", objectId: user.id } })).toBe(1);

    // The new password signs in; the link does not work a second time.
    const login = await settle(() => loginAction(args(postRequest("/login", { email: user.email, password: NEW_PASSWORD }), { address: freshAddress() })));
    expect(login.status).toBe(302);
    const again = await post();
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ formError: "used" });
    const reopened = await settle(() => resetLoader(args(getRequest(`/reset-password/${token}`), { params: { token } })));
    expect(await reopened.json()).toEqual({ state: "used" });
  });

  it("refuses an expired link and an unknown one", async () => {
    const { user } = await createUser();
    const { url } = await db.$transaction((tx) => issuePasswordResetToken(tx, user.id));
    const token = url.split("/").pop()!;
    await db.passwordResetToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await settle(() =>
      resetAction(args(postRequest(`/reset-password/${token}`, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }), { params: { token } })),
    );
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ formError: "expired" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifySecret(stored.passwordHash!, TEST_PASSWORD)).toBe(true);
    const unknown = await settle(() => resetLoader(args(getRequest("/reset-password/not-a-real-token-at-all"), { params: { token: "not-a-real-token-at-all" } })));
    expect(unknown.status).toBe(410);
    expect(await unknown.json()).toEqual({ state: "unknown" });
  });

  it("writes in zh-CN when neither the account nor the person says otherwise, and throttles per address", async () => {
    const { user } = await createUser();
    const address = freshAddress();
    await forgot(user.email, address);
    const [mail] = await db.outboxEmail.findMany({ where: { toAddress: user.email } });
    expect(mail.locale).toBe("zh_CN");
    expect(mail.subject).toBe(getMessages("zh-CN").mail.passwordReset.subject);
    await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAddress", value: 5, actorUserId: null }));
    try {
      for (let i = 0; i < 4; i++) expect((await forgot(`someone-${i}-${process.pid}@example.test`, address)).status).toBe(200);
      const blocked = await forgot(user.email, address);
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ formError: "throttled", detail: { minutes: 15 } });
      expect(await db.outboxEmail.count({ where: { toAddress: user.email } })).toBe(1);
      // Another address is not affected.
      expect((await forgot(user.email)).status).toBe(200);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAddress", value: 30, actorUserId: null }));
    }
  });
});
