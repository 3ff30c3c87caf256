// Choosing a remediation owner, in Chromium without JavaScript and with it: the lead searches the directory by an
// employee number typed in lower case, chooses the person from the matches (nobody chosen in
// advance), is warned about a due date already past — with everything typed kept — and confirms it.
import { expect, test } from "@playwright/test";
import { contextFor, ensureLanguage, getMessages, loginAs, openFromQueue, reportThroughForm } from "./helpers";
import { demoPersonOf } from "../../prisma/demo-directory";

const m = getMessages("en");
const LEAD = "compliance2@demo.sunline.local";
const OWNER = demoPersonOf("employee@demo.sunline.local");

for (const javaScriptEnabled of [false, true]) {
  test(`a lead ${javaScriptEnabled ? "with" : "without"} JavaScript finds the owner by a lower-case employee number, is warned about a past due date and confirms it`, async ({ browser }) => {
    test.setTimeout(90_000);
    const stamp = Date.now().toString(36);

    const { reference } = await reportThroughForm(browser, { category: "GIFTS", whatHappened: `Owner ${stamp}: gifts at the year-end dinner.` });

    const context = await browser.newContext({ javaScriptEnabled, ...contextFor("en") });
    const lead = await context.newPage();
    await loginAs(lead, LEAD);
    await ensureLanguage(lead, "en");
    await openFromQueue(lead, reference);
    await lead.getByRole("navigation", { name: m.cases.tabs.label }).getByRole("link", { name: m.cases.tabs.remediation }).click();

    const a = m.remediation.add;
    const title = `Gift rules refresher ${stamp}`;
    await lead.getByLabel(a.title, { exact: true }).fill(title);
    await lead.getByLabel(a.ownerSearch, { exact: true }).fill(OWNER.employeeNumber.toLowerCase());
    await lead.getByRole("button", { name: a.findOwner, exact: true }).click();

    // The matches, nobody chosen; the title typed so far is still there.
    const choice = lead.getByRole("group", { name: a.ownerChoice });
    await expect(choice.getByRole("radio")).toHaveCount(1);
    await expect(choice.getByRole("radio", { checked: true })).toHaveCount(0);
    await expect(lead.getByLabel(a.title, { exact: true })).toHaveValue(title);
    await choice.getByRole("radio", { name: new RegExp(OWNER.nameEn) }).check();

    // A due date already past: a clear warning, nothing added, everything kept.
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await lead.getByLabel(a.dueDate, { exact: true }).fill(yesterday);
    await lead.getByRole("button", { name: a.submit, exact: true }).click();
    await expect(lead.getByText(m.remediation.errors.pastDue)).toBeVisible();
    await expect(lead.getByLabel(a.title, { exact: true })).toHaveValue(title);
    await expect(lead.getByLabel(a.dueDate, { exact: true })).toHaveValue(yesterday);
    await expect(lead.getByRole("radio", { name: new RegExp(OWNER.nameEn) })).toBeChecked();
    await expect(lead.getByRole("heading", { name: title })).toHaveCount(0);

    await lead.getByLabel(a.confirmPastDue).check();
    await lead.getByRole("button", { name: a.submit, exact: true }).click();
    await expect(lead.getByText(a.added)).toBeVisible();
    const added = lead.getByRole("article").filter({ hasText: title });
    await expect(added).toContainText(OWNER.nameEn);
    await expect(added).toContainText(m.remediation.overdue);

    await context.close();
  });
}
