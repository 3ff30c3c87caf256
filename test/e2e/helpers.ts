// Shared steps of the end-to-end tests: the demo accounts and messages come from the same files the
// app and the seed use, so a renamed label or account fails here rather than silently passing.
import { expect, type Browser, type Page, type Response } from "@playwright/test";
import { getMessages } from "../../app/i18n/messages";
import type { AppLocale } from "../../app/i18n/locales";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed-data";
import type { RoleKey } from "../../app/modules/auth/permissions";
import type { ReportCategory } from "../../app/modules/hotline/report-options";
import { addSessionCookie } from "./sessions";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages };

/** Browser-context options that make the first page (before any account language) come in `locale`. */
export function contextFor(locale: AppLocale) {
  return { locale: locale === "en" ? "en-US" : "zh-CN", extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN" } };
}

/** Fills and posts the sign-in form; says nothing about the outcome (see signIn). */
export async function submitSignIn(page: Page, email: string, password: string, locale: AppLocale) {
  const m = getMessages(locale);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await page.getByLabel(m.auth.login.email).fill(email);
  await page.getByLabel(m.auth.login.password).fill(password);
  await page.getByRole("button", { name: m.auth.login.submit }).click();
}

/** The header's "Sign out" button in either language (the account's language takes over once signed in). */
const SIGN_OUT = new RegExp(`^(${getMessages("en").nav.logout}|${getMessages("zh-CN").nav.logout})$`);

/**
 * Signs in and waits until it has really happened: the sign-in page is gone and the header offers
 * "Sign out". Checking the page alone would also pass on the login form itself.
 */
export async function signIn(page: Page, email: string, password: string, locale: AppLocale) {
  await submitSignIn(page, email, password, locale);
  await expect(page).not.toHaveURL(/\/login(\?|$)/, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: SIGN_OUT })).toBeVisible({ timeout: 20_000 });
}

/**
 * Signed in as a demo account (a role's first account, or an email) without the sign-in form, for
 * tests whose subject is not signing in (sessions.ts writes the session row): ends like signIn, on
 * the home page with "Sign out" in the header. Specs about signing in itself use signIn.
 */
export async function loginAs(page: Page, who: RoleKey | string) {
  await addSessionCookie(page, who);
  await page.goto("/");
  await expect(page.getByRole("button", { name: SIGN_OUT })).toBeVisible({ timeout: 20_000 });
}

/**
 * Opens `path` as the signed-in visitor and fails unless that page itself answered: a redirect to
 * /login (an expired or missing session) or any 4xx/5xx is a failure, not a page that "loaded".
 */
export async function visitSignedIn(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  expect(response, `${path}: no response`).not.toBeNull();
  const finalUrl = new URL(page.url());
  expect(finalUrl.pathname, `${path} was redirected to the sign-in page`).not.toBe("/login");
  expect(response!.status(), path).toBeLessThan(400);
  return response!;
}

/**
 * Switches the UI language with the header's switcher when the page is not in `locale` yet. Call
 * it once the page has rendered (after a client-side navigation the URL changes first).
 */
export async function ensureLanguage(page: Page, locale: AppLocale) {
  const html = page.locator("html");
  const current = (await html.getAttribute("lang")) as AppLocale;
  if (current === locale) return;
  await page.getByRole("button", { name: getMessages(current).common.language }).click();
  await expect(html).toHaveAttribute("lang", locale);
}


/**
 * Files a report through the hotline form, in English, in a browser context of its own that is then
 * closed (the reporter leaves): what the receipt page shows, the receipt and the case reference.
 */
export async function reportThroughForm(
  browser: Browser,
  { category, whatHappened, javaScriptEnabled = true }: { category: ReportCategory; whatHappened: string; javaScriptEnabled?: boolean },
): Promise<{ receipt: string; reference: string }> {
  const m = getMessages("en");
  const context = await browser.newContext({ javaScriptEnabled, ...contextFor("en") });
  const page = await context.newPage();
  await page.goto("/report");
  await page.getByRole("radio", { name: m.hotline.form.categories[category].label }).check();
  await page.getByLabel(m.hotline.form.whatHappened, { exact: true }).fill(whatHappened);
  await page.getByRole("button", { name: m.hotline.form.submit }).click();
  const receipt = (await page.getByTestId("receipt").textContent())!.trim();
  const reference = (await page.getByTestId("reference").textContent())!.trim();
  await context.close();
  return { receipt, reference };
}

/** Opens a case from the queue by its reference and waits for the case's own page: its path. */
export async function openFromQueue(page: Page, reference: string): Promise<string> {
  await page.goto("/cases");
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  return new URL(page.url()).pathname.replace(/\/$/, "");
}
