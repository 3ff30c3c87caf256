// A page view reads the session, its user and the settings once: the server runs each GET in a
// request scope (server.mjs), where the root loader's reading serves the route's loader too, though
// Remix hands each loader a Request object of its own. Outside a scope every call reads afresh, and
// nothing read in one request is seen by the next.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getAuthState, invalidateSession } from "~/modules/auth/session.server";
import { getSettings, putSetting } from "~/modules/settings/settings.server";
import { inRequestScope, oncePerRequest } from "~/modules/http/request-scope.server";
import { createUser } from "../factories/people";
import { getRequest, sessionCookieFor } from "../factories/requests";

describe("the request scope", () => {
  it("serves the route's loader the session and settings the root loader read", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await inRequestScope(async () => {
      const root = await getAuthState(getRequest("/", cookie));
      const route = await getAuthState(getRequest("/?index", cookie));
      expect(root?.user.id).toBe(user.id);
      expect(route).toBe(root);
      expect(await getSettings()).toBe(await getSettings());
    });
  });

  it("reads afresh outside a scope and in every new request", async () => {
    const { user } = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const first = await getAuthState(getRequest("/", cookie));
    expect(await getAuthState(getRequest("/", cookie))).not.toBe(first);

    // Signed out between two page views: the next one knows.
    await inRequestScope(async () => expect((await getAuthState(getRequest("/", cookie)))?.user.id).toBe(user.id));
    await invalidateSession(first!.sessionId);
    await inRequestScope(async () => expect(await getAuthState(getRequest("/", cookie))).toBeNull());

    // A changed setting shows on the next page view.
    const before = await inRequestScope(() => getSettings());
    await db.$transaction((tx) => putSetting(tx, { key: "auth.sessionIdleMinutes", value: before["auth.sessionIdleMinutes"] + 1, actorUserId: null }));
    try {
      expect((await inRequestScope(() => getSettings()))["auth.sessionIdleMinutes"]).toBe(before["auth.sessionIdleMinutes"] + 1);
    } finally {
      await db.$transaction((tx) => putSetting(tx, { key: "auth.sessionIdleMinutes", value: before["auth.sessionIdleMinutes"], actorUserId: null }));
    }
  });

  it("keeps two users' sessions apart in one scope, and does not keep a failed read", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const [cookieA, cookieB] = await Promise.all([sessionCookieFor(a.user.id), sessionCookieFor(b.user.id)]);
    await inRequestScope(async () => {
      expect((await getAuthState(getRequest("/", cookieA)))?.user.id).toBe(a.user.id);
      expect((await getAuthState(getRequest("/", cookieB)))?.user.id).toBe(b.user.id);
      let reads = 0;
      const failing = () => {
        reads++;
        return Promise.reject(new Error("the database is away"));
      };
      await expect(oncePerRequest("flaky", failing)).rejects.toThrow("away");
      await expect(oncePerRequest("flaky", failing)).rejects.toThrow("away");
      expect(reads).toBe(2);
    });
  });
});
