// Each demo account signs in, in each language, and lands on its own home: the card of its role
// (and the card every employee has), nothing more. Then it signs out.
import { expect, test } from "@playwright/test";
import { LOCALES } from "../../app/i18n/locales";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, ensureLanguage, getMessages, signIn } from "./helpers";

const HEADING_KEY = {
  employee: "employeeHeading",
  investigator: "investigatorHeading",
  compliance_lead: "complianceHeading",
  auditor: "auditorHeading",
  admin: "adminHeading",
} as const;

for (const account of DEMO_ACCOUNTS) {
  for (const locale of LOCALES) {
    test(`${account.role} ${account.email} signs in and sees its home in ${locale}`, async ({ browser }) => {
      const context = await browser.newContext(contextFor(locale));
      const page = await context.newPage();
      const m = getMessages(locale);

      await signIn(page, account.email, DEMO_PASSWORD, locale);
      await expect(page).toHaveURL(/\/$/);
      // The URL changes before React renders the new page: wait for the home itself.
      await expect(page.locator('section.card[data-role="employee"]')).toBeVisible();
      await ensureLanguage(page, locale);

      const cards = page.locator("section.card[data-role]");
      const expected = account.role === "employee" ? ["employee"] : [account.role, "employee"];
      await expect(cards).toHaveCount(expected.length);
      await expect(page.locator(`section.card[data-role="${account.role}"] h2`)).toHaveText(m.home[HEADING_KEY[account.role]]);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(m.home.welcome("").trim().replace(/[,，]$/, ""));
      for (const role of expected) await expect(page.locator(`section.card[data-role="${role}"]`)).toBeVisible();

      await page.getByRole("button", { name: m.nav.logout }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.auth.login.title);
      // Signed out means signed out: home sends us back to the sign-in page.
      await page.goto("/");
      await expect(page).toHaveURL(/\/login/);
      await context.close();
    });
  }
}
