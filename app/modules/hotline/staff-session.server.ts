// Whether the browser on a hotline page also carries a staff session — only to warn the person that
// the report is not linked to their account. Read-only on purpose: the session is not validated
// through lucia nor its last-seen time touched (either would write, and a write at the moment of a
// report would tie the two together for anyone reading the database), and nothing from it reaches
// the report.
import { db } from "../db/db.server";
import { sha256Hex } from "../crypto/crypto.server";
import { SESSION_COOKIE } from "../auth/session.server";
import { readCookie } from "../http/cookies.server";

export async function browserHasStaffSession(request: Request): Promise<boolean> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || token.length > 100) return false;
  const session = await db.session.findUnique({ where: { id: sha256Hex(token) }, select: { expiresAt: true, absoluteExpiresAt: true } });
  const now = Date.now();
  return session !== null && session.expiresAt.getTime() > now && session.absoluteExpiresAt.getTime() > now;
}
