// The administrator's questions per category and a handler's intake: an
// administrator adds text, choice and date questions without code (audited); the report form asks the
// chosen category's active questions, enforces only those, refuses a wrong choice or date keeping what
// was typed, and seals the answers with the report; a retired question is no longer asked. An
// investigator records a phone report in the same form and gets the receipt to read back.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";
import { parseReceipt } from "~/modules/hotline/receipt";
import { questionsForAnswers } from "~/modules/hotline/questions.server";
import { answerText } from "~/modules/hotline/questions";
import { verifyReceiptSecret } from "~/modules/hotline/receipt.server";
import * as listRoute from "~/routes/admin.questions._index/route";
import * as newRoute from "~/routes/admin.questions.new/route";
import * as editRoute from "~/routes/admin.questions.$id/route";
import * as reportRoute from "~/routes/report._index/route";
import * as intakeRoute from "~/routes/cases.new/route";
import { createHandler, readReportAs, type TestHandler } from "../factories/cases";
import { getRequest, postRequest, settle } from "../factories/requests";

type FormQuestion = { id: string; category: string; kind: string; labelZh: string; labelEn: string; required: boolean; choices: { value: string }[] };
type Acted =
  | { state: "created"; receipt: string; reference: string; intake?: { caseId: string | null } }
  | { state: "duplicate"; reference: string; intake?: { caseId: string | null } }
  | { state: "error"; formError: string; fieldErrors: Record<string, string>; values: { extra: Record<string, string>; channel: string; answers: Record<string, string> } };

let admin: TestHandler;
let investigator: TestHandler;
let lead: TestHandler;
const ids: Record<"text" | "choice" | "date" | "otherRequired", string> = { text: "", choice: "", date: "", otherRequired: "" };

async function createQuestion(fields: Record<string, string>) {
  const res = await settle(() => newRoute.action({ request: postRequest("/admin/questions/new", fields, admin.cookie), params: {}, context: {} }));
  expect(res.status, await res.clone().text()).toBe(302);
  const id = /\/admin\/questions\/([^?]+)\?done=created$/.exec(res.headers.get("Location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function reportForm() {
  const res = (await reportRoute.loader({ request: getRequest("/report"), params: {}, context: {} })) as Response;
  return (await res.json()) as { questions: FormQuestion[]; submissionKey: string };
}

async function postReport(fields: Record<string, string | string[]>) {
  const res = (await reportRoute.action({ request: postRequest("/report", fields), params: {}, context: {} })) as Response;
  return { status: res.status, body: (await res.json()) as Acted };
}

beforeAll(async () => {
  admin = await createHandler("admin");
  investigator = await createHandler("investigator");
  lead = await createHandler("compliance_lead");
  ids.text = await createQuestion({ category: "GIFTS", kind: "TEXT", labelZh: "礼品价值多少？", labelEn: "What was the gift worth?", helpZh: "", helpEn: "", required: "on", choices: "" });
  ids.choice = await createQuestion({
    category: "GIFTS",
    kind: "CHOICE",
    labelZh: "礼品形式",
    labelEn: "Kind of gift",
    required: "",
    choices: "cash | 现金 | Cash\ntrip | 旅游 | Trip\n购物卡 | Gift card",
  });
  ids.date = await createQuestion({ category: "GIFTS", kind: "DATE", labelZh: "收到日期", labelEn: "Date received", choices: "" });
  ids.otherRequired = await createQuestion({ category: "OTHER", kind: "TEXT", labelZh: "其他问题", labelEn: "Another question", required: "on" });
});

describe("questions per category", () => {
  it("stores the administrator's questions with their options, in order, each creation audited with the administrator as actor", async () => {
    const rows = await db.categoryQuestion.findMany({ where: { category: "GIFTS" }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.id, r.kind, r.required, r.position])).toEqual([
      [ids.text, "TEXT", true, 0],
      [ids.choice, "CHOICE", false, 1],
      [ids.date, "DATE", false, 2],
    ]);
    expect(JSON.parse(rows[1].choices)).toEqual([
      { value: "cash", zh: "现金", en: "Cash" },
      { value: "trip", zh: "旅游", en: "Trip" },
      { value: "Gift card", zh: "购物卡", en: "Gift card" },
    ]);
    const events = await db.auditEvent.findMany({ where: { action: "question.create", objectId: { in: Object.values(ids) } } });
    expect(events).toHaveLength(4);
    for (const e of events) expect(e).toMatchObject({ actorKind: "USER", actorUserId: admin.id, objectType: "CategoryQuestion" });
  });

  it("refuses badly written options and keeps what was typed", async () => {
    const fields = { category: "GIFTS", kind: "CHOICE", labelZh: "问", labelEn: "Q", choices: "a | 甲 | A\na | 乙 | B" };
    const before = await db.categoryQuestion.count();
    const res = await settle(() => newRoute.action({ request: postRequest("/admin/questions/new", fields, admin.cookie), params: {}, context: {} }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toEqual({ choices: "choicesDuplicate" });
    // (Form encoding sends the box's line breaks as CRLF; a textarea shows either the same.)
    expect({ ...body.values, choices: body.values.choices.replace(/\r\n/g, "\n") }).toMatchObject(fields);
    const oneLine = await settle(() => newRoute.action({ request: postRequest("/admin/questions/new", { ...fields, choices: "only one" }, admin.cookie), params: {}, context: {} }));
    expect(((await oneLine.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ choices: "choicesTooFew" });
    expect(await db.categoryQuestion.count()).toBe(before);
  });

  it("lists a category's questions for the administrator", async () => {
    const res = await settle(() => listRoute.loader({ request: getRequest("/admin/questions?category=GIFTS", admin.cookie), params: {}, context: {} }));
    const data = (await res.json()) as { rows: { id: string }[]; counts: Record<string, { active: number }> };
    expect(data.rows.map((r) => r.id)).toEqual([ids.text, ids.choice, ids.date]);
    expect(data.counts.GIFTS.active).toBe(3);
    expect(data.counts.OTHER.active).toBe(1);
  });

  it("shows every category's active questions on the form, each with its category", async () => {
    const { questions } = await reportForm();
    expect(questions.map((q) => [q.id, q.category])).toEqual(
      expect.arrayContaining([
        [ids.text, "GIFTS"],
        [ids.choice, "GIFTS"],
        [ids.date, "GIFTS"],
        [ids.otherRequired, "OTHER"],
      ]),
    );
    expect(questions.find((q) => q.id === ids.choice)!.choices.map((c) => c.value)).toEqual(["cash", "trip", "Gift card"]);
  });

  it("enforces the chosen category's questions only, and refuses a wrong choice or date keeping what was typed", async () => {
    const { submissionKey } = await reportForm();
    const before = await db.report.count();
    const typed = {
      category: "GIFTS",
      whatHappened: "供应商送礼",
      [`q_${ids.text}`]: "   ",
      [`q_${ids.choice}`]: "gold",
      [`q_${ids.date}`]: "2026-02-30",
      // Another category's required question, left empty: not asked for a gift report.
      [`q_${ids.otherRequired}`]: "",
      submissionKey,
    };
    const { status, body } = await postReport(typed);
    expect(status).toBe(400);
    if (body.state !== "error") throw new Error(JSON.stringify(body));
    expect(body.fieldErrors).toEqual({ [`q_${ids.text}`]: "required", [`q_${ids.choice}`]: "choice", [`q_${ids.date}`]: "date" });
    expect(body.values.extra).toEqual({ [ids.text]: "   ", [ids.choice]: "gold", [ids.date]: "2026-02-30", [ids.otherRequired]: "" });
    expect(await db.report.count()).toBe(before);

    // The report's own errors come in the same answer.
    const both = await postReport({ ...typed, whatHappened: "" });
    if (both.body.state !== "error") throw new Error(JSON.stringify(both.body));
    expect(both.body.fieldErrors).toMatchObject({ "answers.whatHappened": "required", [`q_${ids.text}`]: "required" });

    // For the other category, its own required question is what is asked.
    const other = await postReport({ ...typed, category: "OTHER" });
    if (other.body.state !== "error") throw new Error(JSON.stringify(other.body));
    expect(other.body.fieldErrors).toEqual({ [`q_${ids.otherRequired}`]: "required" });
  });

  it("seals the answers with the report (not in the clear) and opens them back exactly", async () => {
    const { submissionKey } = await reportForm();
    const worth = "大约 5000 元的购物卡 🎁 <b>不是</b>\n第二行";
    const { status, body } = await postReport({
      category: "GIFTS",
      whatHappened: "供应商送礼",
      [`q_${ids.text}`]: worth.replace(/\n/g, "\r\n"),
      [`q_${ids.choice}`]: "Gift card",
      [`q_${ids.date}`]: "2024-02-29",
      [`q_${ids.otherRequired}`]: "not for this category",
      submissionKey,
    });
    expect(status).toBe(200);
    expect(body.state).toBe("created");
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect(row.sealedAnswers).not.toContain("Gift card");
    expect(row.sealedAnswers).not.toContain("2024-02-29");
    expect(row.sealedAnswers).not.toContain(ids.text);
    const { answers } = await readReportAs(lead, row.id);
    expect(answers.extra).toEqual({ [ids.text]: worth, [ids.choice]: "Gift card", [ids.date]: "2024-02-29" });
    // A reader gets the questions back by id, and a choice's label in their language.
    const asked = await questionsForAnswers(answers.extra);
    expect(asked.map((q) => [q.id, answerText(q, answers.extra![q.id], "zh-CN")])).toEqual([
      [ids.text, worth],
      [ids.choice, "购物卡"],
      [ids.date, "2024-02-29"],
    ]);
  });

  it("leaves `extra` out when no question was answered", async () => {
    const { submissionKey } = await reportForm();
    const { body } = await postReport({ category: "MISAPPROPRIATION", whatHappened: "x", submissionKey });
    expect(body.state).toBe("created");
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect((await readReportAs(lead, row.id)).answers).toEqual({ whatHappened: "x" });
  });

  it("edits, reorders and retires questions (audited); a retired question is no longer asked nor enforced", async () => {
    const edit = { category: "GIFTS", kind: "TEXT", labelZh: "礼品大约价值多少？", labelEn: "Roughly what was the gift worth?", required: "on", choices: "" };
    const saved = await settle(() => editRoute.action({ request: postRequest(`/admin/questions/${ids.text}`, { intent: "save", ...edit }, admin.cookie), params: { id: ids.text }, context: {} }));
    expect(saved.headers.get("Location")).toBe(`/admin/questions/${ids.text}?done=saved`);
    expect(await db.categoryQuestion.findUniqueOrThrow({ where: { id: ids.text } })).toMatchObject({ labelZh: edit.labelZh, labelEn: edit.labelEn });

    const moved = await settle(() => listRoute.action({ request: postRequest("/admin/questions", { intent: "down", id: ids.text, category: "GIFTS" }, admin.cookie), params: {}, context: {} }));
    expect(moved.headers.get("Location")).toBe("/admin/questions?category=GIFTS&done=moved");
    const order = await db.categoryQuestion.findMany({ where: { category: "GIFTS" }, orderBy: { position: "asc" }, select: { id: true } });
    expect(order.map((q) => q.id)).toEqual([ids.choice, ids.text, ids.date]);

    const retired = await settle(() => listRoute.action({ request: postRequest("/admin/questions", { intent: "retire", id: ids.text, category: "GIFTS" }, admin.cookie), params: {}, context: {} }));
    expect(retired.status).toBe(302);
    const { questions, submissionKey } = await reportForm();
    expect(questions.map((q) => q.id)).not.toContain(ids.text);
    const { body } = await postReport({ category: "GIFTS", whatHappened: "x", [`q_${ids.text}`]: "typed into a retired question", submissionKey });
    expect(body.state).toBe("created");
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect((await readReportAs(lead, row.id)).answers.extra).toBeUndefined();

    const updates = await db.auditEvent.findMany({ where: { action: "question.update", objectId: ids.text }, orderBy: { seq: "asc" } });
    expect(updates.map((e) => JSON.parse(e.details).change)).toEqual(["edit", "move", "retire"]);
    for (const e of updates) expect(e.actorUserId).toBe(admin.id);

    await settle(() => editRoute.action({ request: postRequest(`/admin/questions/${ids.text}`, { intent: "reactivate" }, admin.cookie), params: { id: ids.text }, context: {} }));
    expect((await reportForm()).questions.map((q) => q.id)).toContain(ids.text);
  });

  it("is for administrators only", async () => {
    const res = await settle(() => newRoute.action({ request: postRequest("/admin/questions/new", { category: "GIFTS", kind: "TEXT", labelZh: "x", labelEn: "x" }, investigator.cookie), params: {}, context: {} }));
    expect(res.status).toBe(403);
  });
});

describe("intake on someone's behalf", () => {
  async function intake(fields: Record<string, string>, cookie = investigator.cookie) {
    return settle(() => intakeRoute.action({ request: postRequest("/cases/new", fields, cookie), params: {}, context: {} }));
  }

  it("records a phone report by the investigator, with the receipt to read back", async () => {
    const res = await settle(() => intakeRoute.loader({ request: getRequest("/cases/new", investigator.cookie), params: {}, context: {} }));
    const { submissionKey, questions } = (await res.json()) as { submissionKey: string; questions: FormQuestion[] };
    expect(questions.map((q) => q.id)).toContain(ids.choice);

    // The channel is required, and everything typed comes back.
    const fields = { category: "OTHER", whatHappened: "来电：仓库夜间有人搬运货物", [`q_${ids.otherRequired}`]: "电话里说的", submissionKey };
    const missing = await intake(fields);
    expect(missing.status).toBe(400);
    const failed = (await missing.json()) as Acted;
    if (failed.state !== "error") throw new Error(JSON.stringify(failed));
    expect(failed.fieldErrors).toEqual({ channel: "choice" });
    expect(failed.values.answers.whatHappened).toBe(fields.whatHappened);
    expect(failed.values.extra[ids.otherRequired]).toBe("电话里说的");

    const ok = await intake({ ...fields, channel: "PHONE" });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Acted;
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    // Not assigned to the investigator (a lead assigns it), so no link to a case they cannot open.
    expect(body.intake).toEqual({ caseId: null });
    expect(row).toMatchObject({ channel: "PHONE", intakeByUserId: investigator.id, category: "OTHER" });
    const receipt = parseReceipt(body.receipt);
    if (!receipt.ok) throw new Error("receipt does not parse");
    expect(await verifyReceiptSecret(row.receiptHash, receipt.value.secret)).toBe(true);
    expect((await readReportAs(lead, row.id)).answers.extra).toEqual({ [ids.otherRequired]: "电话里说的" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "report.submit", objectId: row.id } });
    expect(audit).toMatchObject({ actorKind: "USER", actorUserId: investigator.id });
  });

  it("links a compliance lead's intake to the new case, which names the lead", async () => {
    const submissionKey = randomBytes(12).toString("hex");
    const res = await intake({ category: "OTHER", whatHappened: "来信", [`q_${ids.otherRequired}`]: "信件", channel: "LETTER", submissionKey }, lead.cookie);
    const body = (await res.json()) as Acted;
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect(body.intake).toEqual({ caseId: row.id });
    expect(row).toMatchObject({ channel: "LETTER", intakeByUserId: lead.id });
    // The same form posted again (a double click): one case, and the same result again.
    const again = (await (await intake({ category: "OTHER", whatHappened: "来信", [`q_${ids.otherRequired}`]: "信件", channel: "LETTER", submissionKey }, lead.cookie)).json()) as Acted;
    expect(again).toEqual(body);
    expect(await db.report.count({ where: { submissionKey: submissionKeyHash(submissionKey) } })).toBe(1);
  });

  it("refuses the web channel and unknown channels", async () => {
    for (const channel of ["WEB", "FAX"]) {
      const res = await intake({ category: "OTHER", whatHappened: "x", [`q_${ids.otherRequired}`]: "y", channel, submissionKey: randomBytes(12).toString("hex") });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ channel: "choice" });
    }
  });

  it("is not open to employees, auditors or administrators", async () => {
    for (const role of ["employee", "auditor", "admin"] as const) {
      const who = role === "admin" ? admin : await createHandler(role);
      const fields = { category: "OTHER", whatHappened: "x", channel: "PHONE", submissionKey: randomBytes(12).toString("hex") };
      expect((await intake(fields, who.cookie)).status, role).toBe(403);
      const load = await settle(() => intakeRoute.loader({ request: getRequest("/cases/new", who.cookie), params: {}, context: {} }));
      expect(load.status, role).toBe(403);
    }
  });
});
