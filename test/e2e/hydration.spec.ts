// Every page, with JavaScript on, hydrates without an error: no uncaught exception and nothing
// logged as an error in the console (a hydration mismatch, a constant imported from a .server module
// that is empty in the browser…). The server renders these pages fine, so only a browser sees this.
import { expect, test, type Page } from "@playwright/test";
import { contextFor, ensureLanguage, signIn, visitSignedIn, DEMO_PASSWORD } from "./helpers";

/** caseTabs: every tab of the first case in the queue; leadTabs: the lead's own tabs too. */
type Visitor = { email: string | null; pages: string[]; caseTabs?: boolean; leadTabs?: boolean };

const VISITORS: Visitor[] = [
  { email: null, pages: ["/login", "/hotline", "/report", "/report/follow-up", "/forgot-password", "/signed-out"] },
  { email: "compliance1@demo.sunline.local", pages: ["/", "/cases", "/cases?overdue=1&sort=severity", "/cases/new", "/remediation", "/account", "/account/password", "/account/two-factor", "/role-requests"], caseTabs: true, leadTabs: true },
  { email: "investigator1@demo.sunline.local", pages: ["/", "/cases", "/cases/new"], caseTabs: true },
  { email: "auditor@demo.sunline.local", pages: ["/", "/cases", "/remediation", "/audit/log"] },
  {
    email: "admin@demo.sunline.local",
    pages: ["/", "/admin/people", "/admin/departments", "/admin/settings", "/admin/outbox", "/admin/questions", "/admin/questions/new", "/admin/people/import", "/admin/people/new", "/admin/departments/new"],
  },
];

const TABS = ["", "/messages", "/workflow", "/people", "/remediation", "/timeline"];
const LEAD_TABS = ["/access"];

async function visit(page: Page, path: string, problems: string[], signedIn: boolean) {
  if (signedIn) await visitSignedIn(page, path);
  else expect((await page.goto(path))?.status(), path).toBeLessThan(400);
  // Hydration happens after the load event; give React a moment to report.
  await page.waitForLoadState("networkidle");
  expect(problems, `${path}: errors in the browser`).toEqual([]);
}

for (const visitor of VISITORS) {
  for (const locale of ["en", "zh-CN"] as const) {
    test(`pages hydrate without errors for ${visitor.email ?? "an anonymous visitor"} (${locale})`, async ({ browser }) => {
      test.setTimeout(90_000);
      const context = await browser.newContext(contextFor(locale));
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      if (visitor.email) {
        await signIn(page, visitor.email, DEMO_PASSWORD, locale);
        await ensureLanguage(page, locale);
      }
      for (const path of visitor.pages) await visit(page, path, problems, visitor.email !== null);
      if (visitor.caseTabs) {
        await visitSignedIn(page, "/cases");
        const first = page.locator("main table a[href^='/cases/']").first();
        const href = await first.getAttribute("href");
        expect(href, "a case in the queue").toBeTruthy();
        for (const tab of [...TABS, ...(visitor.leadTabs ? LEAD_TABS : [])]) await visit(page, `${href}${tab}`, problems, true);
      }
      await context.close();
    });
  }
}
