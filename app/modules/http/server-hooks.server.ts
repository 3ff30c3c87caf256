// What server/server.mjs and server/worker.mjs take from the compiled bundle (via entry.server):
// start-up checks, the security middleware's pieces, and the scheduler.
import { getEnv } from "../config/env.server";
import { dbReady } from "../db/db.server";
import { syncRoleCatalogue } from "../auth/roles.server";
import { findSweep, runSweepIfDue, startScheduler } from "../jobs/scheduler.server";
import { SWEEPS } from "../jobs/sweeps.server";
import { getMessages } from "../../i18n/messages";
import { negotiateLocale, DEFAULT_LOCALE } from "../../i18n/locales";
import { createCspNonce, isCrossSiteRequest, securityHeaders } from "./security.server";

/** Validates configuration (throws with every problem listed), prepares the database connection. */
async function startup() {
  const env = getEnv();
  await dbReady;
  await syncRoleCatalogue();
  return { port: env.PORT, appUrl: env.APP_URL, scheduler: env.SCHEDULER, trustProxyHops: env.TRUST_PROXY_HOPS };
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

async function runAllSweepsOnce() {
  for (const sweep of SWEEPS) await runSweepIfDue(sweep, { force: true });
}

export const serverHooks = {
  startup,
  createCspNonce,
  securityHeaders: (nonce: string) => securityHeaders(nonce, { https: getEnv().APP_URL.startsWith("https://") }),
  isCrossSiteRequest,
  allowedOrigins,
  refusalPage,
  startScheduler,
  runAllSweepsOnce,
  findSweep,
};
export type ServerHooks = typeof serverHooks;
