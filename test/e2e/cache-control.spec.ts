// Staff pages hold report content, names and audit data: over HTTP, against the built server, every
// response of the app — pages, their data requests, downloads, redirects, error pages, sign-in and
// the two-factor step — says `Cache-Control: no-store`, so a shared computer's cache keeps none of
// it. Static assets under /build keep their long, immutable cache.
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { contextFor, DEMO_PASSWORD, loginAs } from "./helpers";

async function signedInRequest(browser: Browser, email: string): Promise<{ request: APIRequestContext; caseUrl: string | null }> {
  const context = await browser.newContext(contextFor("en"));
  const page = await context.newPage();
  await loginAs(page, email);
  let caseUrl: string | null = null;
  if (!email.startsWith("admin") && !email.startsWith("employee")) {
    await page.goto("/cases");
    const hrefs = await page.locator('a[href^="/cases/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    caseUrl = hrefs.find((href) => /^\/cases\/[^/?]+$/.test(href) && href !== "/cases/new") ?? null;
  }
  return { request: page.request, caseUrl };
}

function expectNoStore(headers: Record<string, string>, label: string) {
  expect(headers["cache-control"], label).toBeDefined();
  expect(headers["cache-control"], label).toMatch(/(^|,\s*)no-store(\s*,|$)/);
}

async function check(request: APIRequestContext, paths: string[]) {
  for (const path of paths) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
    expectNoStore(res.headers(), `GET ${path} (${res.status()})`);
  }
}

test("sign-in, the two-factor step and their posts are never cached", async ({ request, baseURL }) => {
  await check(request, ["/login", "/login/two-factor", "/forgot-password", "/", "/no-such-page"]);
  const wrong = await request.post("/login", { form: { email: "employee@demo.sunline.local", password: "not-it" }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(wrong.status()).toBe(401);
  expectNoStore(wrong.headers(), "POST /login (wrong password)");
  const right = await request.post("/login", { form: { email: "employee@demo.sunline.local", password: DEMO_PASSWORD }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(right.status()).toBe(302);
  expectNoStore(right.headers(), "POST /login (signed in)");
});

test("every staff page and its data is never cached: cases, remediation, account, audit, administration", async ({ browser }) => {
  test.setTimeout(90_000);
  const lead = await signedInRequest(browser, "compliance1@demo.sunline.local");
  expect(lead.caseUrl, "a demo case in the lead's queue").toBeTruthy();
  const c = lead.caseUrl!;
  await check(lead.request, [
    "/",
    "/cases",
    "/cases?_data=routes%2Fcases._index",
    "/cases/new",
    c,
    `${c}?_data=routes%2Fcases.%24id._index`,
    `${c}/messages`,
    `${c}/workflow`,
    `${c}/people`,
    `${c}/remediation`,
    `${c}/timeline`,
    `${c}/access`,
    "/remediation",
    "/remediation/export",
    "/account",
    "/account/password",
    "/account/two-factor",
  ]);

  const auditor = await signedInRequest(browser, "auditor@demo.sunline.local");
  await check(auditor.request, ["/audit/log", "/cases", "/remediation"]);

  const admin = await signedInRequest(browser, "admin@demo.sunline.local");
  await check(admin.request, ["/admin/people", "/admin/departments", "/admin/outbox", "/admin/settings", "/admin/questions", "/admin/people/import/template"]);
});

test("static assets under /build keep their long cache", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const asset = /(?:src|href)="(\/build\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
  expect(asset, "a /build asset linked from the page").toBeTruthy();
  const res = await request.get(asset!);
  expect(res.status()).toBe(200);
  const cache = res.headers()["cache-control"];
  expect(cache).toContain("max-age=31536000");
  expect(cache).toContain("immutable");
  expect(cache).not.toContain("no-store");
});
