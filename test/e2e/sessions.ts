// Signing in without the sign-in form, for the end-to-end tests whose subject is not signing in: a
// session row is written straight into the e2e server's database (the address serve.mjs left in
// .tmp/e2e/database-url) and its cookie handed to the browser, as a successful sign-in with the
// second factor done would leave them. Nothing in the application changes for it: no test-only
// route, no flag — the test process simply holds the database, as an operator's would.
// The row follows auth/session.server.ts: the cookie carries a random token, the row's id is its
// SHA-256, and the idle and absolute ends are those of the default settings.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import type { RoleKey } from "../../app/modules/auth/permissions";

/** auth/session.server.ts's SESSION_COOKIE (that module is not imported here: it starts the app's database client). */
const SESSION_COOKIE = "sunline_session";
const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 3_600_000;

/** The database the running e2e server uses, as serve.mjs recorded it. */
export function e2eDatabaseUrl(): string {
  return fs.readFileSync(path.resolve(".tmp/e2e/database-url"), "utf8").trim();
}

async function insertSession(email: string, id: string): Promise<void> {
  const url = e2eDatabaseUrl();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + IDLE_MS);
  const absoluteExpiresAt = new Date(now.getTime() + ABSOLUTE_MS);
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      db.pragma("busy_timeout = 5000");
      const user = db.prepare('SELECT id FROM "User" WHERE email = ?').get(email) as { id: string } | undefined;
      if (!user) throw new Error(`e2e: no account ${email}`);
      // Prisma's SQLite adapter stores instants as ISO 8601 text with an explicit offset.
      const at = (d: Date) => d.toISOString().replace("Z", "+00:00");
      db.prepare(
        'INSERT INTO "Session" (id, userId, expiresAt, createdAt, lastSeenAt, absoluteExpiresAt, twoFactorVerified) VALUES (?, ?, ?, ?, ?, ?, 1)',
      ).run(id, user.id, at(expiresAt), at(now), at(now), at(absoluteExpiresAt));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM "User" WHERE email = $1', [email]);
    if (rows.length === 0) throw new Error(`e2e: no account ${email}`);
    await client.query(
      'INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt", "lastSeenAt", "absoluteExpiresAt", "twoFactorVerified") VALUES ($1, $2, $3, $4, $4, $5, true)',
      [id, rows[0].id, expiresAt, now, absoluteExpiresAt],
    );
  } finally {
    await client.end();
  }
}

/**
 * Gives `page`'s browser context a signed-in session of a demo account — the first one holding `who`
 * when it is a role, else the account with that email — without the sign-in form. Does not navigate
 * (helpers.ts's loginAs does, and waits for the signed-in header).
 */
export async function addSessionCookie(page: Page, who: RoleKey | string): Promise<void> {
  const email = who.includes("@") ? who : DEMO_ACCOUNTS.find((a) => a.role === who)?.email;
  if (!email) throw new Error(`e2e: no demo account holds the role ${who}`);
  const token = randomBytes(32).toString("base64url");
  await insertSession(email, createHash("sha256").update(token).digest("hex"));
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("e2e: no baseURL");
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}
