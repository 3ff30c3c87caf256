// An administrator adds a question for one category in the browser; the report form then asks it.
// With JavaScript the form shows only the chosen category's questions; without it every category's
// questions are on the page, each group labelled with the category it is for. The question is
// optional, so the other specs' reports are unaffected.
import { expect, test } from "@playwright/test";
import type { AppLocale } from "../../app/i18n/locales";
import { contextFor, DEMO_ACCOUNTS, getMessages, visitSignedIn, loginAs } from "./helpers";

const LABEL = { zh: "礼品是什么形式？", en: "What form did the gift take?" };

test("a question added by the administrator is asked for its category only", async ({ browser }) => {
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
  const adminContext = await browser.newContext(contextFor("en"));
  const page = await adminContext.newPage();
  await loginAs(page, admin.email);
  await expect(page).toHaveURL(/\/$/);
  await visitSignedIn(page, "/admin/questions/new?category=GIFTS");
  const locale = (await page.locator("html").getAttribute("lang")) as AppLocale;
  const m = getMessages(locale);
  const q = m.questions;
  await page.getByLabel(q.fields.kind).selectOption("CHOICE");
  await page.getByLabel(q.fields.labelZh).fill(LABEL.zh);
  await page.getByLabel(q.fields.labelEn).fill(LABEL.en);
  await page.getByLabel(q.fields.choices).fill("cash | 现金 | Cash\ntrip | 旅游 | Trip");
  await page.getByRole("button", { name: m.common.create }).click();
  await expect(page.getByText(q.done.created)).toBeVisible();
  await page.getByRole("link", { name: q.backToList }).click();
  await expect(page.getByRole("link", { name: locale === "en" ? LABEL.en : LABEL.zh })).toBeVisible();
  await adminContext.close();

  // With JavaScript: hidden until its category is chosen.
  const en = getMessages("en");
  const scripted = await browser.newContext(contextFor("en"));
  const reporter = await scripted.newPage();
  await reporter.goto("/report");
  const group = reporter.getByRole("group", { name: en.questions.form.onlyFor(en.hotline.form.categories.GIFTS.label) });
  await expect(group).toBeHidden();
  await reporter.getByRole("radio", { name: en.hotline.form.categories.OTHER.label }).check();
  await expect(group).toBeHidden();
  await reporter.getByRole("radio", { name: en.hotline.form.categories.GIFTS.label }).check();
  await expect(group).toBeVisible();
  await expect(group.getByLabel(LABEL.en)).toBeVisible();
  await scripted.close();

  // Without JavaScript: on the page, labelled with its category.
  const plain = await browser.newContext({ ...contextFor("zh-CN"), javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto("/report");
  const zh = getMessages("zh-CN");
  const plainGroup = noScript.getByRole("group", { name: zh.questions.form.onlyFor(zh.hotline.form.categories.GIFTS.label) });
  await expect(plainGroup).toBeVisible();
  await expect(plainGroup.getByLabel(LABEL.zh)).toBeVisible();
  await plain.close();
});

test("an investigator records a phone report and reads the receipt back", async ({ browser }) => {
  const investigator = DEMO_ACCOUNTS.find((a) => a.role === "investigator")!;
  const context = await browser.newContext(contextFor("zh-CN"));
  const page = await context.newPage();
  await loginAs(page, investigator.email);
  await expect(page).toHaveURL(/\/$/);
  await visitSignedIn(page, "/cases/new");
  const m = getMessages((await page.locator("html").getAttribute("lang")) as AppLocale);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.questions.intake.title);
  // (By value: in Chinese, "other" is part of other categories' hints too.)
  await page.locator('input[name="category"][value="OTHER"]').check();
  await page.getByLabel(m.hotline.form.whatHappened, { exact: true }).fill("来电：仓库夜间有人搬运货物。");
  // The channel is required: the form comes back with what was typed.
  await page.getByRole("button", { name: m.hotline.form.submit }).click();
  await expect(page.getByRole("alert")).toHaveText(m.hotline.form.invalid);
  await expect(page.getByLabel(m.hotline.form.whatHappened, { exact: true })).toHaveValue("来电：仓库夜间有人搬运货物。");
  await page.getByRole("radio", { name: m.cases.channel.PHONE }).check();
  await page.getByRole("button", { name: m.hotline.form.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.questions.intake.receiptTitle);
  await expect(page.getByText(m.questions.intake.readBack)).toBeVisible();
  await expect(page.getByTestId("receipt")).toHaveText(/^([2-9B-DF-HJKMNP-TV-XZ]{4}-){5}[2-9B-DF-HJKMNP-TV-XZ]{4}$/);
  // Not assigned to them yet: the page says a lead assigns it instead of linking to a case they cannot open.
  await expect(page.getByText(m.questions.intake.leadsAssign)).toBeVisible();
  await context.close();
});
