// What server/server.mjs and server/worker.mjs take from the compiled bundle (via entry.server):
// start-up checks, the security middleware's pieces, and the scheduler.
import { getEnv } from "../config/env.server";
import { db, dbReady } from "../db/db.server";
import { closeDatabase } from "../db/close.server";
import { ensureMasterKeyMatches } from "../crypto/key-check.server";
import { syncRoleCatalogue } from "../auth/roles.server";
import { findSweep, runSweepIfDue, startScheduler } from "../jobs/scheduler.server";
import { registeredSweeps } from "../jobs/sweeps.server";
import { getMessages } from "../../i18n/messages";
import { negotiateLocale, DEFAULT_LOCALE } from "../../i18n/locales";
import { createCspNonce, isCrossSiteRequest, securityHeaders } from "./security.server";
import { isAnonymousPath } from "../hotline/anonymous";
import { resolveLocale } from "./locale.server";
import { plainStatusPage } from "./status-page.server";
import { logRequestError } from "./log.server";
import { bodyCap, TEXT_MARGIN_BYTES, uploadLimits } from "../hotline/uploads.server";
import { countingQueries, queriesSoFar, queryCountingEnabled } from "../db/query-count.server";
import { inRequestScope } from "./request-scope.server";

/** Validates configuration (throws with every problem listed), prepares the database connection. */
async function startup() {
  const env = getEnv();
  await dbReady;
  // A wrong master key refuses to start (KeyMismatchError names it) instead of failing every case page.
  await ensureMasterKeyMatches(db, Buffer.from(env.SUNLINE_MASTER_KEY, "base64"));
  await syncRoleCatalogue();
  return {
    port: env.PORT,
    appUrl: env.APP_URL,
    scheduler: env.SCHEDULER,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}

function allowedOrigins(requestHost: string | undefined): string[] {
  const env = getEnv();
  const origins = [new URL(env.APP_URL).origin];
  // Outside production the app is also reached as http://<host>:<port> (tests, the demo on a LAN).
  if (env.NODE_ENV !== "production" && requestHost) origins.push(`http://${requestHost}`);
  return origins;
}

function refusalPage(acceptLanguage: string | undefined) {
  const m = getMessages(negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE);
  return `<!doctype html><meta charset="utf-8"><title>${m.common.csrfTitle}</title><h1>${m.common.csrfTitle}</h1><p>${m.common.csrfBody}</p>`;
}

/**
 * The page of an answer given before Remix runs (405, 413): in the visitor's language from the
 * `lang` cookie or Accept-Language, like every other page of a signed-out visitor.
 */
function statusPage(status: 405 | 411 | 413, headers: { cookie?: string; acceptLanguage?: string }) {
  const request = new Request("http://localhost/", { headers: { cookie: headers.cookie ?? "", "accept-language": headers.acceptLanguage ?? "" } });
  return plainStatusPage(status, resolveLocale(request));
}

/**
 * The largest request body accepted: for a multipart form every file at its limit plus room for
 * the text; for any other body (no files) the room for the text alone.
 */
async function maxBodyBytes(contentType: string | undefined): Promise<number> {
  if (!/^multipart\/form-data/i.test(contentType ?? "")) return TEXT_MARGIN_BYTES;
  return bodyCap(await uploadLimits());
}

async function runAllSweepsOnce() {
  for (const sweep of registeredSweeps()) await runSweepIfDue({ sweep, force: true });
}

export const serverHooks = {
  startup,
  createCspNonce,
  securityHeaders: (nonce: string) => securityHeaders(nonce, { https: getEnv().APP_URL.startsWith("https://") }),
  isCrossSiteRequest,
  allowedOrigins,
  refusalPage,
  statusPage,
  maxBodyBytes,
  logRequestError,
  startScheduler,
  runAllSweepsOnce,
  /** Last step of a clean stop: checkpoints SQLite's write-ahead log and disconnects. */
  closeDatabase,
  findSweep,
  /** The hotline's pages (/hotline, /report*): no address passed on, nothing cached or indexed. */
  isAnonymousPath,
  /** Each GET/HEAD runs in one scope, so what a page view reads twice is read once. */
  inRequestScope,
  /** COUNT_SQL_QUERIES=1 (the HTTP benchmark): each request's statements, in `X-Sql-Queries`. */
  queryCountingEnabled,
  countingQueries,
  queriesSoFar,
};
export type ServerHooks = typeof serverHooks;
