// A slow or absent mail server against the outbox sender: a server that trickles "250-" lines
// cannot hold a send past its deadline, a dead sender's claim is taken over within a minute and a
// half, mail leaves within seconds once the server answers again, and a password reset is never
// held back long, nor sent (or re-queued) once its link has expired.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { drainOutbox, EXPIRED_ERROR, outboxClaimMs } from "~/modules/mail/sender.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { OutboxRetryError, retryOutboxEmail } from "~/modules/mail/outbox-admin.server";
import { action as outboxMessageAction } from "~/routes/admin.outbox.$id/route";
import { createUser } from "../factories/people";
import { postRequest, sessionCookieFor } from "../factories/requests";
import { startSmtpServer, type TestSmtpServer } from "../factories/smtp";

/** Greets, then answers EHLO with a "250-" continuation line every 200 ms, never the last line. */
async function startTricklingServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.write("220 slow.test ESMTP\r\n");
    let timer: NodeJS.Timeout | undefined;
    socket.on("data", (chunk) => {
      if (/^(EHLO|HELO)/i.test(chunk.toString()) && !timer) {
        timer = setInterval(() => socket.writable && socket.write("250-still thinking\r\n"), 200);
        socket.on("close", () => clearInterval(timer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let n = 0;
const address = (tag: string) => `${tag}-${Date.now().toString(36)}-${n++}@example.test`;
const queueReset = (to: string, minutes = 60) =>
  db.$transaction((tx) =>
    enqueueEmail(tx, { to, locale: "en", template: "passwordReset", params: { url: "http://localhost:3999/reset-password/abc", minutes } }),
  );
const queueNotice = (to: string) =>
  db.$transaction((tx) =>
    enqueueEmail(tx, { to, locale: "en", template: "caseNewReport", params: { url: "http://localhost:3999/cases/1" } }),
  );
const after = (t: Date, ms: number) => new Date(t.getTime() + ms);

let slow: Awaited<ReturnType<typeof startTricklingServer>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  slow = await startTricklingServer();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await slow.stop();
  await smtp.stop();
});
beforeEach(async () => {
  await smtp.reset();
  await db.outboxEmail.deleteMany();
});

describe("a trickling mail server", () => {
  it("gives up on a message at its deadline and leaves the batch queued for a later try", async () => {
    const a = await queueReset(address("slow-a"));
    const b = await queueReset(address("slow-b"));
    const transport = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: slow.url });
    const started = Date.now();
    const now = new Date();
    const result = await drainOutbox({ transport, now, deadlineMs: 2_000 });
    // Without a deadline nodemailer's socket time-out restarts on every line: this never returned.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.sent).toBe(0);
    for (const id of [a.id, b.id]) {
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "QUEUED", attempts: 0, claimedBy: null, claimedUntil: null });
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
      expect(row.lastError).toMatch(/deadline|abort/i);
    }
  }, 20_000);

  it("stops at once when its sweep is told to stop, handing the row back untried", async () => {
    const { id } = await queueNotice(address("stopped"));
    const transport = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: slow.url });
    const started = Date.now();
    const result = await drainOutbox({ transport, deadlineMs: 60_000, signal: AbortSignal.timeout(300) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.sent).toBe(0);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "QUEUED", attempts: 0, claimedBy: null });
  }, 20_000);

  it("lets another sender take over a stuck sender's row about a minute later, not five", async () => {
    const { id } = await queueNotice(address("stuck"));
    const t0 = new Date();
    // The first sender is stuck on the trickling server with the default one-minute deadline.
    const stuck = drainOutbox({ transport: createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: slow.url }), now: t0, deadlineMs: 60_000 });
    let claimed = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    for (let i = 0; i < 100 && !claimed.claimedBy; i++) {
      await new Promise((r) => setTimeout(r, 50));
      claimed = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    }
    expect(claimed.claimedBy).not.toBeNull();
    const claimLength = claimed.claimedUntil!.getTime() - t0.getTime();
    expect(claimLength).toBeLessThanOrEqual(outboxClaimMs(60_000) + 5_000);
    expect(claimLength).toBeLessThan(90_000);

    // While the claim holds, a second sender leaves the row alone …
    const good = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url });
    expect((await drainOutbox({ transport: good, now: after(t0, 30_000) })).sent).toBe(0);
    expect(smtp.received).toHaveLength(0);
    // … and once it lapses (the first sender as good as dead) the second one sends it.
    expect((await drainOutbox({ transport: good, now: after(t0, 80_000) })).sent).toBe(1);
    expect(smtp.received).toHaveLength(1);

    // The stuck sender finally fails; it must not undo the other's SENT row.
    await slow.stop();
    await stuck;
    slow = await startTricklingServer();
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT" });
  }, 30_000);
});

describe("after an outage", () => {
  it("sends queued mail within seconds of the server answering again", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await queueNotice(address("outage"))).id);
    const transport = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url });
    await smtp.stop();
    let now = new Date();
    // Ten minutes of outage, tried every few seconds: the wait never grows.
    for (let i = 0; i < 20; i++) {
      await drainOutbox({ transport, now });
      const rows = await db.outboxEmail.findMany({ where: { id: { in: ids } } });
      const next = Math.max(...rows.map((r) => r.nextAttemptAt.getTime()));
      expect(next - now.getTime()).toBeLessThan(35_000);
      now = after(now, 30_000);
    }
    await smtp.start();
    const back = now;
    await drainOutbox({ transport, now: back });
    await drainOutbox({ transport, now: after(back, 10_000) });
    expect(smtp.received).toHaveLength(3);
    const rows = await db.outboxEmail.findMany({ where: { id: { in: ids } } });
    for (const row of rows) {
      expect(row.status).toBe("SENT");
      expect(row.sentAt!.getTime() - back.getTime()).toBeLessThan(15_000);
    }
  }, 30_000);
});

describe("short-lived mail", () => {
  it("caps a refused password reset's back-off at two minutes", async () => {
    const to = address("refused-reset");
    smtp.rejected.add(to);
    const { id } = await queueReset(to);
    const transport = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url });
    let now = new Date();
    for (let i = 0; i < 6; i++) {
      await drainOutbox({ transport, now });
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row.nextAttemptAt.getTime() - now.getTime()).toBeLessThanOrEqual(2 * 60_000 + 5_000);
      now = after(row.nextAttemptAt, 1);
    }
  }, 30_000);

  it("does not send a reset whose link expired, says so, and refuses to queue it again", async () => {
    const { id } = await queueReset(address("late-reset"), 30);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeGreaterThan(29 * 60_000);
    // The server was away for the link's whole life.
    const transport = createMailTransport({ MAIL_TRANSPORT: "smtp", SMTP_URL: smtp.url });
    await drainOutbox({ transport, now: after(row.expiresAt!, 1_000) });
    expect(smtp.received).toHaveLength(0);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", lastError: EXPIRED_ERROR });

    await expect(retryOutboxEmail({ emailId: id, actorUserId: "nobody", now: after(row.expiresAt!, 2_000) })).rejects.toMatchObject({ code: "linkExpired" });
    await expect(retryOutboxEmail({ emailId: id, actorUserId: "nobody", now: after(row.expiresAt!, 2_000) })).rejects.toBeInstanceOf(OutboxRetryError);

    // The administrator's button, in real time: the link is made to have expired already.
    await db.outboxEmail.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const { user } = await createUser({ roles: ["admin"], totpSecretSealed: "enrolled" });
    const cookie = await sessionCookieFor(user.id);
    const res = (await outboxMessageAction({ request: postRequest(`/admin/outbox/${id}`, { intent: "retry" }, cookie), params: { id }, context: {} })) as Response;
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ fieldErrors: {}, formError: "linkExpired" });
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED" });
  });
});
