// The organisation settings page: validated values, one transaction with an audit event listing
// the changed keys, errors that keep what was typed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getSettings, SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { action, loader } from "~/routes/admin.settings/route";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

let cookie: string;

beforeAll(async () => {
  const { user } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  cookie = await sessionCookieFor(user.id);
});

function form(overrides: Record<string, string | undefined> = {}) {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
    if (typeof value === "boolean") {
      if (value) fields[key] = "on";
    } else fields[key] = String(value);
  }
  // The administrator's own password, asked again before settings change.
  fields.reauthPassword = TEST_PASSWORD;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete fields[key];
    else fields[key] = value;
  }
  return fields;
}

describe("organisation settings", () => {
  it("shows the current settings", async () => {
    const res = await callLoader(loader, "/admin/settings", { cookie });
    expect(((await res.json()) as { settings: unknown }).settings).toEqual(SETTING_DEFAULTS);
  });

  it("saves the changed settings with one audit event listing their keys", async () => {
    const res = await callAction(action, "/admin/settings", form({ "org.timeZone": "Europe/Berlin", "org.nameZh": "晨明集团", "auth.requireTwoFactor": undefined, "auth.sessionIdleMinutes": "45" }), { cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/settings?changed=4");
    const settings = await getSettings();
    expect(settings).toMatchObject({ "org.timeZone": "Europe/Berlin", "org.nameZh": "晨明集团", "auth.requireTwoFactor": false, "auth.sessionIdleMinutes": 45 });
    const events = await db.auditEvent.findMany({ where: { action: "settings.update" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details).keys.sort()).toEqual(["auth.requireTwoFactor", "auth.sessionIdleMinutes", "org.nameZh", "org.timeZone"]);
    expect(events[0].details).not.toContain("晨明");

    // Saving the same values again changes nothing and records nothing.
    const current = await getSettings();
    const same = form(Object.fromEntries(Object.entries(current).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : undefined) : String(v)])));
    const again = await callAction(action, "/admin/settings", same, { cookie });
    expect(again.headers.get("Location")).toBe("/admin/settings?changed=0");
    expect(await db.auditEvent.count({ where: { action: "settings.update" } })).toBe(1);
  });

  it("refuses an unknown time zone and out-of-range numbers, keeping what was typed", async () => {
    const before = await getSettings();
    const res = await callAction(action, "/admin/settings", form({ "org.timeZone": "Mars/Olympus", "auth.passwordResetMinutes": "1", "auth.loginLockMinutes": "ten" }), { cookie });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toEqual({ "org.timeZone": "timeZone", "auth.passwordResetMinutes": "outOfRange", "auth.loginLockMinutes": "wholeNumber" });
    expect(body.values).toMatchObject({ "org.timeZone": "Mars/Olympus", "auth.passwordResetMinutes": "1", "auth.loginLockMinutes": "ten" });
    expect(await getSettings()).toEqual(before);
  });
});
