// Signing in and out through the real routes: cookies, session rows, messages, throttling.
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/modules/db/db.server";
import { sha256Hex } from "~/modules/crypto/crypto.server";
import { getAuthState } from "~/modules/auth/session.server";
import { putSetting } from "~/modules/settings/settings.server";
import { getMessages } from "~/i18n/messages";
import { action as loginAction, loader as loginLoader } from "~/routes/login/route";
import { action as localeAction } from "~/routes/locale/route";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout/route";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { getRequest, postRequest, sessionCookieFor, sessionCookieSetBy, settle } from "../factories/requests";

let addressCounter = 0;
/** A client address of its own per test, so address counters never leak between tests. */
const freshAddress = () => `198.51.100.${++addressCounter}-${process.pid}`;

function login(fields: Record<string, string>, opts: { address?: string; cookie?: string } = {}) {
  const request = postRequest("/login", fields, opts.cookie);
  const args = { request, params: {}, context: { clientAddress: opts.address } } as unknown as ActionFunctionArgs;
  return settle(() => loginAction(args));
}


describe("login", () => {
  it("signs in with the right password: a new session row, an HttpOnly cookie, the safe redirect", async () => {
    const { user } = await createUser({ locale: "en" });
    const res = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/account" }, { address: freshAddress() });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account");
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith("sunline_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    // A browser-session cookie: no Max-Age/Expires (the server-side idle and absolute limits apply).
    expect(session).not.toMatch(/Max-Age|Expires/i);
    // The account's language is remembered for the pages that follow.
    expect(setCookies.some((c) => c.startsWith("lang=en"))).toBe(true);
    const token = session.split(";")[0].split("=")[1];
    const row = await db.session.findUnique({ where: { id: sha256Hex(token) } });
    expect(row?.userId).toBe(user.id);
    const auth = await getAuthState(getRequest("/", sessionCookieSetBy(res)));
    expect(auth?.user.id).toBe(user.id);
    expect(auth?.user.locale).toBe("en");
    const events = await db.auditEvent.findMany({ where: { objectId: user.id, action: "auth.login.succeeded" } });
    expect(events).toHaveLength(1);
  });

  it("never sends the browser off-site, and replaces a session the browser brought along", async () => {
    const { user } = await createUser();
    const planted = await sessionCookieFor(user.id);
    const res = await login({ email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/x" }, { cookie: planted, address: freshAddress() });
    expect(res.headers.get("Location")).toBe("/");
    expect(sessionCookieSetBy(res)).not.toBe(planted);
    expect(await getAuthState(getRequest("/", planted))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("does not follow a redirect that a browser would turn into another site (/<tab>/evil)", async () => {
    const { user } = await createUser();
    for (const redirectTo of ["/\t/evil.example", "/\n/evil.example/x", "/\\evil.example"]) {
      const res = await login({ email: user.email, password: TEST_PASSWORD, redirectTo }, { address: freshAddress() });
      expect(res.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/");
    }
    const locale = await settle(() =>
      localeAction({ request: postRequest("/locale", { locale: "en", redirectTo: "/\t/evil.example" }), params: {}, context: {} } as unknown as ActionFunctionArgs),
    );
    expect(locale.headers.get("Location")).toBe("/");
  });

  it("refuses a wrong password with a message that keeps the email and does not say which part was wrong", async () => {
    const { user } = await createUser();
    const wrong = await login({ email: user.email, password: "not the password" }, { address: freshAddress() });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toHaveLength(0);
    const body = await wrong.json();
    expect(body).toMatchObject({ formError: "credentials", values: { email: user.email } });
    expect(body.values).not.toHaveProperty("password");

    const unknown = await login({ email: "nobody-at-all@example.test", password: "whatever it is" }, { address: freshAddress() });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ formError: "credentials", values: { email: "nobody-at-all@example.test" } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    // Audited without the typed email.
    const failed = await db.auditEvent.findMany({ where: { action: "auth.login.failed" } });
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.some((e) => e.objectId === user.id)).toBe(true);
    expect(failed.every((e) => !e.details.includes("@"))).toBe(true);
  });

  it("blocks an account after N failures, even with the right password, and says how long to wait", async () => {
    await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 3, actorUserId: null }));
    try {
      const { user } = await createUser();
      for (let i = 0; i < 2; i++) {
        const r = await login({ email: user.email, password: `wrong ${i}` }, { address: freshAddress() });
        expect((await r.json()).formError).toBe("credentials");
      }
      const third = await login({ email: user.email, password: "wrong 3" }, { address: freshAddress() });
      expect(third.status).toBe(429);
      // From another address, with the right password, in another case: still blocked.
      const blocked = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, { address: freshAddress() });
      expect(blocked.status).toBe(429);
      const body = await blocked.json();
      expect(body).toMatchObject({ formError: "throttled", detail: { minutes: 15 }, values: { email: user.email.toUpperCase() } });
      expect(getMessages("en").auth.errors.throttled(body.detail)).toContain("15 minutes");
      expect(getMessages("zh-CN").auth.errors.throttled(body.detail)).toContain("15 分钟");
      expect(blocked.headers.getSetCookie()).toHaveLength(0);
      expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { action: "auth.login.throttled", objectId: user.id } })).toBe(1);
      // The stored keys are HMACs, never the email.
      const keys = await db.throttle.findMany({ select: { key: true } });
      expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.key))).toBe(true);

      // When the lock has passed, the right password works again and clears the counter.
      await db.throttle.updateMany({ where: { blockedUntil: { not: null } }, data: { blockedUntil: new Date(Date.now() - 1000) } });
      const after = await login({ email: user.email, password: TEST_PASSWORD }, { address: freshAddress() });
      expect(after.status).toBe(302);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 5, actorUserId: null }));
    }
  });

  it("a success clears the account's counter, so earlier failures do not add up", async () => {
    await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 3, actorUserId: null }));
    try {
      const { user } = await createUser();
      const address = freshAddress();
      await login({ email: user.email, password: "wrong" }, { address });
      await login({ email: user.email, password: "wrong" }, { address });
      expect((await login({ email: user.email, password: TEST_PASSWORD }, { address })).status).toBe(302);
      await login({ email: user.email, password: "wrong" }, { address });
      await login({ email: user.email, password: "wrong" }, { address });
      expect((await login({ email: user.email, password: TEST_PASSWORD }, { address })).status).toBe(302);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 5, actorUserId: null }));
    }
  });

  it("blocks one client address that tries many accounts, and only that address", async () => {
    await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAddress", value: 5, actorUserId: null }));
    try {
      const { user } = await createUser();
      const attacker = freshAddress();
      for (let i = 0; i < 5; i++) {
        await login({ email: `guess-${i}-${process.pid}@example.test`, password: "guess" }, { address: attacker });
      }
      const blocked = await login({ email: user.email, password: TEST_PASSWORD }, { address: attacker });
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ formError: "throttled", detail: { minutes: 15 } });
      // The same account from elsewhere is fine: the block belongs to the address.
      const elsewhere = await login({ email: user.email, password: TEST_PASSWORD }, { address: freshAddress() });
      expect(elsewhere.status).toBe(302);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAddress", value: 30, actorUserId: null }));
    }
  });

  it("shows the login page to visitors and sends signed-in people on", async () => {
    const anonymous = await settle(() => loginLoader({ request: getRequest("/login?redirectTo=/account"), params: {}, context: {} } as LoaderFunctionArgs));
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toMatchObject({ redirectTo: "/account" });
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const signedIn = await settle(() => loginLoader({ request: getRequest("/login?redirectTo=/account", cookie), params: {}, context: {} } as LoaderFunctionArgs));
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/account");
  });
});

describe("logout", () => {
  it("ends the session on POST, blanks the cookie and goes to /login; GET changes nothing", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const get = await settle(async () => logoutLoader());
    expect(get.headers.get("Location")).toBe("/");
    expect(await getAuthState(getRequest("/", cookie))).not.toBeNull();

    const res = await settle(() => logoutAction({ request: postRequest("/logout", {}, cookie), params: {}, context: {} } as ActionFunctionArgs));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    expect(res.headers.get("Set-Cookie")).toMatch(/^sunline_session=;/);
    expect(await getAuthState(getRequest("/", cookie))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.logout", actorUserId: user.id } })).toBe(1);
  });
});
