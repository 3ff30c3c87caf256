// The auditors' audit log: newest first with the actors' names, filters (action prefix, object,
// actor, days in the organisation's time zone), pagination, the chain check, and who may see it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { appendAuditEvent, type AuditEntry } from "~/modules/audit/audit.server";
import { putSetting } from "~/modules/settings/settings.server";
import { dateInZone } from "~/modules/time/dates";
import { PAGE_SIZE } from "~/modules/http/pagination";
import { action, loader } from "~/routes/audit.log/route";
import { createUser } from "../factories/people";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

type Row = {
  seq: number;
  action: string;
  actorKind: string;
  objectType: string;
  objectId: string | null;
  actor: { email: string; nameZh: string | null; nameEn: string | null } | null;
};
type LogData = { rows: Row[]; total: number; pages: number; fieldErrors: Record<string, string>; values: Record<string, string> };

const append = (entry: AuditEntry) => db.$transaction((tx) => appendAuditEvent(tx, entry));
let auditorCookie: string;
let actor: Awaited<ReturnType<typeof createUser>>;
let auditorId: string;

async function view(query: Record<string, string> = {}, cookie = auditorCookie) {
  const qs = new URLSearchParams(query).toString();
  const res = await callLoader(loader, `/audit/log${qs ? `?${qs}` : ""}`, { cookie });
  return { res, data: res.status === 200 ? ((await res.json()) as LogData) : null };
}

beforeAll(async () => {
  const auditor = await createUser({ roles: ["auditor"], totpSecretSealed: "enrolled" });
  auditorId = auditor.user.id;
  auditorCookie = await sessionCookieFor(auditorId);
  actor = await createUser({ roles: ["admin"], email: `log-actor-${Date.now()}@example.test` });
  const other = await createUser();
  const user = (u: typeof actor) => ({ kind: "USER" as const, userId: u.user.id });
  await append({ actor: user(actor), action: "person.create", objectType: "Person", objectId: "p-1" });
  await append({ actor: user(actor), action: "person.update", objectType: "Person", objectId: "p-1", details: { fields: ["email"] } });
  await append({ actor: user(other), action: "person.update", objectType: "Person", objectId: "p-2" });
  await append({ actor: { kind: "SYSTEM" }, action: "people.import", objectType: "Import", objectId: "i-1" });
  await append({ actor: { kind: "REPORTER" }, action: "report.create", objectType: "Report", objectId: "r-1" });
  await append({ actor: user(actor), action: "department.create", objectType: "Department", objectId: "d-1" });
});

describe("/audit/log", () => {
  it("shows events newest first with the actor's name and email", async () => {
    const { data } = await view();
    const head = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastSeq;
    expect(data!.total).toBe(head);
    expect(data!.rows.map((r) => r.seq)).toEqual(Array.from({ length: Math.min(head, PAGE_SIZE) }, (_, i) => head - i));
    const [dept, report, system] = data!.rows;
    expect(dept).toMatchObject({ action: "department.create", actorKind: "USER" });
    expect(dept.actor).toEqual({ email: actor.user.email, nameZh: actor.person.nameZh, nameEn: actor.person.nameEn });
    expect(report).toMatchObject({ action: "report.create", actorKind: "REPORTER", actor: null });
    expect(system).toMatchObject({ action: "people.import", actorKind: "SYSTEM", actor: null });
  });

  it("filters by action prefix, object and actor", async () => {
    const actions = async (q: Record<string, string>) => (await view(q)).data!.rows.map((r) => `${r.action}:${r.objectId}`);
    expect(await actions({ action: "person." })).toEqual(["person.update:p-2", "person.update:p-1", "person.create:p-1"]);
    // A prefix, not a substring: "people.import" is not a "person." event, nor is "department.create" an "art" one.
    expect(await actions({ action: "people" })).toEqual(["people.import:i-1"]);
    expect(await actions({ action: "art" })).toEqual([]);
    expect(await actions({ objectType: "Person", objectId: "p-1" })).toEqual(["person.update:p-1", "person.create:p-1"]);
    // The actor's email as typed (case does not matter), combined with another filter.
    expect(await actions({ actor: actor.user.email.toUpperCase(), action: "person." })).toEqual(["person.update:p-1", "person.create:p-1"]);
    expect(await actions({ actor: "nobody@example.test" })).toEqual([]);
  });

  it("reads dates as days in the organisation's time zone", async () => {
    const now = new Date();
    // UTC+14 and UTC−11: "today" differs in the two zones at every moment of the day.
    const east = "Pacific/Kiritimati";
    const west = "Pacific/Pago_Pago";
    for (const [zone, otherZone] of [
      [east, west],
      [west, east],
    ]) {
      await db.$transaction((tx) => putSetting(tx, { key: "org.timeZone", value: zone, actorUserId: null }));
      const today = dateInZone(now, zone);
      const elsewhere = dateInZone(now, otherZone);
      expect(today).not.toBe(elsewhere);
      const inZone = (await view({ from: today, to: today, objectId: "d-1" })).data!;
      expect(inZone.rows.map((r) => r.objectId), zone).toEqual(["d-1"]);
      const otherDay = (await view({ from: elsewhere, to: elsewhere, objectId: "d-1" })).data!;
      expect(otherDay.rows, `${zone}: ${elsewhere} is not today there`).toEqual([]);
      // Open-ended ranges.
      expect((await view({ from: today, objectId: "d-1" })).data!.total).toBe(1);
      expect((await view({ to: today, objectId: "d-1" })).data!.total).toBe(1);
    }
    await db.$transaction((tx) => putSetting(tx, { key: "org.timeZone", value: "Asia/Shanghai", actorUserId: null }));
  });

  it("explains filters it cannot apply and lists nothing for them", async () => {
    const { res, data } = await view({ from: "2026-02-30", actor: "not-an-email", action: "person." });
    expect(res.status).toBe(200);
    expect(data!.fieldErrors).toEqual({ from: "date", actor: "email" });
    expect(data!.rows).toEqual([]);
    // What was typed comes back to the form.
    expect(data!.values).toMatchObject({ from: "2026-02-30", actor: "not-an-email", action: "person." });
  });

  it("pages through a long log", async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) await append({ actor: { kind: "SYSTEM" }, action: "test.bulk", objectType: "Test", objectId: `b-${i}` });
    const first = (await view({ action: "test.bulk" })).data!;
    expect(first.total).toBe(PAGE_SIZE + 3);
    expect(first.pages).toBe(2);
    expect(first.rows[0].objectId).toBe(`b-${PAGE_SIZE + 2}`);
    const second = (await view({ action: "test.bulk", page: "2" })).data!;
    expect(second.rows.map((r) => r.objectId)).toEqual(["b-2", "b-1", "b-0"]);
  });

  it("checks the chain for an auditor, records the check, and reports where it breaks", async () => {
    const check = async () => {
      const res = await callAction(action, "/audit/log", { intent: "verify" }, { cookie: auditorCookie });
      expect(res.status).toBe(200);
      return ((await res.json()) as { verification: { ok: boolean; lastSeq?: number; seq?: number; reason?: string } }).verification;
    };
    const head = (await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).lastSeq;
    expect(await check()).toEqual({ ok: true, count: head, lastSeq: head });
    const recorded = await db.auditEvent.findFirstOrThrow({ where: { action: "audit.verify" }, orderBy: { seq: "desc" } });
    expect(recorded).toMatchObject({ seq: head + 1, actorUserId: auditorId });
    expect(JSON.parse(recorded.details)).toEqual({ ok: true, count: head });

    await db.$executeRaw`UPDATE "AuditEvent" SET "objectId" = ${"p-999"} WHERE "seq" = ${3}`;
    expect(await check()).toMatchObject({ ok: false, seq: 3, reason: "hash" });
  });

  it("refuses administrators, compliance leads and employees", async () => {
    for (const roles of [["admin"], ["compliance_lead"], []] as const) {
      const { user } = await createUser({ roles: [...roles], totpSecretSealed: "enrolled" });
      const cookie = await sessionCookieFor(user.id);
      expect((await view({}, cookie)).res.status).toBe(403);
      const post = await callAction(action, "/audit/log", { intent: "verify" }, { cookie });
      expect(post.status).toBe(403);
    }
  });
});
