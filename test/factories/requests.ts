// Requests for calling route loaders and actions directly, as Remix would, with a real session.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createUserSession, SESSION_COOKIE } from "~/modules/auth/session.server";

export const BASE_URL = "http://localhost:3999";

/** A Cookie header for a new, fully verified session of the user (second factor done). */
export async function sessionCookieFor(userId: string, opts: { twoFactorVerified?: boolean } = {}) {
  const setCookie = await createUserSession({ userId, twoFactorVerified: opts.twoFactorVerified ?? true });
  return setCookie.split(";")[0];
}

export function getRequest(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return new Request(BASE_URL + path, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

export function postRequest(path: string, fields: Record<string, string | Array<string | Blob> | Blob>, cookie?: string, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const item of v) body.append(k, item);
    else body.append(k, v);
  }
  return new Request(BASE_URL + path, {
    method: "POST",
    body,
    headers: { Origin: BASE_URL, ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
}

/** Runs a loader/action, returning the thrown Response too (redirects and 403s are thrown). */
export async function settle(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A route's loader or action (both take the same arguments). */
export type RouteFunction = (args: LoaderFunctionArgs) => Promise<unknown>;

type CallOptions = { cookie?: string; params?: Record<string, string>; headers?: Record<string, string> };

/** A GET of `path` through a route's loader, as `cookie`'s session; the Response, thrown or returned. */
export function callLoader(loader: RouteFunction, path: string, opts: CallOptions = {}): Promise<Response> {
  return settle(() => loader({ request: getRequest(path, opts.cookie, opts.headers), params: opts.params ?? {}, context: {} }));
}

/** A form post of `fields` to `path` through a route's action (with our Origin, as a browser sends it); the Response. */
export function callAction(
  action: RouteFunction,
  path: string,
  fields: Record<string, string | Array<string | Blob> | Blob>,
  opts: CallOptions = {},
): Promise<Response> {
  return settle(() => action({ request: postRequest(path, fields, opts.cookie, opts.headers), params: opts.params ?? {}, context: {} }));
}

/** The Cookie header a browser sends back for the cookie `name` the response sets; undefined if it sets none. */
export function cookieSetBy(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0];
}

/** The staff session cookie the response sets, as the browser sends it back; undefined if it sets none. */
export function sessionCookieSetBy(res: Response): string | undefined {
  return cookieSetBy(res, SESSION_COOKIE);
}
