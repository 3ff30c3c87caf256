// TOTP: enrolment through the account page, then a login that needs a real code.
import { describe, expect, it } from "vitest";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { db } from "~/modules/db/db.server";
import { getAuthState, requireUser } from "~/modules/auth/session.server";
import { currentCode, openUserSecret, sealUserSecret } from "~/modules/auth/totp.server";
import { putSetting } from "~/modules/settings/settings.server";
import { action as loginAction } from "~/routes/login/route";
import { action as codeAction, loader as codeLoader } from "~/routes/login_.two-factor/route";
import { action as enrolAction, loader as enrolLoader } from "~/routes/account.two-factor/route";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, getRequest, sessionCookieFor, sessionCookieSetBy, settle } from "../factories/requests";

const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

type Enrolment = { pending: string; manualKey: string; qrDataUrl: string };

describe("two-step verification", () => {
  it("enrols with a QR code and a real code, then asks for a code at every login", async () => {
    const { user } = await createUser({ roles: ["admin"] });
    // Freshly signed in, second factor owed: pages send the user to enrolment...
    const cookie = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const owed = await settle(() => requireUser(getRequest("/admin/people", cookie)));
    expect(owed.headers.get("Location")).toBe("/account/two-factor");

    // ...which is reachable in that state and shows a QR code and the key for typing in.
    const page = await callLoader(enrolLoader, "/account/two-factor", { cookie });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { enabled: boolean; required: boolean; enrolment: Enrolment };
    expect(data).toMatchObject({ enabled: false, required: true });
    expect(data.enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = decodeBase32IgnorePadding(data.enrolment.manualKey.replace(/ /g, ""));
    expect(secret).toHaveLength(20);

    // A wrong code is refused and the same key is shown again.
    const code = currentCode(secret);
    const wrong = await callAction(enrolAction, "/account/two-factor", { intent: "enable", pending: data.enrolment.pending, code: wrongCode(code) }, { cookie });
    expect(wrong.status).toBe(400);
    const wrongBody = (await wrong.json()) as { formError: string; enrolment: Enrolment };
    expect(wrongBody.formError).toBe("invalid");
    expect(wrongBody.enrolment.manualKey).toBe(data.enrolment.manualKey);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();

    // The sealed key is bound to this session: another session of the same user cannot use it.
    const other = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const stolen = await callAction(enrolAction, "/account/two-factor", { intent: "enable", pending: data.enrolment.pending, code }, { cookie: other });
    expect(((await stolen.json()) as { formError: string }).formError).toBe("expired");

    // The right code (typed with a space, as apps show it) turns TOTP on and verifies this session.
    const ok = await callAction(enrolAction, "/account/two-factor", { intent: "enable", pending: data.enrolment.pending, code: `${code.slice(0, 3)} ${code.slice(3)}` }, { cookie });
    // The page now shows the recovery codes, once.
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecretSealed).not.toContain(data.enrolment.manualKey.replace(/ /g, ""));
    expect(openUserSecret({ userId: user.id, sealed: stored.totpSecretSealed! })).toEqual(secret);
    expect((await requireUser(getRequest("/admin/people", cookie))).user.id).toBe(user.id);
    expect(await db.auditEvent.count({ where: { action: "auth.totp.enabled", objectId: user.id } })).toBe(1);

    // Login: the password step leads to the code step, and nothing else opens before the code.
    const login = await callAction(loginAction, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/admin/people" });
    expect(login.headers.get("Location")).toBe("/login/two-factor?redirectTo=%2Fadmin%2Fpeople");
    const half = sessionCookieSetBy(login);
    const blocked = await settle(() => requireUser(getRequest("/admin/people", half)));
    expect(blocked.headers.get("Location")).toBe("/login/two-factor");
    expect((await callLoader(codeLoader, "/login/two-factor", { cookie: half })).status).toBe(200);

    const refused = await callAction(codeAction, "/login/two-factor", { intent: "code", code: wrongCode(currentCode(secret)), redirectTo: "/admin/people" }, { cookie: half });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ formError: "invalid" });
    expect(await db.auditEvent.count({ where: { action: "auth.totp.failed", objectId: user.id } })).toBe(2);

    // The code used at enrolment is spent for this time step: a replay is refused.
    const replay = await callAction(codeAction, "/login/two-factor", { intent: "code", code, redirectTo: "/admin/people" }, { cookie: half });
    expect(replay.status).toBe(401);

    // A code from the next time step (the app's clock a little ahead) is accepted.
    const nextCode = currentCode(secret, Date.now() + 30_000);
    const passed = await callAction(codeAction, "/login/two-factor", { intent: "code", code: nextCode, redirectTo: "/admin/people" }, { cookie: half });
    expect(passed.status).toBe(302);
    expect(passed.headers.get("Location")).toBe("/admin/people");
    const auth = await getAuthState(getRequest("/", half));
    expect(auth?.twoFactorVerified).toBe(true);
    expect((await requireUser(getRequest("/admin/people", half))).user.id).toBe(user.id);
  });

  it("throttles wrong codes and says how long to wait", async () => {
    await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 3, actorUserId: null }));
    try {
      const secret = new Uint8Array(20).fill(3);
      const { user } = await createUser({ roles: ["auditor"] });
      await db.user.update({ where: { id: user.id }, data: { totpSecretSealed: sealUserSecret({ userId: user.id, secret }), totpEnabledAt: new Date() } });
      const half = await sessionCookieFor(user.id, { twoFactorVerified: false });
      const bad = wrongCode(currentCode(secret));
      for (let i = 0; i < 2; i++) {
        expect((await callAction(codeAction, "/login/two-factor", { intent: "code", code: bad }, { cookie: half })).status).toBe(401);
      }
      expect((await callAction(codeAction, "/login/two-factor", { intent: "code", code: bad }, { cookie: half })).status).toBe(429);
      const res = await callAction(codeAction, "/login/two-factor", { intent: "code", code: currentCode(secret) }, { cookie: half });
      expect(res.status).toBe(429);
      expect(await res.json()).toMatchObject({ formError: "throttled", detail: { minutes: 15 } });
      expect((await getAuthState(getRequest("/", half)))?.twoFactorVerified).toBe(false);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.loginMaxFailuresPerAccount", value: 5, actorUserId: null }));
    }
  });

  it("lets a user turn TOTP off only when the organisation does not require it", async () => {
    const secret = new Uint8Array(20).fill(5);
    const { user } = await createUser();
    await db.user.update({ where: { id: user.id }, data: { totpSecretSealed: sealUserSecret({ userId: user.id, secret }), totpEnabledAt: new Date() } });
    const cookie = await sessionCookieFor(user.id);
    const page = await callLoader(enrolLoader, "/account/two-factor", { cookie });
    expect(await page.json()).toMatchObject({ enabled: true, required: false });
    const off = await callAction(enrolAction, "/account/two-factor", { intent: "disable", code: currentCode(secret) }, { cookie });
    expect(off.headers.get("Location")).toBe("/account?done=totpDisabled");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretSealed).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.totp.disabled", objectId: user.id } })).toBe(1);

    const { user: lead } = await createUser({ roles: ["compliance_lead"] });
    await db.user.update({ where: { id: lead.id }, data: { totpSecretSealed: sealUserSecret({ userId: lead.id, secret }), totpEnabledAt: new Date() } });
    const leadCookie = await sessionCookieFor(lead.id);
    const refused = await callAction(enrolAction, "/account/two-factor", { intent: "disable", code: currentCode(secret) }, { cookie: leadCookie });
    expect(refused.status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: lead.id } })).totpEnabledAt).not.toBeNull();
  });
});
