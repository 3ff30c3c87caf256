// Signing in must work with JavaScript switched off: plain form posts and server redirects.
import { expect, test } from "@playwright/test";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages, signIn, submitSignIn } from "./helpers";

const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, ...contextFor("en") });

  test("signing in with the right password reaches the home page", async ({ page }) => {
    const m = getMessages("zh-CN");
    await signIn(page, employee.email, DEMO_PASSWORD, "en");
    await expect(page).toHaveURL(/\/$/);
    // The account's language (zh-CN in the demo) takes over once signed in.
    await expect(page.locator('section.card[data-role="employee"] h2')).toHaveText(m.home.employeeHeading);
  });

  test("a wrong password shows the error and keeps the email", async ({ page }) => {
    const m = getMessages("en");
    await submitSignIn(page, employee.email, "not-the-password", "en");
    await expect(page.getByRole("alert")).toHaveText(m.auth.errors.credentials);
    await expect(page.getByLabel(m.auth.login.email)).toHaveValue(employee.email);
    await expect(page.getByLabel(m.auth.login.password)).toHaveValue("");
    await expect(page).toHaveURL(/\/login/);
  });
});
