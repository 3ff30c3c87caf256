// Auditors and urgent cases, in Chromium (ADR 0015): the auditor finds the demo's urgent case in the
// queue as metadata only and, opening it, reads that its content needs a grant; a compliance lead
// (without JavaScript: plain form posts) grants that auditor the case until a date with a reason;
// the auditor now reads the report and is told until when and why; the lead revokes it and the
// content is closed again.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { contextFor, ensureLanguage, getMessages, loginAs } from "./helpers";
import { demoPersonOf } from "../../prisma/demo-directory";

const m = getMessages("en");
const g = m.cases.grants;
const AUDITOR = "auditor@demo.sunline.local";
const LEAD = "compliance1@demo.sunline.local";

async function signedIn(browser: Browser, email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ ...contextFor("en"), javaScriptEnabled });
  const page = await context.newPage();
  await loginAs(page, email);
  await ensureLanguage(page, "en");
  return page;
}

/** A day `days` from today in the demo organisation's zone (Asia/Shanghai), as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

test("an auditor sees an urgent case's metadata, reads it once a lead grants it, and no more once revoked", async ({ browser }) => {
  test.setTimeout(120_000);
  const auditor = await signedIn(browser, AUDITOR);
  await auditor.goto("/cases?urgent=1");
  const row = auditor.getByRole("row").filter({ hasText: g.metadataOnlyRow }).first();
  await expect(row).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(auditor).toHaveURL(/\/cases\/[^/?]+$/);
  await expect(auditor.getByRole("heading", { level: 1 })).toContainText(m.cases.header.urgent);
  const caseUrl = new URL(auditor.url()).pathname;
  await expect(auditor.getByRole("heading", { name: g.needsGrantTitle })).toBeVisible();
  await expect(auditor.getByText(g.metadataOnly)).toBeVisible();
  await expect(auditor.getByRole("navigation", { name: m.cases.tabs.label })).toHaveCount(0);
  await expect(auditor.getByRole("heading", { name: m.cases.overview.answersHeading, exact: true })).toHaveCount(0);

  // The lead grants it, without JavaScript.
  const lead = await signedIn(browser, LEAD, false);
  await lead.goto(caseUrl);
  await lead.getByRole("link", { name: m.cases.tabs.access }).click();
  await expect(lead.getByRole("heading", { name: g.heading })).toBeVisible();
  await expect(lead.getByText(g.none)).toBeVisible();
  const until = dayFromToday(7);
  const reason = "Quarterly report to the audit committee";
  // A day beyond 90 days is refused, with what was typed kept.
  await lead.getByLabel(g.auditor, { exact: true }).selectOption({ label: demoPersonOf(AUDITOR).nameEn });
  await lead.getByLabel(g.until, { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
  await lead.getByLabel(g.until, { exact: true }).fill(dayFromToday(120));
  await lead.getByLabel(g.reason, { exact: true }).fill(reason);
  await lead.getByRole("button", { name: g.submit }).click();
  await expect(lead.getByText(g.errors.untilTooFar)).toBeVisible();
  await expect(lead.getByLabel(g.reason, { exact: true })).toHaveValue(reason);
  await lead.getByLabel(g.until, { exact: true }).fill(until);
  await lead.getByRole("button", { name: g.submit }).click();
  await expect(lead.getByText(g.done.granted)).toBeVisible();
  const grantRow = lead.getByRole("row").filter({ hasText: demoPersonOf(AUDITOR).nameEn });
  await expect(grantRow).toContainText(until);
  await expect(grantRow).toContainText(reason);

  // The auditor now reads the report, and is told until when and why.
  await auditor.goto(caseUrl);
  await expect(auditor.getByText(g.yourGrant(until))).toBeVisible();
  await expect(auditor.getByText(g.yourReason(reason))).toBeVisible();
  await expect(auditor.getByRole("heading", { name: m.cases.overview.answersHeading, exact: true })).toBeVisible();
  await auditor.getByRole("link", { name: m.cases.tabs.messages }).click();
  await expect(auditor.getByRole("heading", { name: g.needsGrantTitle })).toHaveCount(0);
  await expect(auditor.getByRole("link", { name: m.cases.tabs.access })).toHaveCount(0);

  // Revoked: closed again.
  await lead.getByRole("button", { name: g.revoke }).click();
  await expect(lead.getByText(g.done.revoked)).toBeVisible();
  await expect(lead.getByText(g.none)).toBeVisible();
  await auditor.goto(caseUrl);
  await expect(auditor.getByRole("heading", { name: g.needsGrantTitle })).toBeVisible();
});
