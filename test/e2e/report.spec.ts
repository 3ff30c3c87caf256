// The hotline's form with JavaScript switched off: a reporter files a report in Chinese with a file,
// gets the form back with what they typed after a mistake, and reads the receipt on the page. Every
// /report response is uncacheable and unindexed, and nothing sets a cookie.
import { expect, test, type Response } from "@playwright/test";
import { contextFor, getMessages } from "./helpers";

const RECEIPT = /^([2-9B-DF-HJKMNP-TV-XZ]{4}-){5}[2-9B-DF-HJKMNP-TV-XZ]{4}$/;

function expectPrivate(response: Response | null) {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  expect(headers["set-cookie"]).toBeUndefined();
}

test.describe("the hotline without JavaScript", () => {
  test.use({ javaScriptEnabled: false, ...contextFor("zh-CN") });

  test("a report filed in Chinese shows its receipt once, and no page is cached, indexed or sets a cookie", async ({ page }) => {
    const m = getMessages("zh-CN");
    const f = m.hotline.form;

    // Signed out, the header offers the hotline on every page; its start page leads to the form.
    await page.goto("/login");
    await page.getByRole("navigation", { name: m.nav.main }).getByRole("link", { name: m.hotline.headerLink }).click();
    await expect(page).toHaveURL(/\/hotline$/);
    await page.getByRole("link", { name: m.hotline.start.report }).click();
    await expect(page).toHaveURL(/\/report$/);
    expectPrivate(await page.reload());
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(f.title);

    // A first try without the account of what happened: the form comes back with the rest kept.
    await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
    await page.getByLabel(f.when, { exact: true }).fill("上个月");
    await page.getByLabel(f.involved, { exact: true }).fill("采购部王经理");
    const evidence = { name: "记录.txt", mimeType: "text/plain", buffer: Buffer.from("5月3日 三亚 酒店账单 8,000 元\n") };
    await page.getByLabel(f.attachmentsLabel, { exact: true }).setInputFiles(evidence);
    const failed = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/report");
    await page.getByRole("button", { name: f.submit }).click();
    expectPrivate(await failed);
    await expect(page.getByRole("alert")).toHaveText(f.invalid);
    await expect(page.locator(".field-error", { hasText: m.errors.required })).toBeVisible();
    await expect(page.getByRole("radio", { name: f.categories.GIFTS.label })).toBeChecked();
    await expect(page.getByLabel(f.when, { exact: true })).toHaveValue("上个月");
    await expect(page.getByLabel(f.involved, { exact: true })).toHaveValue("采购部王经理");
    // A browser cannot be given files back: the form says to choose them again.
    await expect(page.getByText(f.filesAgain)).toBeVisible();
    await page.getByLabel(f.attachmentsLabel, { exact: true }).setInputFiles(evidence);

    await page.getByLabel(f.whatHappened, { exact: true }).fill("供应商请采购经理全家去三亚旅游。\n发票上写的是“培训费”。");
    const filed = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/report");
    await page.getByRole("button", { name: f.submit }).click();
    expectPrivate(await filed);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.hotline.receipt.title);
    const receipt = (await page.getByTestId("receipt").textContent())!.trim();
    expect(receipt).toMatch(RECEIPT);
    await expect(page.getByTestId("reference")).toHaveText(receipt.slice(0, 9));
    await expect(page.getByText(m.hotline.receipt.receiptIntro)).toBeVisible();
    await expect(page.getByRole("link", { name: m.hotline.receipt.followUpLink })).toHaveAttribute("href", "/report/follow-up");
    // The receipt is in the page only: not in the address, and no cookie was set along the way.
    expect(page.url()).not.toContain(receipt.slice(10));
    expect(await page.context().cookies()).toEqual([]);
  });
});
