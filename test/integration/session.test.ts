import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getAuthState, requirePermission } from "~/modules/auth/session.server";
import { sha256Hex } from "~/modules/crypto/crypto.server";
import { createUser } from "../factories/people";
import { getRequest, sessionCookieFor, settle } from "../factories/requests";

describe("staff sessions", () => {
  it("stores only the SHA-256 of the cookie's token", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const token = cookie.split("=")[1];
    const rows = await db.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(sha256Hex(token));
    expect(rows[0].id).not.toContain(token);
  });

  it("ends a session that has been idle too long and one past its absolute limit", async () => {
    const { user } = await createUser();
    const idle = await sessionCookieFor(user.id);
    expect(await getAuthState(getRequest("/", idle))).not.toBeNull();
    await db.session.updateMany({ where: { id: sha256Hex(idle.split("=")[1]) }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await getAuthState(getRequest("/", idle))).toBeNull();

    const old = await sessionCookieFor(user.id);
    await db.session.updateMany({ where: { id: sha256Hex(old.split("=")[1]) }, data: { absoluteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await getAuthState(getRequest("/", old))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("answers 403 without the permission and redirects to login without a session", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const denied = await settle(() => requirePermission(getRequest("/admin/people", cookie), "manage:people:any"));
    expect(denied.status).toBe(403);
    const anonymous = await settle(() => requirePermission(getRequest("/admin/people"), "manage:people:any"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fpeople");
  });

  it("sends a user who owes a second factor to enrolment", async () => {
    const { user } = await createUser({ roles: ["admin"] });
    const cookie = await sessionCookieFor(user.id, { twoFactorVerified: false });
    const res = await settle(() => requirePermission(getRequest("/admin/people", cookie), "manage:people:any"));
    expect(res.headers.get("Location")).toBe("/account/two-factor");
  });
});
