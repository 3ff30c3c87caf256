// Requests for calling route loaders and actions directly, as Remix would, with a real session.
import { createUserSession } from "~/modules/auth/session.server";

export const BASE_URL = "http://localhost:3999";

/** A Cookie header for a new, fully verified session of the user (second factor done). */
export async function sessionCookieFor(userId: string, opts: { twoFactorVerified?: boolean } = {}) {
  const setCookie = await createUserSession(userId, { twoFactorVerified: opts.twoFactorVerified ?? true });
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
