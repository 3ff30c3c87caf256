// A failed submit shows every error at once, at the top of the form, where the eye (and the screen
// reader) lands: the shared error summary takes the focus — with JavaScript by script, without by
// autofocus on the re-rendered page — is on screen, and links to each field. The reporter's name and
// contact say when they are required, and are aria-required when they are. /report, /cases/new and
// the workflow forms, with JavaScript on and off.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { contextFor, DEMO_PASSWORD, ensureLanguage, getMessages, signIn, visitSignedIn } from "./helpers";

const m = getMessages("en");
const f = m.hotline.form;

async function fileReport(browser: Browser, what: string): Promise<string> {
  const context = await browser.newContext({ javaScriptEnabled: false, ...contextFor("en") });
  const page = await context.newPage();
  await page.goto("/report");
  await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
  await page.getByLabel(f.whatHappened, { exact: true }).fill(what);
  await page.getByRole("button", { name: f.submit }).click();
  const receipt = (await page.getByTestId("receipt").textContent())!.trim();
  await context.close();
  return receipt;
}

async function expectSummary(page: Page, lines: string[]) {
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toBeInViewport();
  await expect(summary.getByRole("listitem")).toHaveCount(lines.length);
  for (const line of lines) await expect(summary.getByRole("link", { name: line })).toBeVisible();
  return summary;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled, ...contextFor("en") });

    test(`/report: a confidential report's every error in one round, summarised and focused at the top (${mode})`, async ({ page }) => {
      await page.goto("/report");
      const contact = page.getByLabel(f.contact);
      await expect(page.getByText(m.forms.requiredWhen(m.forms.conditions.identityGiven)).first()).toBeVisible();
      await page.locator(`input[name="identityMode"][value="CONFIDENTIAL"]`).check();
      if (javaScriptEnabled) await expect(contact).toHaveAttribute("aria-required", "true");
      await page.getByRole("button", { name: f.submit }).click();

      const summary = await expectSummary(page, [
        `${f.categoryLegend}: ${m.errors.choice}`,
        `${f.whatHappened}: ${m.errors.required}`,
        `${f.name}: ${m.errors.required}`,
        `${f.contact}: ${m.errors.required}`,
      ]);
      await expect(contact).toHaveAttribute("aria-required", "true");
      // Each line leads to its field.
      await summary.getByRole("link", { name: `${f.contact}: ${m.errors.required}` }).click();
      await expect(page).toHaveURL(/#field-contact$/);
      if (javaScriptEnabled) {
        // Anonymous again: the contact is no longer required.
        await page.locator(`input[name="identityMode"][value="ANONYMOUS"]`).check();
        await expect(contact).not.toHaveAttribute("aria-required", "true");
      }
    });

    test(`the workflow forms summarise their errors at the top and focus them (${mode})`, async ({ page, browser }) => {
      test.setTimeout(60_000);
      const receipt = await fileReport(browser, `Form errors ${Date.now().toString(36)}: a gift.`);
      await signIn(page, "compliance1@demo.sunline.local", DEMO_PASSWORD, "en");
      await ensureLanguage(page, "en");
      await page.goto("/cases");
      await page.getByRole("link", { name: receipt.slice(0, 9) }).click();
      await page.waitForURL(/\/cases\/[^/]+\/?$/);
      await page.goto(`${new URL(page.url()).pathname.replace(/\/$/, "")}/workflow`);
      const d = m.workflow.markDuplicate;
      await page.getByRole("button", { name: d.submit }).click();
      await expectSummary(page, [`${d.original}: ${m.errors.required}`, `${d.reason}: ${m.errors.required}`]);
    });
  });
}

test.describe("with JavaScript, the handler's intake", () => {
  test.use({ ...contextFor("en") });

  test("/cases/new lists every error at the top and focuses it", async ({ page }) => {
    await signIn(page, "compliance1@demo.sunline.local", DEMO_PASSWORD, "en");
    await ensureLanguage(page, "en");
    await visitSignedIn(page, "/cases/new");
    // The intake speaks to the handler about the reporter ("Named", not "Give my name").
    await page.getByRole("radio", { name: m.questions.intake.voice.identity.NAMED.label }).check();
    await page.getByRole("button", { name: f.submit }).click();
    await expectSummary(page, [
      `${m.questions.intake.channelLegend}: ${m.errors.choice}`,
      `${f.categoryLegend}: ${m.errors.choice}`,
      `${f.whatHappened}: ${m.errors.required}`,
      `${m.questions.intake.voice.name}: ${m.errors.required}`,
      `${m.questions.intake.voice.contact}: ${m.errors.required}`,
    ]);
  });
});
