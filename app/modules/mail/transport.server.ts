// Mail transports (ADR 0007). The outbox sender talks to one of these; tests inject their own.
// "smtp": the configured SMTP_URL (production). "local": a transport that delivers nowhere, so the
// demo marks mail SENT and the administrator reads it at /admin/outbox.
import nodemailer from "nodemailer";
import { getEnv, type Env } from "../config/env.server";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Aborts the send (nodemailer closes the connection): the sender's per-message deadline. */
  signal?: AbortSignal;
};

/** What the sender needs from a transport; a nodemailer Transporter satisfies it. */
export type MailTransport = {
  sendMail(mail: OutgoingMail): Promise<{ messageId?: string }>;
  close?(): void;
};

/**
 * Short network time-outs: nodemailer's defaults (2 min to connect, 10 min of socket silence) would
 * let one unreachable server hold a sweep, its lease and every claimed row for many minutes.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

export function createMailTransport(env: Pick<Env, "MAIL_TRANSPORT" | "SMTP_URL">): MailTransport {
  if (env.MAIL_TRANSPORT === "smtp") {
    // parse-time validation guarantees SMTP_URL here; the URL's own options (pool, secure, …) win.
    return nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS });
  }
  return nodemailer.createTransport({ jsonTransport: true });
}

let cached: { key: string; transport: MailTransport } | undefined;

/** The process's transport for the current configuration (rebuilt if the configuration changed). */
export function getMailTransport(): MailTransport {
  const env = getEnv();
  const key = `${env.MAIL_TRANSPORT}|${env.SMTP_URL ?? ""}`;
  if (cached?.key !== key) {
    cached?.transport.close?.();
    cached = { key, transport: createMailTransport(env) };
  }
  return cached.transport;
}
