// What one page view reads more than once — the session and its user, the settings — is read once.
// Remix runs the root loader and the route's loader for the same GET, each with a Request object of
// its own (it strips its internal query parameters into a copy), so a cache keyed by the Request
// cannot see that they are one page view. The server runs each GET and HEAD in a request scope
// instead (server.mjs) and the readers keep their answer in it for the rest of that request.
//
// Only safe methods get a scope: a POST's action may sign someone in, change their language or end
// a session, and the loaders Remix runs after it must read what the action wrote. The scope lives
// as long as one request and belongs to it alone, so nothing is shared between requests, users or
// instances. Outside a scope (tests calling loaders, the worker, scripts) every call reads afresh.
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `fn` (and everything it starts) as one GET or HEAD request. */
export function inRequestScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/** The first answer `read` gave for `key` in this request, or a fresh read outside a request scope. */
export function oncePerRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return read();
  let answer = memo.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    memo.set(key, answer);
    // A failed read is not kept: a later reader in the same request tries again.
    answer.catch(() => memo.delete(key));
  }
  return answer;
}
