// The reporter's form at /report: anyone can file a report without an account, the receipt
// comes back in the response (never a redirect) and opens the stored hash, what was typed is sealed and
// opens to exactly that, an error keeps every typed value, a double post makes one report, and the
// exclusions the reporter ticks are stored. No response sets a cookie.
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { db } from "~/modules/db/db.server";
import { expireSubmissionReceipts, submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";
import { parseReceipt } from "~/modules/hotline/receipt";
import { verifyReceiptSecret } from "~/modules/hotline/receipt.server";
import { SETTING_DEFAULTS } from "~/modules/settings/settings.server";
import { action, loader } from "~/routes/report._index/route";
import { createUser } from "../factories/people";
import { createHandler, readAttachmentAs, readReportAs, type TestHandler } from "../factories/cases";
import { getRequest, postRequest } from "../factories/requests";
import { databaseContains } from "../factories/database-search";

type Loaded = { handlers: { id: string; name: string }[]; submissionKey: string; title: string };
type Acted =
  | { state: "created"; receipt: string; reference: string }
  | { state: "duplicate"; reference: string }
  | {
      state: "error";
      formError: string;
      fieldErrors: Record<string, string>;
      attachmentError?: Record<string, string>;
      hadFiles: boolean;
      values: Record<string, unknown> & { answers: Record<string, string>; excluded: string[] };
    };

async function load(headers: Record<string, string> = {}) {
  const res = (await loader({ request: getRequest("/report", undefined, headers), params: {}, context: {} })) as Response;
  expect(res.headers.get("Set-Cookie")).toBeNull();
  return (await res.json()) as Loaded;
}

async function post(fields: Record<string, string | Array<string | Blob> | Blob>) {
  const res = (await action({ request: postRequest("/report", fields), params: {}, context: {} })) as Response;
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get("Set-Cookie")).toBeNull();
  expect(res.headers.get("Location")).toBeNull();
  return { status: res.status, body: (await res.json()) as Acted };
}

let lead: TestHandler;
let otherLead: { id: string };
let investigator: { id: string; name: string };
let auditor: { id: string };
let employee: { id: string };

beforeAll(async () => {
  lead = await createHandler("compliance_lead");
  otherLead = (await createUser({ roles: ["compliance_lead"] })).user;
  const inv = await createUser({ roles: ["investigator"] });
  investigator = { id: inv.user.id, name: inv.person.nameZh };
  auditor = (await createUser({ roles: ["auditor"] })).user;
  employee = (await createUser()).user;
});

describe("/report", () => {
  it("shows the form to anyone, with a fresh submission key and the handlers by name only", async () => {
    const first = await load({ "Accept-Language": "zh-CN" });
    const second = await load({ "Accept-Language": "zh-CN" });
    expect(first.submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(second.submissionKey).not.toBe(first.submissionKey);
    const ids = first.handlers.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining([lead.id, otherLead.id, investigator.id]));
    expect(ids).not.toContain(auditor.id);
    expect(ids).not.toContain(employee.id);
    expect(first.handlers.find((h) => h.id === investigator.id)).toEqual({ id: investigator.id, name: investigator.name });
    for (const h of first.handlers) expect(Object.keys(h).sort()).toEqual(["id", "name"]);
  });

  it("files a report and renders a receipt that opens the stored hash; the sealed answers are what was typed", async () => {
    const { submissionKey } = await load();
    const typed = {
      whatHappened: "采购经理收受供应商的礼金 🎁 <script>alert(1)</script>\n第二行",
      when: "2026年10月",
      where: "上海办公室",
      involved: "王某（采购部）",
      howKnown: "亲眼所见",
      othersAware: "",
    };
    const { status, body } = await post({ category: "GIFTS", ...typed, identityMode: "ANONYMOUS", name: "", contact: "", submissionKey });
    expect(status).toBe(200);
    if (body.state !== "created") throw new Error(`expected a receipt, got ${JSON.stringify(body)}`);
    expect(body.receipt).toMatch(/^([2-9B-DF-HJKMNP-TV-XZ]{4}-){5}[2-9B-DF-HJKMNP-TV-XZ]{4}$/);
    const parsed = parseReceipt(body.receipt);
    if (!parsed.ok) throw new Error("receipt does not parse");
    expect(body.reference.replace(/-/g, "")).toBe(parsed.value.reference);

    const row = await db.report.findUniqueOrThrow({ where: { reference: parsed.value.reference } });
    expect(row).toMatchObject({ category: "GIFTS", channel: "WEB", identityMode: "ANONYMOUS", sealedIdentity: null, submissionKey: submissionKeyHash(submissionKey) });
    expect(await verifyReceiptSecret(row.receiptHash, parsed.value.secret)).toBe(true);
    const content = await readReportAs(lead, row.id);
    const { othersAware: _empty, ...answered } = typed;
    expect(content.answers).toEqual(answered);
    expect(content.identity).toBeNull();
  });

  it("keeps a confidential reporter's name and contact sealed with the report", async () => {
    const { submissionKey } = await load();
    const { body } = await post({ category: "OTHER", whatHappened: "x", identityMode: "CONFIDENTIAL", name: "李四", contact: "13800000000", submissionKey });
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect(row.identityMode).toBe("CONFIDENTIAL");
    expect((await readReportAs(lead, row.id)).identity).toEqual({ name: "李四", contact: "13800000000" });
  });

  it("re-renders every typed value with the errors when the report is incomplete, and files nothing", async () => {
    const { submissionKey } = await load();
    const before = await db.report.count();
    const fields = {
      category: "",
      whatHappened: "   ",
      when: "上周三",
      where: "仓库",
      involved: "张三",
      howKnown: "同事告诉我",
      othersAware: "没有",
      identityMode: "NAMED",
      name: "赵六",
      contact: "",
      exclude: [investigator.id],
      submissionKey,
    };
    const { status, body } = await post(fields);
    expect(status).toBe(400);
    if (body.state !== "error") throw new Error(JSON.stringify(body));
    expect(body.formError).toBe("invalid");
    // Every problem in one round: the named report's missing contact too, not only on the next try.
    expect(body.fieldErrors).toMatchObject({ category: "choice", "answers.whatHappened": "required", "identity.contact": "required" });
    expect(body.values).toEqual({
      channel: "",
      category: "",
      answers: { whatHappened: "   ", when: "上周三", where: "仓库", involved: "张三", howKnown: "同事告诉我", othersAware: "没有" },
      identityMode: "NAMED",
      name: "赵六",
      contact: "",
      excluded: [investigator.id],
      extra: {},
      submissionKey,
    });
    expect(await db.report.count()).toBe(before);

    // A named report needs the contact too.
    const again = await post({ ...fields, category: "GIFTS", whatHappened: "a gift" });
    if (again.body.state !== "error") throw new Error(JSON.stringify(again.body));
    expect(again.body.fieldErrors).toEqual({ "identity.contact": "required" });
    expect(await db.report.count()).toBe(before);
  });

  it("makes one report of a double post and shows its receipt again to the second post", async () => {
    const { submissionKey } = await load();
    const fields = { category: "MISAPPROPRIATION", whatHappened: "Laptops taken home and sold.", submissionKey };
    const first = await post(fields);
    const second = await post(fields);
    if (first.body.state !== "created") throw new Error(JSON.stringify(first.body));
    // With JavaScript off the browser shows only the second answer: it must be the receipt.
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ state: "created", receipt: first.body.receipt, reference: first.body.reference });
    expect(await db.report.count({ where: { submissionKey: submissionKeyHash(submissionKey) } })).toBe(1);
  });

  it("gives both of two posts arriving at once the one report's receipt", async () => {
    const { submissionKey } = await load();
    const fields = { category: "GIFTS", whatHappened: "A double click with JavaScript off.", submissionKey };
    const [a, b] = await Promise.all([post(fields), post(fields)]);
    if (a.body.state !== "created" || b.body.state !== "created") throw new Error(JSON.stringify([a.body, b.body]));
    expect(b.body.receipt).toBe(a.body.receipt);
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    const parsed = parseReceipt(a.body.receipt);
    if (!parsed.ok) throw new Error("receipt does not parse");
    expect(await verifyReceiptSecret(row.receiptHash, parsed.value.secret)).toBe(true);
  });

  it("shows the receipt when the form is resent after the first answer was lost, and not once the window has passed", async () => {
    const { submissionKey } = await load();
    const fields = { category: "OTHER", whatHappened: "The connection dropped after I pressed send.", submissionKey };
    // The report is committed but its answer never reaches the reporter.
    await action({ request: postRequest("/report", fields), params: {}, context: {} });
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });

    const resent = await post(fields);
    if (resent.body.state !== "created") throw new Error(JSON.stringify(resent.body));
    const parsed = parseReceipt(resent.body.receipt);
    if (!parsed.ok) throw new Error("receipt does not parse");
    expect(parsed.value.reference).toBe(row.reference);
    expect(await verifyReceiptSecret(row.receiptHash, parsed.value.secret)).toBe(true);

    // A stored receipt past its window is never used, even before the sweep removes it.
    await db.submissionReceipt.updateMany({ where: { reportId: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await post(fields);
    expect(late.body).toEqual({ state: "duplicate", reference: resent.body.reference });
    expect(await db.submissionReceipt.count({ where: { reportId: row.id } })).toBe(1);
    await expireSubmissionReceipts({ now: new Date() });
    expect(await db.submissionReceipt.count({ where: { reportId: row.id } })).toBe(0);
    expect(await db.report.count({ where: { id: row.id } })).toBe(1);
  });

  it("keeps the receipt for a repeat only sealed under the form's key: the database alone does not open it", async () => {
    const { submissionKey } = await load();
    const { body } = await post({ category: "GIFTS", whatHappened: "Sealed receipt check.", submissionKey });
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { id: true } });
    const kept = await db.submissionReceipt.findFirstOrThrow({ where: { reportId: row.id } });
    expect(kept.keyHash).not.toContain(submissionKey);
    const secret = body.receipt.replace(/-/g, "").slice(8);
    expect(await databaseContains([submissionKey, secret, body.receipt, body.receipt.replace(/-/g, "")])).toEqual([]);
    // Another form's key does not open it.
    const other = await load();
    const wrong = await post({ category: "GIFTS", whatHappened: "Sealed receipt check.", submissionKey: other.submissionKey });
    if (wrong.body.state !== "created") throw new Error(JSON.stringify(wrong.body));
    expect(wrong.body.receipt).not.toBe(body.receipt);
  });

  it("stores the handlers the reporter excluded", async () => {
    const { submissionKey } = await load();
    const { body } = await post({ category: "OUTSIDE_COMPETITION", whatHappened: "Runs a rival firm.", exclude: [investigator.id, lead.id], submissionKey });
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { id: true } });
    const exclusions = await db.caseExclusion.findMany({ where: { reportId: row.id }, select: { userId: true, reason: true } });
    expect(exclusions.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [investigator.id, lead.id].sort().map((userId) => ({ userId, reason: "REPORTER_EXCLUDED" })),
    );
  });

  it("refuses to exclude anyone not on the list, or every lead when no auditor could take over, and keeps the form", async () => {
    const before = await db.report.count();
    const { submissionKey } = await load();
    const notListed = await post({ category: "GIFTS", whatHappened: "x", exclude: [auditor.id], submissionKey });
    if (notListed.body.state !== "error") throw new Error(JSON.stringify(notListed.body));
    expect(notListed.body.formError).toBe("unknownExclusion");

    const everyLead = await db.user.findMany({
      where: { status: "ACTIVE", roles: { some: { role: { key: "compliance_lead" } } } },
      select: { id: true },
    });
    // Every lead excluded and the only auditor's account disabled: nobody would remain to triage.
    await db.user.update({ where: { id: auditor.id }, data: { status: "DISABLED" } });
    try {
      const allLeads = await post({ category: "GIFTS", whatHappened: "x", exclude: everyLead.map((u) => u.id), submissionKey });
      if (allLeads.body.state !== "error") throw new Error(JSON.stringify(allLeads.body));
      expect(allLeads.body.formError).toBe("noTriagerRemains");
      expect(allLeads.body.values.answers.whatHappened).toBe("x");
      expect(await db.report.count()).toBe(before);
    } finally {
      await db.user.update({ where: { id: auditor.id }, data: { status: "ACTIVE" } });
    }
    // With an auditor, excluding every lead sends the report to the auditors for triage.
    const toAuditors = await post({ category: "GIFTS", whatHappened: "x", exclude: everyLead.map((u) => u.id), submissionKey });
    if (toAuditors.body.state !== "created") throw new Error(JSON.stringify(toAuditors.body));
    expect(await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { auditorTriage: true } })).toEqual({ auditorTriage: true });
  });

  it("stores attached files cleaned and sealed, under the name the reporter gave", async () => {
    const { submissionKey } = await load();
    const png = await sharp({ create: { width: 6, height: 4, channels: 3, background: "#cc3300" } })
      .withMetadata({ exif: { IFD0: { Artist: "Zhang Wei" } } })
      .png()
      .toBuffer();
    // The fixture really carries an author to remove.
    expect(png.includes(Buffer.from("Zhang Wei"))).toBe(true);
    const { body } = await post({
      category: "GIFTS",
      whatHappened: "See the photo.",
      attachments: new File([new Uint8Array(png)], "礼品照片.png", { type: "image/png" }),
      submissionKey,
    });
    if (body.state !== "created") throw new Error(JSON.stringify(body));
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { attachments: { select: { id: true, kind: true, metadataRemoved: true } } } });
    expect(row.attachments).toHaveLength(1);
    const [file] = row.attachments;
    expect(file).toMatchObject({ kind: "png", metadataRemoved: true });
    const { name, bytes: stored } = await readAttachmentAs(lead, file.id);
    expect(name).toBe("礼品照片.png");
    expect((await sharp(stored).metadata()).format).toBe("png");
    expect(stored.includes(Buffer.from("Zhang Wei"))).toBe(false);
  });

  it("refuses a program or an oversized file, keeps what was typed and asks for the files again", async () => {
    const before = await db.report.count();
    const { submissionKey } = await load();
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(120)]);
    const program = await post({ category: "OTHER", whatHappened: "程序附件", attachments: new File([new Uint8Array(elf)], "tool.pdf"), submissionKey });
    if (program.body.state !== "error") throw new Error(JSON.stringify(program.body));
    expect(program.body.attachmentError).toEqual({ kind: "refused", reason: "executable", name: "tool.pdf" });
    expect(program.body.hadFiles).toBe(true);
    expect(program.body.values.answers.whatHappened).toBe("程序附件");

    const big = new File([new Uint8Array(SETTING_DEFAULTS["hotline.maxAttachmentMb"] * 1024 * 1024 + 1)], "big.txt", { type: "text/plain" });
    const oversized = await post({ category: "OTHER", whatHappened: "太大的附件", when: "昨天", attachments: big, submissionKey });
    if (oversized.body.state !== "error") throw new Error(JSON.stringify(oversized.body));
    expect(oversized.body.attachmentError).toEqual({ kind: "tooBig" });
    expect(oversized.body.values.answers).toMatchObject({ whatHappened: "太大的附件", when: "昨天" });
    expect(await db.report.count()).toBe(before);
  });
});
