// Cross-cutting HTTP protections applied by the server (server/server.mjs) to every request before
// Remix sees it: security headers with a per-request CSP nonce, and the CSRF origin check (ADR 0006).
import { randomBytes } from "node:crypto";

export function createCspNonce(): string {
  return randomBytes(16).toString("base64");
}

export function securityHeaders(nonce: string, opts: { https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every form post, including the anonymous routes that have no cookie to bind a
 * token to: a state-changing request must prove it comes from our own pages. Browsers send Origin
 * on every POST (Tor Browser included); Sec-Fetch-Site and Referer are fall-backs. A request that
 * shows none of them is refused, as is Origin "null" unless Sec-Fetch-Site says same-origin.
 */
export function isCrossSiteRequest(
  method: string,
  headers: { get(name: string): string | null },
  allowedOrigins: readonly string[],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin && origin !== "null") return !allowedOrigins.includes(origin);
  // Our own `Referrer-Policy: no-referrer` makes browsers send `Origin: null` on plain (no-JS)
  // form posts (Fetch spec, "serialize a request origin"); Sec-Fetch-Site, which pages cannot
  // forge, then tells our own pages from a sandboxed or foreign one.
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  if (origin === "null") return true;
  const referer = headers.get("referer");
  if (referer) {
    try {
      return !allowedOrigins.includes(new URL(referer).origin);
    } catch {
      return true;
    }
  }
  return true;
}
