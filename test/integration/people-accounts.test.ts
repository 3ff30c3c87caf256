// Accounts on the person page: creation with an invitation in the person's language, roles,
// disabling, and the administrator lock-out rules.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { getAuthState } from "~/modules/auth/session.server";
import { resetLinkState } from "~/modules/auth/password-reset.server";
import { action as personAction } from "~/routes/admin.people.$id/route";
import { createPerson, createUser, TEST_PASSWORD } from "../factories/people";
import { callAction, getRequest, sessionCookieFor } from "../factories/requests";

let admin: { id: string; personId: string | null };
let cookie: string;

beforeAll(async () => {
  const created = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  admin = created.user;
  cookie = await sessionCookieFor(admin.id);
});

// Role changes, disabling and second-factor resets ask for the administrator's password again.
const post = (personId: string, fields: Record<string, string | string[]>, as = cookie) =>
  callAction(personAction, `/admin/people/${personId}`, { reauthPassword: TEST_PASSWORD, ...fields }, { cookie: as, params: { id: personId } });

const roleKeys = async (userId: string) =>
  (await db.userRole.findMany({ where: { userId }, select: { role: { select: { key: true } } } })).map((r) => r.role.key).sort();

describe("accounts", () => {
  it("creates an account with the chosen roles and queues one invitation in the person's language", async () => {
    const person = await createPerson({ nameZh: "黄蓉", nameEn: "Rong Huang", locale: "en" });
    const res = await post(person.id, { intent: "createAccount", email: "  Rong.Huang@Example.TEST ", roles: ["employee", "investigator"] });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/people/${person.id}?done=accountCreated`);

    const user = await db.user.findUniqueOrThrow({ where: { personId: person.id } });
    expect(user.email).toBe("rong.huang@example.test");
    expect(user.passwordHash).toBeNull();
    // Investigators read case content: that role waits for a compliance lead's approval (ADR 0014).
    expect(await roleKeys(user.id)).toEqual(["employee"]);
    expect(await db.roleGrantRequest.findMany({ where: { userId: user.id }, select: { roleKey: true, status: true } })).toEqual([
      { roleKey: "investigator", status: "PENDING" },
    ]);

    const mail = await db.outboxEmail.findMany({ where: { toAddress: "rong.huang@example.test" } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: "accountInvitation", locale: "en", status: "QUEUED" });
    expect(mail[0].subject).toBe("Your Sunline account");
    expect(mail[0].textBody).toContain("Rong Huang");
    // The emailed link is a live set-password link for this account.
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail[0].textBody)?.[1];
    expect(token).toBeTruthy();
    expect(await resetLinkState(token!)).toBe("valid");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.create", objectId: user.id } });
    expect(JSON.parse(audit.details)).toEqual({ personId: person.id, roles: ["employee"] });
    expect(audit.details).not.toContain("rong.huang");
  });

  it("writes the invitation in Chinese to a zh-CN person", async () => {
    const person = await createPerson({ nameZh: "郭靖", nameEn: "Jing Guo", locale: "zh_CN" });
    expect((await post(person.id, { intent: "createAccount", email: `guo.jing.${Date.now()}@example.test`, roles: "employee" })).status).toBe(302);
    const user = await db.user.findUniqueOrThrow({ where: { personId: person.id } });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { toAddress: user.email } });
    expect(mail.locale).toBe("zh_CN");
    expect(mail.textBody).toContain("郭靖");
  });

  it("refuses a taken email or no role, keeping what was typed, and writes nothing", async () => {
    const { user: other } = await createUser();
    const person = await createPerson();
    const outboxBefore = await db.outboxEmail.count();
    const taken = await post(person.id, { intent: "createAccount", email: other.email.toUpperCase(), roles: ["employee", "auditor"] });
    expect(taken.status).toBe(400);
    const body = (await taken.json()) as { fieldErrors: Record<string, string>; values: Record<string, string>; roles: string[] };
    expect(body.fieldErrors).toEqual({ accountEmail: "accountEmailTaken" });
    expect(body.values.email).toBe(other.email.toUpperCase());
    expect(body.roles).toEqual(["employee", "auditor"]);

    const noRole = await post(person.id, { intent: "createAccount", email: "fresh@example.test" });
    expect(((await noRole.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ roles: "rolesRequired" });
    expect(await db.user.count({ where: { personId: person.id } })).toBe(0);
    expect(await db.outboxEmail.count()).toBe(outboxBefore);
  });

  it("changes roles with an audit event naming what was added and removed", async () => {
    const { user, person } = await createUser({ roles: ["investigator"] });
    const res = await post(person.id, { intent: "roles", roles: ["employee", "admin"] });
    expect(res.status).toBe(302);
    expect(await roleKeys(user.id)).toEqual(["admin", "employee"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.roles.change", objectId: user.id } });
    expect(JSON.parse(audit.details)).toEqual({ added: ["admin"], removed: ["investigator"] });
  });

  it("an administrator cannot remove their own admin role", async () => {
    const res = await post(admin.personId!, { intent: "roles", roles: ["employee"] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ roles: "selfAdminRemoval" });
    expect(await roleKeys(admin.id)).toContain("admin");
  });

  it("disabling an account ends its sessions; enabling lets it sign in again", async () => {
    const { user, person } = await createUser();
    const theirCookie = await sessionCookieFor(user.id);
    expect((await post(person.id, { intent: "disableAccount" })).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("DISABLED");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getAuthState(getRequest("/", theirCookie))).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "user.disable", objectId: user.id } })).toBe(1);

    expect((await post(person.id, { intent: "enableAccount" })).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("ACTIVE");
  });

  it("an administrator cannot disable their own account", async () => {
    const res = await post(admin.personId!, { intent: "disableAccount" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { formError: string }).formError).toBe("selfDisable");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe("ACTIVE");
  });
});
