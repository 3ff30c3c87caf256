// The administrator's outbox pages: the list with counts and filters, one message as rendered for its
// recipient, re-queuing a failed message (audited), and nobody else getting in.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { resetEnvCache } from "~/modules/config/env.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { PAGE_SIZE } from "~/modules/http/pagination";
import { loader as listLoader } from "~/routes/admin.outbox._index/route";
import { action as messageAction, loader as messageLoader } from "~/routes/admin.outbox.$id/route";
import { createUser } from "../factories/people";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";

type ListData = {
  rows: { id: string; subject: string; status: string; toAddress: string; locale: string }[];
  total: number;
  counts: Record<"QUEUED" | "SENT" | "FAILED", number>;
  pages: number;
  local: boolean;
};
type MessageData = {
  email: { subject: string; textBody: string; htmlBody: string; htmlPreview: string; status: string; redacted: boolean; locale: string };
};

const TOKEN = "A".repeat(20) + "b_c-" + "9".repeat(19); // 43 characters, like randomToken()
let adminCookie: string;
let employeeCookie: string;
let auditorCookie: string;
const ids = { queued: "", sent: "", failed: "", zh: "" };

async function queue(to: string, locale: "en" | "zh-CN" = "en") {
  return db.$transaction((tx) =>
    enqueueEmail(tx, { to, locale, template: "passwordReset", params: { url: `http://localhost:3999/reset-password/${TOKEN}`, minutes: 60 } }),
  );
}

const list = async (query = "", cookie = adminCookie) => {
  const res = await callLoader(listLoader, `/admin/outbox${query}`, { cookie });
  return { res, data: res.status === 200 ? ((await res.json()) as ListData) : null };
};
const message = async (id: string, cookie = adminCookie) => {
  const res = await callLoader(messageLoader, `/admin/outbox/${id}`, { cookie, params: { id } });
  return { res, data: res.status === 200 ? ((await res.json()) as MessageData) : null };
};
const retry = (id: string, cookie = adminCookie) =>
  callAction(messageAction, `/admin/outbox/${id}`, { intent: "retry" }, { cookie, params: { id } });

beforeAll(async () => {
  const admin = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
  const employee = await createUser();
  const auditor = await createUser({ roles: ["auditor"], totpSecretSealed: "enrolled" });
  [adminCookie, employeeCookie, auditorCookie] = await Promise.all([
    sessionCookieFor(admin.user.id),
    sessionCookieFor(employee.user.id),
    sessionCookieFor(auditor.user.id),
  ]);
  ids.queued = (await queue("queued@example.test")).id;
  ids.sent = (await queue("sent@example.test")).id;
  ids.failed = (await queue("failed@example.test")).id;
  ids.zh = (await queue("zh@example.test", "zh-CN")).id;
  await db.outboxEmail.update({ where: { id: ids.sent }, data: { status: "SENT", attempts: 1, sentAt: new Date(), messageId: "<m1@test>" } });
  await db.outboxEmail.update({ where: { id: ids.failed }, data: { status: "FAILED", attempts: 8, lastError: "550 Mailbox unavailable" } });
});

afterEach(() => {
  delete process.env.SMTP_URL;
  process.env.MAIL_TRANSPORT = "local";
  resetEnvCache();
});

describe("/admin/outbox", () => {
  it("lists every message newest first with counts per status, and filters by status", async () => {
    const { data } = await list();
    expect(data!.counts).toEqual({ QUEUED: 2, SENT: 1, FAILED: 1 });
    expect(data!.total).toBe(4);
    expect(data!.rows.map((r) => r.id)).toEqual([ids.zh, ids.failed, ids.sent, ids.queued]);
    expect(data!.rows[0]).toMatchObject({ subject: "重置您的 Sunline 密码", locale: "zh_CN", toAddress: "zh@example.test" });
    // The list carries no bodies: they are read one message at a time.
    expect(data!.rows[0]).not.toHaveProperty("textBody");
    expect(data!.local).toBe(true);

    const failed = (await list("?status=failed")).data!;
    expect(failed.rows.map((r) => r.id)).toEqual([ids.failed]);
    expect(failed.total).toBe(1);
    expect(failed.counts).toEqual({ QUEUED: 2, SENT: 1, FAILED: 1 });
    expect((await list("?status=queued")).data!.rows.map((r) => r.id)).toEqual([ids.zh, ids.queued]);
    // An unknown status is no filter rather than an error.
    expect((await list("?status=bogus")).data!.total).toBe(4);
  });

  it("pages through a long outbox", async () => {
    const extra = [];
    for (let i = 0; i < PAGE_SIZE; i++) extra.push((await queue(`bulk${i}@example.test`)).id);
    try {
      const first = (await list("?status=queued")).data!;
      expect(first.total).toBe(PAGE_SIZE + 2);
      expect(first.pages).toBe(2);
      expect(first.rows).toHaveLength(PAGE_SIZE);
      const second = (await list("?status=queued&page=2")).data!;
      expect(second.rows.map((r) => r.id)).toEqual([ids.zh, ids.queued]);
    } finally {
      await db.outboxEmail.deleteMany({ where: { id: { in: extra } } });
    }
  });

  it("shows one message as rendered for its recipient, whole with the local transport", async () => {
    const { data } = await message(ids.zh);
    expect(data!.email).toMatchObject({ subject: "重置您的 Sunline 密码", locale: "zh_CN", status: "QUEUED", redacted: false });
    expect(data!.email.textBody).toContain(`/reset-password/${TOKEN}`);
    expect(data!.email.htmlBody).toContain(`href="http://localhost:3999/reset-password/${TOKEN}"`);
    // The sandboxed preview inherits the page's CSP, which refuses inline styles: they are left out.
    expect(data!.email.htmlBody).toMatch(/ style="/);
    expect(data!.email.htmlPreview).not.toMatch(/style=/);
    expect(data!.email.htmlPreview).toContain(`<a href="http://localhost:3999/reset-password/${TOKEN}">设置新密码</a>`);
  });

  it("hides the one-time tokens in links when mail really leaves by SMTP", async () => {
    process.env.MAIL_TRANSPORT = "smtp";
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    resetEnvCache();
    const { data } = await message(ids.sent);
    expect(data!.email.redacted).toBe(true);
    expect(data!.email.textBody).not.toContain(TOKEN);
    expect(data!.email.htmlBody).not.toContain(TOKEN);
    expect(data!.email.textBody).toContain("http://localhost:3999/reset-password/…");
    // Only the token goes: the rest of the message reads as sent.
    expect(data!.email.textBody).toContain("Someone asked to reset the password");
  });

  it("queues a failed message again, once, and records who did it", async () => {
    const res = await retry(ids.failed);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/outbox/${ids.failed}?retried=1`);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: ids.failed } })).toMatchObject({ status: "QUEUED", attempts: 0, claimedBy: null });
    const events = await db.auditEvent.findMany({ where: { action: "mail.retry", objectId: ids.failed } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details)).toEqual({ template: "passwordReset", previousAttempts: 8 });

    // A second submit (or a message that never failed) changes nothing.
    const again = await retry(ids.failed);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ fieldErrors: {}, formError: "notRetryable" });
    expect((await retry(ids.sent)).status).toBe(409);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: ids.sent } })).toMatchObject({ status: "SENT" });
    expect(await db.auditEvent.count({ where: { action: "mail.retry" } })).toBe(1);
    expect((await retry("no-such-message")).status).toBe(404);
  });

  it("answers 404 for a message that does not exist", async () => {
    expect((await message("no-such-message")).res.status).toBe(404);
  });

  it("refuses employees and auditors: 403 on the list, a message and the retry", async () => {
    await db.outboxEmail.update({ where: { id: ids.queued }, data: { status: "FAILED" } });
    for (const cookie of [employeeCookie, auditorCookie]) {
      expect((await list("", cookie)).res.status).toBe(403);
      expect((await message(ids.queued, cookie)).res.status).toBe(403);
      expect((await retry(ids.queued, cookie)).status).toBe(403);
    }
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: ids.queued } })).toMatchObject({ status: "FAILED" });
    const anonymous = await list("", "");
    expect(anonymous.res.status).toBe(302);
  });
});
