// The hotline as a reporter finds it: a start page with the two ways in (linked from the header,
// the sign-in page and the report pages), a language switch that sets no cookie and holds through
// the forms' posts, a signed-in browser that is told the report is not linked to the account
// (and not shown its name), and a phone intake whose receipt page names entries that exist.
import { expect, test, type Page, type Response } from "@playwright/test";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages, signIn, visitSignedIn, ensureLanguage } from "./helpers";

const zh = getMessages("zh-CN");
const en = getMessages("en");
const RECEIPT = /^([2-9B-DF-HJKMNP-TV-XZ]{4}-){5}[2-9B-DF-HJKMNP-TV-XZ]{4}$/;

function expectAnonymous(response: Response | null) {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  expect(headers["set-cookie"]).toBeUndefined();
}

/** Waits for the document response of the next navigation to `pathname`. */
function nextDocument(page: Page, pathname: string) {
  return page.waitForResponse((r) => r.request().resourceType() === "document" && new URL(r.url()).pathname === pathname);
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`the hotline's start page, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled, ...contextFor("zh-CN") });

    test("is linked from the sign-in page and the header, leads to the form and the follow-up, and they link to each other", async ({ page }) => {
      const s = zh.hotline.start;
      await page.goto("/login");
      await page.getByRole("main").getByRole("link", { name: zh.hotline.headerLink }).click();
      await expect(page).toHaveURL(/\/hotline$/);
      expectAnonymous(await page.reload());
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(s.title);

      await page.getByRole("link", { name: s.report }).click();
      await expect(page).toHaveURL(/\/report$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.hotline.form.title);
      await page.getByRole("link", { name: zh.hotline.form.alreadyReportedLink }).click();
      await expect(page).toHaveURL(/\/report\/follow-up$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.followup.title);
      await page.getByRole("link", { name: zh.followup.makeReportLink }).click();
      await expect(page).toHaveURL(/\/report$/);

      await page.getByRole("navigation", { name: zh.nav.main }).getByRole("link", { name: zh.hotline.headerLink }).click();
      await expect(page).toHaveURL(/\/hotline$/);
      await page.getByRole("link", { name: s.followUp }).click();
      await expect(page).toHaveURL(/\/report\/follow-up$/);
      await expect(page.getByLabel(zh.followup.receiptLabel)).toBeVisible();
      expect(await page.context().cookies()).toEqual([]);
    });

    test("switches language without a cookie, and the report form and the follow-up keep it across their posts", async ({ page }) => {
      test.setTimeout(60_000);
      await page.goto("/report");
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      const switched = javaScriptEnabled ? null : nextDocument(page, "/report");
      await page.getByRole("button", { name: zh.common.switchTo }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      if (switched) expectAnonymous(await switched);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.hotline.form.title);
      expect(page.url()).toMatch(/\/report\?lang=en$/);
      expect(await page.context().cookies()).toEqual([]);

      // A post with a mistake comes back in English, and so does the receipt.
      const f = en.hotline.form;
      await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
      await page.getByRole("button", { name: f.submit }).click();
      await expect(page.getByRole("alert")).toHaveText(f.invalid);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.getByLabel(f.whatHappened, { exact: true }).fill(`Language ${Date.now()}: a supplier paid for a buyer's holiday.`);
      await page.getByRole("button", { name: f.submit }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.hotline.receipt.title);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      const receipt = (await page.getByTestId("receipt").textContent())!.trim();
      expect(receipt).toMatch(RECEIPT);
      expect(await page.context().cookies()).toEqual([]);

      // The follow-up, reached from the receipt page, is in English too, before and after the receipt.
      await page.getByRole("link", { name: en.hotline.receipt.followUpLink }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.followup.title);
      await page.getByLabel(en.followup.receiptLabel).fill("K7QM");
      await page.getByRole("button", { name: en.followup.open }).click();
      await expect(page.getByRole("alert")).toHaveText(en.followup.format.length);
      await page.getByLabel(en.followup.receiptLabel).fill(receipt);
      await page.getByRole("button", { name: en.followup.open }).click();
      await expect(page.getByTestId("follow-up-status")).toHaveText(en.followup.status.RECEIVED);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.getByLabel(en.followup.replyLabel).fill("One more detail.");
      await page.getByRole("button", { name: en.followup.send }).click();
      await expect(page.getByText(en.followup.sent)).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      // The one cookie is the reporter's session, set by the receipt: no language cookie anywhere.
      expect((await page.context().cookies()).map((c) => c.name)).toEqual(["sunline_report"]);
    });
  });
}

test.describe("a browser signed in to Sunline", () => {
  test.use(contextFor("zh-CN"));

  test("is told on the hotline that the report is not linked to the account, and is not shown its name there", async ({ page }) => {
    const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;
    await signIn(page, employee.email, DEMO_PASSWORD, "zh-CN");
    const signedInAs = (await page.locator(".signed-in").textContent())!.trim();
    expect(signedInAs.length).toBeGreaterThan(0);
    // The header offers the hotline to the signed-in too.
    await page.getByRole("navigation", { name: zh.nav.main }).getByRole("link", { name: zh.hotline.headerLink }).click();
    await expect(page).toHaveURL(/\/hotline$/);
    for (const path of ["/hotline", "/report", "/report/follow-up"]) {
      await page.goto(path);
      await expect(page.getByText(zh.hotline.signedInNote)).toBeVisible();
      await expect(page.getByText(signedInAs)).toHaveCount(0);
      await expect(page.getByRole("button", { name: zh.nav.logout })).toHaveCount(0);
    }
    // Back outside the hotline, the account is still signed in.
    await visitSignedIn(page, "/");
    await expect(page.getByText(signedInAs)).toBeVisible();
  });
});

test("a phone intake's receipt page names the entries a reporter really finds to follow up", async ({ browser }) => {
  test.setTimeout(60_000);
  const lead = DEMO_ACCOUNTS.find((a) => a.role === "compliance_lead")!;
  const handler = await browser.newContext(contextFor("zh-CN"));
  const h = await handler.newPage();
  await signIn(h, lead.email, DEMO_PASSWORD, "zh-CN");
  // The account's own language takes over once signed in, and an earlier test may have changed it.
  await ensureLanguage(h, "zh-CN");
  await visitSignedIn(h, "/cases/new");
  // The shared form speaks to the handler about the reporter, not to the reporter.
  const voice = zh.questions.intake.voice;
  await expect(h.getByRole("group", { name: voice.identityLegend })).toBeVisible();
  await expect(h.getByLabel(voice.name, { exact: true })).toBeVisible();
  await expect(h.getByText(zh.hotline.form.identityLegend, { exact: true })).toHaveCount(0);
  await expect(h.getByLabel(zh.hotline.form.name, { exact: true })).toHaveCount(0);
  await h.locator('input[name="category"][value="OTHER"]').check();
  await h.getByRole("radio", { name: zh.cases.channel.PHONE }).check();
  await h.getByLabel(zh.hotline.form.whatHappened, { exact: true }).fill(`来电 ${Date.now()}：仓库夜间有人搬运货物。`);
  await h.getByRole("button", { name: zh.hotline.form.submit }).click();
  await expect(h.getByRole("heading", { level: 1 })).toHaveText(zh.questions.intake.receiptTitle);
  const told = zh.questions.intake.reporterFollowUp(zh.hotline.headerLink, zh.hotline.start.followUp);
  await expect(h.getByText(told)).toBeVisible();
  const receipt = (await h.getByTestId("receipt").textContent())!.trim();
  await handler.close();

  // The reporter, signed out, follows exactly what they were told.
  const reporter = await browser.newContext({ javaScriptEnabled: false, ...contextFor("zh-CN") });
  const r = await reporter.newPage();
  await r.goto("/login");
  await r.getByRole("navigation", { name: zh.nav.main }).getByRole("link", { name: zh.hotline.headerLink, exact: true }).click();
  await r.getByRole("link", { name: zh.hotline.start.followUp }).click();
  await r.getByLabel(zh.followup.receiptLabel).fill(receipt);
  await r.getByRole("button", { name: zh.followup.open }).click();
  await expect(r.getByTestId("follow-up-status")).toHaveText(zh.followup.status.RECEIVED);
  await reporter.close();
});
