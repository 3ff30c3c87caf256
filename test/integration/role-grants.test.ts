// Roles that read case content or the audit log: an administrator asks, another person — a
// compliance lead who is neither the requester nor the account's holder — approves (ADR 0014).
// Dangerous account actions ask for the acting person's password again.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getAuthState } from "~/modules/auth/session.server";
import { hasPermission } from "~/modules/auth/permissions";
import { attemptLogin } from "~/modules/auth/login.server";
import { rolesNeedingApproval } from "~/modules/people/role-grants.server";
import { bootstrapAccount, BootstrapError } from "~/modules/people/bootstrap.server";
import { action as personAction, loader as personLoader } from "~/routes/admin.people.$id/route";
import { loader as peopleLoader } from "~/routes/admin.people._index/route";
import { action as requestsAction, loader as requestsLoader } from "~/routes/role-requests/route";
import { action as settingsAction } from "~/routes/admin.settings/route";
import { SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, callLoader, getRequest, sessionCookieFor } from "../factories/requests";

type Failure = { fieldErrors: Record<string, string>; formError: string | null; values: Record<string, string>; roles: string[] };

let admin: Awaited<ReturnType<typeof createUser>>;
let adminCookie: string;
let leadEn: Awaited<ReturnType<typeof createUser>>;
let leadZh: Awaited<ReturnType<typeof createUser>>;
let leadEnCookie: string;
let leadZhCookie: string;

beforeAll(async () => {
  admin = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  adminCookie = await sessionCookieFor(admin.user.id);
  leadEn = await createUser({ roles: ["compliance_lead"], locale: "en", totpSecretSealed: "enrolled" });
  leadZh = await createUser({ roles: ["compliance_lead"], locale: "zh_CN", totpSecretSealed: "enrolled" });
  leadEnCookie = await sessionCookieFor(leadEn.user.id);
  leadZhCookie = await sessionCookieFor(leadZh.user.id);
});

const personPost = (personId: string, fields: Record<string, string | string[]>, cookie = adminCookie) =>
  callAction(personAction, `/admin/people/${personId}`, fields, { cookie, params: { id: personId } });
const decide = (requestId: string, intent: "approve" | "reject", cookie: string) =>
  callAction(requestsAction, "/role-requests", { requestId, intent }, { cookie });
const roleKeys = async (userId: string) =>
  (await db.userRole.findMany({ where: { userId }, select: { role: { select: { key: true } } } })).map((r) => r.role.key).sort();
const mailSince = (since: Date, template: string) =>
  db.outboxEmail.findMany({ where: { template, createdAt: { gte: since } }, select: { toAddress: true, locale: true, subject: true, textBody: true } });
const leads = () => [leadEn.user.email, leadZh.user.email].sort();

describe("roles that read cases need a compliance lead's approval", () => {
  it("derives those roles from their permissions, not from their names", async () => {
    const approval = await rolesNeedingApproval();
    expect([...approval].sort()).toEqual(["auditor", "compliance_lead", "investigator"]);
    // A role given the audit log's permission needs approval too.
    const permission = await db.permission.findUniqueOrThrow({ where: { key: "read:audit-log:any" } });
    await db.role.create({ data: { key: `custom_${Date.now()}`, permissions: { create: [{ permissionId: permission.id }] } } });
    expect((await rolesNeedingApproval()).size).toBe(4);
  });

  it("an administrator who ticks the compliance-lead role on their own account only files a request", async () => {
    const since = new Date();
    const res = await personPost(admin.person.id, { intent: "roles", roles: ["employee", "admin", "compliance_lead"], reauthPassword: TEST_PASSWORD });
    expect(res.status).toBe(302);
    expect(await roleKeys(admin.user.id)).toEqual(["admin", "employee"]);
    const auth = await getAuthState(getRequest("/", adminCookie));
    expect(hasPermission(auth!.user.permissions, "read:case:any")).toBe(false);

    const request = await db.roleGrantRequest.findFirstOrThrow({ where: { userId: admin.user.id } });
    expect(request).toMatchObject({ roleKey: "compliance_lead", status: "PENDING", requestedByUserId: admin.user.id });
    expect(await db.auditEvent.count({ where: { action: "user.role.requested", objectId: admin.user.id } })).toBe(1);
    // Every lead hears of it, in their own language, with no case content.
    const mails = await mailSince(since, "roleGrantRequested");
    expect(mails.map((m) => m.toAddress).sort()).toEqual(leads());
    expect(mails.find((m) => m.toAddress === leadEn.user.email)!.subject).toBe("A role change waits for your approval");
    expect(mails.find((m) => m.toAddress === leadZh.user.email)!.subject).toBe("有一项角色变更等待您审批");

    // Saving again files nothing twice; the pending role shows ticked and marked on the page.
    await personPost(admin.person.id, { intent: "roles", roles: ["employee", "admin", "compliance_lead"], reauthPassword: TEST_PASSWORD });
    expect(await db.roleGrantRequest.count({ where: { userId: admin.user.id, status: "PENDING" } })).toBe(1);
    const page = (await (await callLoader(personLoader, `/admin/people/${admin.person.id}`, { cookie: adminCookie, params: { id: admin.person.id } })).json()) as {
      pendingRoles: string[];
    };
    expect(page.pendingRoles).toEqual(["compliance_lead"]);
    // The administrator's people page lists the pending requests.
    const list = (await (await callLoader(peopleLoader, "/admin/people", { cookie: adminCookie })).json()) as {
      requests: { total: number; rows: { id: string; roleKey: string }[] };
    };
    expect(list.requests.rows.map((r) => r.id)).toContain(request.id);
  });

  it("nobody approves their own request or a grant to themselves; another lead does, and every lead is told", async () => {
    // An administrator who is also a lead asks for someone; they cannot approve it themselves.
    const adminLead = await createUser({ roles: ["admin", "compliance_lead"], totpSecretSealed: "enrolled" });
    const adminLeadCookie = await sessionCookieFor(adminLead.user.id);
    const target = await createUser();
    expect((await personPost(target.person.id, { intent: "roles", roles: ["employee", "auditor"], reauthPassword: TEST_PASSWORD }, adminLeadCookie)).status).toBe(302);
    const forTarget = await db.roleGrantRequest.findFirstOrThrow({ where: { userId: target.user.id, status: "PENDING" } });
    const own = await decide(forTarget.id, "approve", adminLeadCookie);
    expect(own.status).toBe(400);
    expect(((await own.json()) as Failure).formError).toBe("grantOwnRequest");

    // A lead cannot approve a grant to themselves.
    expect((await personPost(leadEn.person.id, { intent: "roles", roles: ["employee", "compliance_lead", "auditor"], reauthPassword: TEST_PASSWORD })).status).toBe(302);
    const forLead = await db.roleGrantRequest.findFirstOrThrow({ where: { userId: leadEn.user.id, status: "PENDING" } });
    const toSelf = await decide(forLead.id, "approve", leadEnCookie);
    expect(((await toSelf.json()) as Failure).formError).toBe("grantToSelf");
    expect(await roleKeys(leadEn.user.id)).not.toContain("auditor");

    // An administrator (not a lead) cannot decide at all.
    expect((await decide(forTarget.id, "approve", adminCookie)).status).toBe(403);
    expect((await callLoader(requestsLoader, "/role-requests", { cookie: adminCookie })).status).toBe(403);

    // Another lead approves: the role is granted, audited, and every lead is mailed.
    const since = new Date();
    const ok = await decide(forTarget.id, "approve", leadZhCookie);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/role-requests?done=approved");
    expect(await roleKeys(target.user.id)).toEqual(["auditor", "employee"]);
    const granted = await db.auditEvent.findFirstOrThrow({ where: { action: "user.role.granted", objectId: target.user.id } });
    expect(granted.actorUserId).toBe(leadZh.user.id);
    expect(JSON.parse(granted.details)).toMatchObject({ role: "auditor", requestedBy: adminLead.user.id });
    const mails = await mailSince(since, "roleGranted");
    expect(mails.map((m) => m.toAddress).sort()).toEqual([adminLead.user.email, ...leads()].sort());
    expect(mails.find((m) => m.toAddress === leadEn.user.email)!.locale).toBe("en");
    expect(mails.find((m) => m.toAddress === leadZh.user.email)!.textBody).toContain("审计人员");

    // Decided once: a second click changes nothing.
    expect(((await (await decide(forTarget.id, "approve", leadEnCookie)).json()) as Failure).formError).toBe("grantDecided");

    // Taking the role away is immediate, and every lead is mailed.
    const removedSince = new Date();
    expect((await personPost(target.person.id, { intent: "roles", roles: ["employee"], reauthPassword: TEST_PASSWORD })).status).toBe(302);
    expect(await roleKeys(target.user.id)).toEqual(["employee"]);
    const removed = await mailSince(removedSince, "roleRemoved");
    expect(removed.map((m) => m.toAddress).sort()).toEqual([adminLead.user.email, ...leads()].sort());
  });

  it("a lead can reject; an administrator can withdraw by unticking", async () => {
    const target = await createUser();
    await personPost(target.person.id, { intent: "roles", roles: ["employee", "investigator"], reauthPassword: TEST_PASSWORD });
    const request = await db.roleGrantRequest.findFirstOrThrow({ where: { userId: target.user.id, status: "PENDING" } });
    expect((await decide(request.id, "reject", leadEnCookie)).status).toBe(302);
    expect(await roleKeys(target.user.id)).toEqual(["employee"]);
    expect(await db.auditEvent.count({ where: { action: "user.role.rejected", objectId: target.user.id } })).toBe(1);

    await personPost(target.person.id, { intent: "roles", roles: ["employee", "investigator"], reauthPassword: TEST_PASSWORD });
    await personPost(target.person.id, { intent: "roles", roles: ["employee"], reauthPassword: TEST_PASSWORD });
    expect(await db.roleGrantRequest.count({ where: { userId: target.user.id, status: "PENDING" } })).toBe(0);
    expect(await db.roleGrantRequest.count({ where: { userId: target.user.id, status: "WITHDRAWN" } })).toBe(1);
  });
});

describe("dangerous account actions ask for the password again", () => {
  it("a wrong password changes nothing, says so beside the field, and keeps the ticked roles", async () => {
    const target = await createUser({ roles: ["investigator"] });
    const res = await personPost(target.person.id, { intent: "roles", roles: ["employee", "admin"], reauthPassword: "not my password" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Failure;
    expect(body.fieldErrors).toEqual({ reauthPassword: "reauthWrong" });
    expect(body.roles).toEqual(["employee", "admin"]);
    expect(body.values.reauthPassword).toBeUndefined();
    expect(await roleKeys(target.user.id)).toEqual(["employee", "investigator"]);

    const missing = await personPost(target.person.id, { intent: "disableAccount" });
    expect(((await missing.json()) as Failure).fieldErrors).toEqual({ reauthPassword: "reauthWrong" });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).status).toBe("ACTIVE");
    expect((await personPost(target.person.id, { intent: "disableAccount", reauthPassword: TEST_PASSWORD })).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).status).toBe("DISABLED");
  });

  it("organisation settings need the password; what was typed is kept", async () => {
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) if (typeof value !== "boolean") fields[key] = String(value);
    fields["org.nameEn"] = "Renamed Group";
    const wrong = await callAction(settingsAction, "/admin/settings", { ...fields, reauthPassword: "nope" }, { cookie: adminCookie });
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as Failure;
    expect(body.fieldErrors).toEqual({ reauthPassword: "reauthWrong" });
    expect(body.values["org.nameEn"]).toBe("Renamed Group");
    expect(await db.setting.count({ where: { key: "org.nameEn", value: JSON.stringify("Renamed Group") } })).toBe(0);
  });

  it("wrong passwords count against the sign-in throttle of the account", async () => {
    const actor = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
    const actorCookie = await sessionCookieFor(actor.user.id);
    const target = await createUser();
    const limit = SETTING_DEFAULTS["auth.loginMaxFailuresPerAccount"];
    let last: Failure | null = null;
    for (let i = 0; i < limit; i += 1) {
      last = (await (await personPost(target.person.id, { intent: "disableAccount", reauthPassword: `wrong ${i}` }, actorCookie)).json()) as Failure;
    }
    expect(last!.fieldErrors).toEqual({ reauthPassword: "reauthThrottled" });
    // Even the right password is refused now, and so is signing in.
    const right = (await (await personPost(target.person.id, { intent: "disableAccount", reauthPassword: TEST_PASSWORD }, actorCookie)).json()) as Failure;
    expect(right.fieldErrors).toEqual({ reauthPassword: "reauthThrottled" });
    expect((await attemptLogin({ email: actor.user.email, password: TEST_PASSWORD })).kind).toBe("throttled");
  });
});

describe("the first compliance lead is set at installation", () => {
  it("the bootstrap gives the role when no active lead exists, and refuses once one does", async () => {
    // This file's leads exist: the bootstrap refuses.
    await expect(bootstrapAccount({ role: "compliance_lead", email: "second.lead@example.test" })).rejects.toBeInstanceOf(BootstrapError);
    expect(await db.user.count({ where: { email: "second.lead@example.test" } })).toBe(0);

    await db.user.updateMany({ where: { roles: { some: { role: { key: "compliance_lead" } } } }, data: { status: "DISABLED" } });
    try {
      const result = await bootstrapAccount({ role: "compliance_lead", email: "First.Lead@Example.TEST", nameEn: "First Lead", locale: "en" });
      expect(result.created).toBe(true);
      expect(result.link).toMatch(/\/reset-password\//);
      expect(await roleKeys(result.userId)).toEqual(["compliance_lead", "employee"]);
      expect(await db.outboxEmail.count({ where: { toAddress: "first.lead@example.test", template: "accountInvitation", locale: "en" } })).toBe(1);
      expect(await db.auditEvent.count({ where: { action: "installation.bootstrap", objectId: result.userId } })).toBe(1);
      await expect(bootstrapAccount({ role: "compliance_lead", email: "third.lead@example.test" })).rejects.toMatchObject({ code: "alreadyHeld" });
    } finally {
      await db.user.updateMany({ where: { id: { in: [leadEn.user.id, leadZh.user.id] } }, data: { status: "ACTIVE" } });
    }
  });
});
