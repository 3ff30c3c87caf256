// A form post that arrives after the staff session has ended (idle or absolute time-out) must not
// lose what was typed. The case pages' loaders need a session, so the page itself cannot answer;
// instead the action answers with a 307 redirect to /signed-out, which makes the browser (or Remix's
// client router, with JavaScript) send the very same body there. That page shows the sign-in form
// with the text carried in hidden fields — held by the browser only, never stored by the server and
// never put in a URL — and, once signed in, posts it back to the original page with `_restore`, where
// the action puts it back in its box without saving anything (ADR 0018).
import { redirect } from "@remix-run/node";
import { asTyped } from "./forms";
import { safeRedirectPath } from "./redirect";

import { RESTORE_FIELD } from "./form-names";

export { RESTORE_FIELD };

/** Fields of the sign-in-again page itself: never carried back. */
const OWN_FIELDS = new Set(["_rescue", "_carried", "email", "password", "code", RESTORE_FIELD]);

/** Upper bound on what is carried (the longest form, the workflow's findings, is well below it). */
export const MAX_CARRIED_CHARS = 200_000;

function isSignInRedirect(thrown: unknown): thrown is Response {
  if (!(thrown instanceof Response) || thrown.status < 300 || thrown.status >= 400) return false;
  const location = thrown.headers.get("Location") ?? "";
  return location === "/login" || location.startsWith("/login?");
}

/**
 * Runs the action's permission check; when it sends a signed-out poster to the sign-in page, sends
 * the post to /signed-out instead (307: same method, same body), naming the page to come back to.
 */
export async function orSignInAgain<T>(request: Request, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (thrown) {
    if (request.method === "POST" && isSignInRedirect(thrown)) {
      const url = new URL(request.url);
      url.searchParams.delete("_data");
      throw redirect(`/signed-out?to=${encodeURIComponent(url.pathname + url.search)}`, 307);
    }
    throw thrown;
  }
}

/** Whether this post brings carried text back (after signing in again). */
export function isRestore(form: FormData): boolean {
  return form.get(RESTORE_FIELD) === "1";
}

export type Carried = { fields: [string, string][]; hadFiles: boolean };

/** The text fields of the original post (files dropped and noted), or of the previous round. */
export function carriedFrom(form: FormData): Carried | null {
  const previous = form.get("_carried");
  if (typeof previous === "string") {
    try {
      const parsed = JSON.parse(previous) as unknown;
      if (isCarried(parsed)) return parsed;
    } catch {
      return null;
    }
    return null;
  }
  const fields: [string, string][] = [];
  let hadFiles = false;
  let size = 0;
  for (const [name, value] of form) {
    if (OWN_FIELDS.has(name)) continue;
    if (typeof value !== "string") {
      if (value.size > 0 || value.name) hadFiles = true;
      continue;
    }
    size += name.length + value.length;
    if (size > MAX_CARRIED_CHARS) return null;
    // As typed: form encoding turned the line breaks into CRLF.
    fields.push([name, asTyped(value)]);
  }
  return { fields, hadFiles };
}

function isCarried(value: unknown): value is Carried {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { fields?: unknown; hadFiles?: unknown };
  return (
    typeof v.hadFiles === "boolean" &&
    Array.isArray(v.fields) &&
    v.fields.length <= 200 &&
    v.fields.every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === "string" && typeof f[1] === "string" && !OWN_FIELDS.has(f[0]))
  );
}

/** The page to return to: a same-site path, and never /signed-out itself. */
export function returnPath(url: URL): string {
  const to = safeRedirectPath(url.searchParams.get("to"));
  return to.startsWith("/signed-out") ? "/" : to;
}
