// An administrator cannot make themselves a compliance lead: ticking the role asks for their
// password again and only files a request, which a lead finds under "Role requests" and decides.
import { expect, test, type Page } from "@playwright/test";
import type { AppLocale } from "../../app/i18n/locales";
import { contextFor, DEMO_PASSWORD, getMessages, visitSignedIn, loginAs } from "./helpers";

/** Once signed in, pages speak the account's language: read which one. */
const messagesOf = async (page: Page) => getMessages((await page.locator("html").getAttribute("lang")) as AppLocale);

test("an administrator's own lead role waits for a lead, who sees and decides it", async ({ browser }) => {
  const adminContext = await browser.newContext(contextFor("en"));
  const admin = await adminContext.newPage();
  await loginAs(admin, "admin@demo.sunline.local");
  let m = await messagesOf(admin);
  await expect(admin.getByRole("link", { name: m.nav.roleRequests })).toHaveCount(0);
  await visitSignedIn(admin, "/admin/people?q=admin%40demo.sunline.local");
  await admin.locator("table tbody tr").first().getByRole("link").first().click();
  await expect(admin.getByRole("heading", { name: m.people.account.heading })).toBeVisible();

  const rolesForm = admin.locator("form").filter({ has: admin.getByRole("button", { name: m.people.account.saveRoles }) });
  await rolesForm.locator("input[name=roles][value=compliance_lead]").check();
  // A wrong password: a clear message, nothing changed, the tick kept.
  await rolesForm.getByLabel(m.people.account.reauthPassword).fill("not my password");
  await rolesForm.getByRole("button", { name: m.people.account.saveRoles }).click();
  await expect(admin.getByText(m.people.errors.reauthWrong)).toBeVisible();
  const again = admin.locator("form").filter({ has: admin.getByRole("button", { name: m.people.account.saveRoles }) });
  await expect(again.locator("input[name=roles][value=compliance_lead]")).toBeChecked();

  await again.getByLabel(m.people.account.reauthPassword).fill(DEMO_PASSWORD);
  await again.getByRole("button", { name: m.people.account.saveRoles }).click();
  await expect(admin.getByText(m.people.account.rolesRequested(m.roles.compliance_lead))).toBeVisible();
  await expect(admin.locator(".badge", { hasText: m.people.account.pendingApproval })).toBeVisible();
  // Still no case content for the administrator.
  expect((await admin.goto("/cases"))!.status()).toBe(403);
  await visitSignedIn(admin, "/admin/people");
  await expect(admin.getByRole("heading", { name: m.people.roleRequests.adminHeading })).toBeVisible();
  await adminContext.close();

  const leadContext = await browser.newContext(contextFor("en"));
  const lead = await leadContext.newPage();
  await loginAs(lead, "compliance1@demo.sunline.local");
  m = await messagesOf(lead);
  await lead.getByRole("link", { name: m.nav.roleRequests }).click();
  await expect(lead.getByRole("heading", { name: m.people.roleRequests.title })).toBeVisible();
  const row = lead.locator("tbody tr").filter({ hasText: "admin@demo.sunline.local" });
  await expect(row).toContainText(m.roles.compliance_lead);
  // Rejected here, so the demo administrator stays an administrator only for the other tests.
  await row.getByRole("button", { name: m.people.roleRequests.reject }).click();
  await expect(lead.getByText(m.people.roleRequests.rejected)).toBeVisible();
  await expect(lead.locator("tbody tr").filter({ hasText: "admin@demo.sunline.local" })).toHaveCount(0);
  await leadContext.close();
});
