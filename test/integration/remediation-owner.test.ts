// Choosing people by name: a remediation action's owner is found in the directory by
// name or employee number in any case ("e00034" finds E00034) and chosen from the matches; a due
// date already past is refused with a clear message unless confirmed; the owner is told, content-free
// (never a disabled account, never someone excluded from the case; a link only when they can open
// it). The assignment form finds handlers the same way and shows each one's role.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { action as caseAction } from "~/routes/cases.$id.remediation/route";
import { loader as peopleLoader } from "~/routes/cases.$id.people/route";
import { getMessages } from "~/i18n/messages";
import { createPerson, createUser } from "../factories/people";
import { createHandler, fileReport, type TestHandler } from "../factories/cases";
import { callAction, callLoader } from "../factories/requests";

const en = getMessages("en");

type Answer = { fieldErrors: Record<string, string>; values: Record<string, string>; owners: { id: string; employeeNumber: string }[] | null };

async function post(reportId: string, fields: Record<string, string>, cookie: string) {
  const res = await callAction(caseAction, `/cases/${reportId}/remediation`, fields, { cookie, params: { id: reportId } });
  return { status: res.status, location: res.headers.get("Location"), body: res.status === 302 ? null : ((await res.json()) as Answer) };
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let lead: TestHandler;
let owner: Awaited<ReturnType<typeof createPerson>>;

beforeAll(async () => {
  lead = await createHandler("compliance_lead", { locale: "en" });
  owner = await createPerson({ employeeNumber: "E00034", nameZh: "欧阳明月", nameEn: "Mingyue Ouyang" });
  const gone = await createPerson({ employeeNumber: "E00035", nameZh: "欧阳离职", nameEn: "Left Ouyang" });
  await db.person.update({ where: { id: gone.id }, data: { status: "INACTIVE" } });
});

describe("the remediation owner picker", () => {
  it("finds the owner by name or employee number in any case, offers only active people, and keeps what was typed", async () => {
    const reportId = await fileReport();
    for (const query of ["e00034", "E00034", "ouyang MINGYUE", "欧阳明"]) {
      const found = await post(reportId, { intent: "findOwner", title: "Retrain buyers", ownerQuery: query, dueDate: inDays(30) }, lead.cookie);
      expect(found.status, query).toBe(200);
      expect(found.body!.owners!.map((o) => o.employeeNumber), query).toEqual(["E00034"]);
      expect(found.body!.values).toMatchObject({ title: "Retrain buyers", ownerQuery: query });
    }
    const nobody = await post(reportId, { intent: "findOwner", title: "x", ownerQuery: "left ouyang", dueDate: "" }, lead.cookie);
    expect(nobody.body!.owners).toEqual([]);

    // Adding without choosing: a clear error, the matches offered again, nothing saved.
    const unchosen = await post(reportId, { intent: "add", title: "Retrain buyers", ownerQuery: "e00034", ownerPersonId: "", dueDate: inDays(30) }, lead.cookie);
    expect(unchosen.status).toBe(400);
    expect(unchosen.body!.fieldErrors).toEqual({ ownerPersonId: "ownerRequired" });
    expect(unchosen.body!.owners!.map((o) => o.id)).toEqual([owner.id]);
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(0);

    const added = await post(reportId, { intent: "add", title: "Retrain buyers", ownerQuery: "e00034", ownerPersonId: owner.id, dueDate: inDays(30) }, lead.cookie);
    expect(added.status).toBe(302);
    expect(await db.remediationAction.findFirstOrThrow({ where: { reportId } })).toMatchObject({ ownerPersonId: owner.id, title: "Retrain buyers" });
  });

  it("refuses a due date already past unless it is confirmed, keeping everything typed", async () => {
    const reportId = await fileReport();
    const fields = { intent: "add", title: "Declare interests", ownerQuery: "E00034", ownerPersonId: owner.id, dueDate: inDays(-3) };
    const warned = await post(reportId, fields, lead.cookie);
    expect(warned.status).toBe(400);
    expect(warned.body!.fieldErrors).toEqual({ dueDate: "pastDue" });
    expect(warned.body!.values).toMatchObject({ title: "Declare interests", ownerPersonId: owner.id, dueDate: inDays(-3) });
    // The chosen owner is still offered, still chosen.
    expect(warned.body!.owners!.map((o) => o.id)).toEqual([owner.id]);
    expect(en.remediation.errors.pastDue).toMatch(/past/);
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(0);

    const confirmed = await post(reportId, { ...fields, confirmPastDue: "on" }, lead.cookie);
    expect(confirmed.status).toBe(302);
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(1);
    // Today is not in the past.
    const today = await post(reportId, { ...fields, dueDate: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()) }, lead.cookie);
    expect(today.status).toBe(302);
  });
});

describe("the owner is told", () => {
  const mailsTo = (email: string) => db.outboxEmail.findMany({ where: { toAddress: email, template: "remediationOwner" } });

  it("with the action's link when they can open the case, without one when they cannot; never disabled or excluded accounts", async () => {
    const reportId = await fileReport();
    const leadOwner = await createHandler("compliance_lead", { locale: "en" });
    const employee = await createUser({ locale: "zh_CN" });
    const disabled = await createUser({ locale: "en" });
    await db.user.update({ where: { id: disabled.user.id }, data: { status: "DISABLED" } });
    const excluded = await createUser({ roles: ["compliance_lead"], locale: "en" });
    await db.caseExclusion.create({ data: { reportId, userId: excluded.user.id, reason: "INVOLVED" } });
    const noAccount = await createPerson();

    const add = (personId: string, title: string) =>
      post(reportId, { intent: "add", title, ownerQuery: "x", ownerPersonId: personId, dueDate: "2031-03-15" }, lead.cookie);
    for (const [personId, title] of [
      [leadOwner.personId, "Review approvals"],
      [employee.person.id, "Attend gift-rules training"],
      [disabled.person.id, "Nothing"],
      [excluded.person.id, "Nothing either"],
      [noAccount.id, "No account"],
    ] as const) {
      expect((await add(personId, title)).status).toBe(302);
    }

    const [toLead] = await mailsTo(leadOwner.email);
    const action = await db.remediationAction.findFirstOrThrow({ where: { reportId, ownerPersonId: leadOwner.personId } });
    expect(toLead).toMatchObject({ locale: "en", subject: en.mail.remediationOwner.subject });
    expect(toLead.textBody).toContain("2031-03-15");
    expect(toLead.textBody).toContain(`/cases/${reportId}/remediation#action-${action.id}`);
    expect(toLead.textBody).not.toContain("Review approvals");

    const [toEmployee] = await mailsTo(employee.user.email);
    expect(toEmployee).toMatchObject({ locale: "zh_CN", subject: getMessages("zh-CN").mail.remediationOwner.subject });
    expect(toEmployee.textBody).not.toContain("/cases/");
    expect(toEmployee.textBody).not.toContain("Attend gift-rules training");

    expect(await mailsTo(disabled.user.email)).toEqual([]);
    expect(await mailsTo(excluded.user.email)).toEqual([]);
    expect(await db.outboxEmail.count({ where: { template: "remediationOwner", toAddress: noAccount.email ?? "" } })).toBe(0);
  });
});

describe("the assignment picker", () => {
  it("finds handlers by name or employee number in any case and shows each one's role", async () => {
    const reportId = await fileReport();
    const investigator = await createHandler("investigator", { locale: "en" });
    await createHandler("compliance_lead", { locale: "en" });
    const number = investigator.employeeNumber;
    const load = async (query: string) => {
      const res = await callLoader(peopleLoader, `/cases/${reportId}/people${query}`, { cookie: lead.cookie, params: { id: reportId } });
      return (await res.json()) as { assignable: { userId: string; employeeNumber: string | null; roles: string[] }[] };
    };
    const everyone = await load("");
    expect(everyone.assignable.find((h) => h.userId === investigator.id)).toMatchObject({ employeeNumber: number, roles: ["investigator"] });
    expect(everyone.assignable.find((h) => h.userId === lead.id)).toMatchObject({ roles: ["compliance_lead"] });
    const found = await load(`?hq=${encodeURIComponent(number.toLowerCase())}`);
    expect(found.assignable.map((h) => h.userId)).toEqual([investigator.id]);
    const byName = await load(`?hq=${encodeURIComponent(investigator.nameEn.toUpperCase())}`);
    expect(byName.assignable.map((h) => h.userId)).toEqual([investigator.id]);
  });
});
