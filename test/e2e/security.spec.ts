// What the server adds to every response and every post: security headers with a per-request CSP
// nonce that the page's scripts carry, and the refusal of a form post from another site.
import { expect, test } from "@playwright/test";

test("pages carry the security headers and a CSP nonce the scripts use", async ({ request }) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  const csp = headers["content-security-policy"];
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const html = await first.text();
  const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]);
  expect(scriptNonces.length).toBeGreaterThan(0);
  for (const n of scriptNonces) expect(n).toBe(nonce);
  expect(html).not.toMatch(/<script(?![^>]*\snonce=)[^>]*>/);

  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
});

test("a form post from another site is refused with 403", async ({ request, baseURL }) => {
  const form = { email: "employee@demo.sunline.local", password: "whatever" };
  const crossSite = await request.post("/login", { form, headers: { Origin: "https://attacker.example" }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
  const noOrigin = await request.post("/logout", { headers: { Origin: "null" }, maxRedirects: 0 });
  expect(noOrigin.status()).toBe(403);
  // The same post from our own origin is handled by the app (here: a wrong password, 401).
  const sameSite = await request.post("/login", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(sameSite.status()).toBe(401);
});
