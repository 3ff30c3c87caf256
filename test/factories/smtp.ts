// A real SMTP server in the test process (smtp-server), for the outbox sender's tests. It can stop
// and start again on the same port (an outage), reject chosen recipients, and keeps what arrived.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string | null; to: string[]; raw: string; subject: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as a mail client shows a subject. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

/** A header of a raw message, unfolded and decoded. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeEncodedWords(line.slice(name.length + 1).trim()) : null;
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Recipients answered "550 mailbox unavailable" at RCPT TO. */
  readonly rejected = new Set<string>();
  port = 0;
  private server: SMTPServer | null = null;

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running() {
    return this.server !== null;
  }

  /** Starts listening; on the port it had before if it was started once (a restart after an outage). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // No reverse DNS of the client per connection (about 100 ms each here).
      disableReverseLookup: true,
      onRcptTo: (address, _session, cb) => {
        if (!this.rejected.has(address.address.toLowerCase())) return cb();
        cb(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw,
            subject: headerOf(raw, "Subject") ?? "",
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (refusing connections) until start() is called again. */
  /** Between tests: running (again, after an outage a test made), nothing received, nobody rejected. */
  async reset(): Promise<void> {
    await this.start();
    this.received.length = 0;
    this.rejected.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages delivered to one recipient. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const smtp = new TestSmtpServer();
  await smtp.start();
  return smtp;
}
