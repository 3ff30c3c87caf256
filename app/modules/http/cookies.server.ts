// Every cookie Sunline reads or sets, in one place: its name and attributes are declared here, and
// the Cookie header is parsed and Set-Cookie written by the `cookie` package (the parser and
// serializer underneath Remix's createCookie; ADR 0030 says why not createCookie itself).
//
//   sunline_session  the staff session (lucia writes it: auth/session.server.ts; read here)
//   sunline_report   the reporter's follow-up session, only after a receipt was typed (ADR 0013)
//   lang             the language switcher's choice: "en" or "zh-CN", nothing identifying
//
// No cookie has Max-Age or Expires unless it says so: the sessions end with the browser, and the
// server's own idle and absolute limits end them sooner. Secure whenever the app is served over HTTPS.
import { parse, serialize, type CookieSerializeOptions } from "cookie";
import { getEnv } from "../config/env.server";

export type CookieDefinition = {
  name: string;
  attributes: Pick<CookieSerializeOptions, "path" | "httpOnly" | "sameSite" | "maxAge">;
};

/** The reporter's session: sent only to the hotline's own pages, never readable by script nor sent cross-site. */
export const REPORTER_SESSION_COOKIE = {
  name: "sunline_report",
  attributes: { path: "/report", httpOnly: true, sameSite: "strict" },
} as const satisfies CookieDefinition;

/** The language chosen with the switcher, for a year; script may not need it, but it holds nothing secret. */
export const LANGUAGE_COOKIE = {
  name: "lang",
  attributes: { path: "/", maxAge: 31_536_000, sameSite: "lax" },
} as const satisfies CookieDefinition;

function cookies(request: Request): Record<string, string | undefined> {
  const header = request.headers.get("Cookie");
  return header ? parse(header) : {};
}

/** The value of the request's cookie `name` (the first, if the browser sent several), or null when absent or empty. */
export function readCookie(request: Request, name: string): string | null {
  return cookies(request)[name] || null;
}

/** Whether the request carries the cookie at all, even blank. */
export function hasCookie(request: Request, name: string): boolean {
  return cookies(request)[name] !== undefined;
}

function secure(): boolean {
  return getEnv().APP_URL.startsWith("https://");
}

/** The Set-Cookie value that stores `value` under the definition's name and attributes. */
export function setCookie(cookie: CookieDefinition, value: string): string {
  return serialize(cookie.name, value, { ...cookie.attributes, secure: secure() });
}

/** The Set-Cookie value that removes the cookie (same name, path and flags, blank, Max-Age=0). */
export function clearCookie(cookie: CookieDefinition): string {
  return serialize(cookie.name, "", { ...cookie.attributes, maxAge: 0, secure: secure() });
}
