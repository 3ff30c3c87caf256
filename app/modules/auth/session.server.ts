// Staff sessions (ADR 0004). lucia v3 manages the session rows and the cookie; this module adds
// what lucia does not do: the cookie carries a random token and the row's id is its SHA-256, so a
// copy of the Session table cannot be used as cookies; an idle time-out and an absolute time-out
// from the organisation's settings; and the second factor's state.
import { oncePerRequest } from "../http/request-scope.server";
import { Cookie, Lucia, TimeSpan } from "lucia";
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import { db, unlessStorageUnavailable } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { readCookie } from "../http/cookies.server";
import { randomToken, sha256Hex } from "../crypto/crypto.server";
import { getSettings } from "../settings/settings.server";
import { hasPermission, requiresTwoFactor, type PermissionKey, type RoleKey } from "./permissions";
import { DEFAULT_LOCALE, fromDbLocale, type AppLocale } from "../../i18n/locales";
import { localized } from "../../i18n/localized";
import { forbidden } from "../http/respond.server";

export const SESSION_COOKIE = "sunline_session";
/** lastSeenAt is written at most this often, to keep reads from turning into writes. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

type SessionAttributes = {
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  twoFactorVerified: boolean;
};
type UserAttributes = { email: string; status: string };

declare module "lucia" {
  interface Register {
    Lucia: Lucia<SessionAttributes, UserAttributes>;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}

// lucia's expiry is the idle window (sliding, extended by lucia once half of it has passed);
// the exact idle check and the absolute limit are ours, below.
function createLucia(idleMinutes: number) {
  return new Lucia(new PrismaAdapter(db.session, db.user), {
    sessionExpiresIn: new TimeSpan(idleMinutes, "m"),
    sessionCookie: {
      name: SESSION_COOKIE,
      // No Expires/Max-Age: the cookie ends with the browser; the server-side limits still apply.
      expires: false,
      attributes: { secure: getEnv().APP_URL.startsWith("https://"), sameSite: "lax" },
    },
    getSessionAttributes: (a) => ({
      createdAt: a.createdAt,
      lastSeenAt: a.lastSeenAt,
      absoluteExpiresAt: a.absoluteExpiresAt,
      twoFactorVerified: a.twoFactorVerified,
    }),
    getUserAttributes: (a) => ({ email: a.email, status: a.status }),
  });
}

export type CurrentUser = {
  id: string;
  email: string;
  displayName: string;
  locale: AppLocale | null;
  personId: string | null;
  hasTotp: boolean;
  roles: RoleKey[];
  permissions: Set<string>;
};

export type AuthState = {
  user: CurrentUser;
  sessionId: string;
  twoFactorVerified: boolean;
  /** The organisation requires a second factor for this user's permissions. */
  twoFactorRequired: boolean;
};

export async function loadCurrentUser(userId: string): Promise<CurrentUser | null> {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      status: true,
      locale: true,
      personId: true,
      totpEnabledAt: true,
      person: { select: { nameZh: true, nameEn: true, locale: true } },
      roles: { select: { role: { select: { key: true, permissions: { select: { permission: { select: { key: true } } } } } } } },
    },
  });
  if (!row || row.status !== "ACTIVE") return null;
  const permissions = new Set<string>();
  for (const { role } of row.roles) for (const { permission } of role.permissions) permissions.add(permission.key);
  const locale = fromDbLocale(row.locale) ?? fromDbLocale(row.person?.locale);
  const displayName = row.person ? localized(row.person, "name", locale ?? DEFAULT_LOCALE) : row.email;
  return {
    id: row.id,
    email: row.email,
    displayName,
    locale,
    personId: row.personId,
    hasTotp: row.totpEnabledAt !== null,
    roles: row.roles.map((r) => r.role.key as RoleKey),
    permissions,
  };
}

/** Creates a session and returns the Set-Cookie header value. */
export async function createUserSession({ userId, ...opts }: { userId: string; twoFactorVerified: boolean }): Promise<string> {
  const settings = await getSettings();
  const lucia = createLucia(settings["auth.sessionIdleMinutes"]);
  const token = randomToken();
  const now = new Date();
  await lucia.createSession(
    userId,
    {
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + settings["auth.sessionAbsoluteHours"] * 3_600_000),
      twoFactorVerified: opts.twoFactorVerified,
    },
    { sessionId: sha256Hex(token) },
  );
  const cookie = lucia.createSessionCookie(token);
  // lucia's `expires: false` still sends Max-Age (400 days); without it the cookie ends with the
  // browser, as intended above.
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, maxAge: undefined }).serialize();
}

export async function markSessionTwoFactorVerified(sessionId: string) {
  await db.session.update({ where: { id: sessionId }, data: { twoFactorVerified: true } });
}

/** The blank cookie that ends a session in the browser. */
export async function blankSessionCookie(): Promise<string> {
  return createLucia(30).createBlankSessionCookie().serialize();
}

export async function invalidateSession(sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (password change, deactivation). */
export async function invalidateUserSessions(userId: string) {
  await db.session.deleteMany({ where: { userId } });
}

/** The signed-in user and session, or null. Expired, idle and absolute-expired sessions are deleted. */
export async function getAuthState(request: Request): Promise<AuthState | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || token.length > 100) return null;
  // The root loader and the route's read the same session: once per page view (request-scope.server.ts).
  const sessionId = sha256Hex(token);
  return oncePerRequest(`auth:${sessionId}`, () => readAuthState(sessionId));
}

async function readAuthState(sessionId: string): Promise<AuthState | null> {
  const settings = await getSettings();
  const lucia = createLucia(settings["auth.sessionIdleMinutes"]);
  const { session } = await lucia.validateSession(sessionId);
  if (!session) return null;
  const now = Date.now();
  const idleMs = settings["auth.sessionIdleMinutes"] * 60_000;
  if (now > session.absoluteExpiresAt.getTime() || now - session.lastSeenAt.getTime() > idleMs) {
    await invalidateSession(session.id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    // Bookkeeping: a full disk must not turn a handler's post into a 500 before its form is given back.
    await unlessStorageUnavailable(db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } }));
  }
  const user = await loadCurrentUser(session.userId);
  if (!user) {
    await invalidateSession(session.id);
    return null;
  }
  return {
    user,
    sessionId: session.id,
    twoFactorVerified: session.twoFactorVerified,
    twoFactorRequired: settings["auth.requireTwoFactor"] && requiresTwoFactor(user.permissions),
  };
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The signed-in user, fully authenticated (second factor done where required), or a redirect:
 * to /login without a session, to the TOTP step or to TOTP enrolment when the second factor is owed.
 */
export async function requireUser(request: Request): Promise<AuthState> {
  const auth = await getAuthState(request);
  if (!auth) throw loginRedirect(request);
  if (auth.user.hasTotp && !auth.twoFactorVerified) throw redirect("/login/two-factor");
  if (auth.twoFactorRequired && !auth.user.hasTotp) throw redirect("/account/two-factor");
  return auth;
}

/** requireUser, then 403 unless the user holds the permission (or a broader one). */
export async function requirePermission(request: Request, permission: PermissionKey): Promise<AuthState> {
  const auth = await requireUser(request);
  if (!hasPermission(auth.user.permissions, permission)) {
    throw forbidden();
  }
  return auth;
}
