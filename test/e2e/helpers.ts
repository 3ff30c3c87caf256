// Shared steps of the end-to-end tests: the demo accounts and messages come from the same files the
// app and the seed use, so a renamed label or account fails here rather than silently passing.
import { expect, type Page } from "@playwright/test";
import { getMessages } from "../../app/i18n/messages";
import type { AppLocale } from "../../app/i18n/locales";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/seed-data";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages };

/** Browser-context options that make the first page (before any account language) come in `locale`. */
export function contextFor(locale: AppLocale) {
  return { locale: locale === "en" ? "en-US" : "zh-CN", extraHTTPHeaders: { "Accept-Language": locale === "en" ? "en" : "zh-CN" } };
}

export async function signIn(page: Page, email: string, password: string, locale: AppLocale) {
  const m = getMessages(locale);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  await page.getByLabel(m.auth.login.email).fill(email);
  await page.getByLabel(m.auth.login.password).fill(password);
  await page.getByRole("button", { name: m.auth.login.submit }).click();
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
