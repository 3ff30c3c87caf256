// The outbox sender against a real SMTP server: an outage loses nothing and sends nothing twice,
// concurrent senders never deliver a message twice, a refused message ends FAILED and can be retried.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { resetEnvCache } from "~/modules/config/env.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { backoffMs, drainOutbox, OUTBOX_MAX_ATTEMPTS } from "~/modules/mail/sender.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { findSweep, runSweepIfDue } from "~/modules/jobs/scheduler.server";
import type { AppLocale } from "~/i18n/locales";
import { action as outboxMessageAction } from "~/routes/admin.outbox.$id/route";
import { createUser } from "../factories/people";
import { postRequest, sessionCookieFor } from "../factories/requests";
import { headerOf, startSmtpServer, type TestSmtpServer } from "../factories/smtp";
import { runTogether } from "../factories/processes";

let smtp: TestSmtpServer;
const savedEnv = { MAIL_TRANSPORT: process.env.MAIL_TRANSPORT, SMTP_URL: process.env.SMTP_URL };
let n = 0;
const address = (tag: string) => `${tag}-${Date.now().toString(36)}-${n++}@example.test`;

async function queue(to: string, locale: AppLocale) {
  return db.$transaction((tx) =>
    enqueueEmail(tx, { to, locale, template: "passwordReset", params: { url: "http://localhost:3999/reset-password/abc", minutes: 60 } }),
  );
}

const smtpTransport = () => createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url });
const secondsAfter = (t: Date, s: number) => new Date(t.getTime() + s * 1000);

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The sweep reads the transport from configuration, as in production.
  process.env.MAIL_TRANSPORT = "smtp";
  process.env.SMTP_URL = smtp.url;
  resetEnvCache();
});

afterAll(async () => {
  await smtp.stop();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

beforeEach(async () => {
  await smtp.reset();
  await db.outboxEmail.deleteMany();
});

describe("outbox sender and an SMTP outage", () => {
  it("keeps every message while the server is down and delivers each exactly once when it is back", async () => {
    const recipients = [
      { to: address("zh1"), locale: "zh-CN" as const },
      { to: address("en1"), locale: "en" as const },
      { to: address("zh2"), locale: "zh-CN" as const },
      { to: address("en2"), locale: "en" as const },
      { to: address("zh3"), locale: "zh-CN" as const },
    ];
    for (const r of recipients) await queue(r.to, r.locale);
    const sweep = findSweep("mail.outbox");

    await smtp.stop();
    const t0 = new Date();
    expect(await runSweepIfDue({ sweep, force: true, now: t0 })).toBe(true);
    let rows = await db.outboxEmail.findMany();
    expect(rows).toHaveLength(5);
    expect(smtp.received).toHaveLength(0);
    for (const row of rows) {
      expect(row.status).toBe("QUEUED");
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.claimedBy).toBeNull();
      // An outage is retried soon (MAIL_OUTAGE_RETRY_MS, 5 s), not after a growing back-off.
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(t0.getTime() + 5_000);
      expect(row.nextAttemptAt.getTime()).toBeLessThan(t0.getTime() + 30_000);
    }
    // The first message proved the server is down; the rest of the batch was not tried against it,
    // and an unreachable server is not counted against the message that met it.
    expect(rows.map((r) => r.attempts).sort()).toEqual([0, 0, 0, 0, 0]);
    const job = await db.job.findUniqueOrThrow({ where: { name: "mail.outbox" } });
    expect(job.lastError).toBeNull();

    // Still inside the back-off: the sweep leaves them alone even once the server is back.
    await smtp.start();
    expect(await runSweepIfDue({ sweep, force: true, now: secondsAfter(t0, 2) })).toBe(true);
    expect(smtp.received).toHaveLength(0);
    expect((await db.outboxEmail.findMany()).map((r) => r.attempts).sort()).toEqual([0, 0, 0, 0, 0]);

    // A few seconds later, on the same port as before the outage.
    const t1 = secondsAfter(t0, 6);
    expect(await runSweepIfDue({ sweep, force: true, now: t1 })).toBe(true);
    expect(await runSweepIfDue({ sweep, force: true, now: secondsAfter(t0, 3600) })).toBe(true);
    expect(smtp.received).toHaveLength(5);
    for (const r of recipients) expect(smtp.to(r.to)).toHaveLength(1);
    rows = await db.outboxEmail.findMany();
    for (const row of rows) {
      expect(row.status).toBe("SENT");
      expect(row.messageId).toMatch(/^<.+>$/);
      expect(row.sentAt!.getTime()).toBeGreaterThanOrEqual(t1.getTime());
      expect(row.lastError).toBeNull();
    }

    // Each in the recipient's language, as the raw SMTP data shows it.
    for (const r of recipients) {
      const [mail] = smtp.to(r.to);
      expect(mail.subject).toBe(r.locale === "zh-CN" ? "重置您的 Sunline 密码" : "Reset your Sunline password");
      expect(headerOf(mail.raw, "Content-Language")).toBe(r.locale);
      expect(mail.from).toBe("no-reply@sunline.local");
    }
    expect(smtp.to(recipients[1].to)[0].raw).toContain("Subject: Reset your Sunline password");
    // The Chinese subject travels encoded (RFC 2047), never as raw 8-bit bytes in the header.
    expect(smtp.to(recipients[0].to)[0].raw.split(/\r?\n\r?\n/)[0]).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
  });

  it("never delivers a message twice when several senders drain at the same time", async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => address(`race${i}`));
    for (const to of recipients) await queue(to, "en");
    // Two other instances (own processes, own connections) and two drains in this one, all at once,
    // in small batches so their claims interleave.
    const childrenDone = runTogether("test/fixtures/outbox-drain.ts", 2, { args: () => ["3"], env: { MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url } });
    let childrenExited = false;
    void childrenDone.finally(() => (childrenExited = true));
    // Join in once the children are sending, so that all four overlap.
    while (smtp.received.length === 0 && !childrenExited) await new Promise((r) => setTimeout(r, 5));
    const local = await Promise.all([drainOutbox({ transport: smtpTransport(), batchSize: 3 }), drainOutbox({ transport: smtpTransport(), batchSize: 3 })]);
    const children = await childrenDone;
    for (const child of children) expect(child.code, child.stderr).toBe(0);
    const sentByChildren = children.map((c) => JSON.parse(c.stdout.trim().split("\n").at(-1)!).sent as number);
    const sent = [...sentByChildren, ...local.map((r) => r.sent)];
    expect(sent.reduce((a, b) => a + b, 0)).toBe(30);
    expect(smtp.received).toHaveLength(30);
    for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
    expect(await db.outboxEmail.count({ where: { status: "SENT", attempts: 1 } })).toBe(30);
  });

  it("fails a message the server keeps refusing after the maximum, and an administrator can queue it again", async () => {
    const refused = address("refused");
    const fine = address("fine");
    smtp.rejected.add(refused);
    const { id } = await queue(refused, "zh-CN");
    await queue(fine, "en");

    let now = new Date();
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await drainOutbox({ now });
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/550/);
      if (attempt < OUTBOX_MAX_ATTEMPTS) {
        expect(row.status).toBe("QUEUED");
        // Exponential back-off: 30 s, 1 min, 2 min, capped at 2 min for a password reset.
        const wait = row.nextAttemptAt.getTime() - now.getTime();
        expect(wait).toBeGreaterThanOrEqual(backoffMs(attempt, "passwordReset"));
        expect(wait).toBeLessThan(backoffMs(attempt, "passwordReset") + 5_000);
        expect(wait).toBeLessThanOrEqual(2 * 60_000 + 5_000);
        now = new Date(row.nextAttemptAt.getTime() + 1);
      } else {
        expect(row.status).toBe("FAILED");
      }
    }
    expect([backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(9)]).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    expect(backoffMs(9, "passwordReset")).toBe(120_000);
    // The refusal was about that message only: the other one went out on the first run.
    expect(smtp.to(fine)).toHaveLength(1);
    expect(smtp.to(refused)).toHaveLength(0);

    // FAILED is final for the sender, however late it runs.
    await drainOutbox({ now: secondsAfter(now, 86_400) });
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id } })).attempts).toBe(OUTBOX_MAX_ATTEMPTS);

    // The administrator queues it again (the mailbox exists now); it goes out on the next run.
    smtp.rejected.clear();
    const { user } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
    const cookie = await sessionCookieFor(user.id);
    const res = await outboxMessageAction({ request: postRequest(`/admin/outbox/${id}`, { intent: "retry" }, cookie), params: { id }, context: {} });
    expect((res as Response).status).toBe(302);
    const requeued = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(requeued).toMatchObject({ status: "QUEUED", attempts: 0 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "mail.retry", objectId: id } });
    expect(audit.actorUserId).toBe(user.id);

    await drainOutbox();
    expect(smtp.to(refused)).toHaveLength(1);
    expect(smtp.to(refused)[0].subject).toBe("重置您的 Sunline 密码");
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("marks mail sent through the local transport without any server (the demo)", async () => {
    const to = address("local");
    const { id } = await queue(to, "en");
    await smtp.stop();
    const result = await drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "local", SMTP_URL: undefined }) });
    expect(result.sent).toBe(1);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 1 });
  });
});
