// Closing tells the reporter, in Chromium: the lead closes a report without investigation; the form
// offers the outcome message prefilled in the organisation's default language (Chinese: the report
// does not record the reporter's), switchable to English and editable; the reporter finds it on the
// follow-up page, where the reply box says the case is closed and who still reads it — as does the
// handler's reply box.
import { expect, test } from "@playwright/test";
import { contextFor, ensureLanguage, getMessages, loginAs, openFromQueue, reportThroughForm } from "./helpers";

const m = getMessages("en");
const zh = getMessages("zh-CN");
const LEAD = "compliance1@demo.sunline.local";

test("closing a case writes the edited outcome message to the reporter, and both reply boxes say who still reads them", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);

  const { receipt, reference } = await reportThroughForm(browser, { category: "OTHER", whatHappened: `Closing ${stamp}: the canteen menu is unfair.` });

  const context = await browser.newContext(contextFor("en"));
  const lead = await context.newPage();
  await loginAs(lead, LEAD);
  await ensureLanguage(lead, "en");
  const caseUrl = await openFromQueue(lead, reference);
  await lead.goto(`${caseUrl}/workflow`);
  const w = m.workflow;
  await lead.getByRole("radio", { name: new RegExp(`^${w.severity[5].short.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).check();
  await lead.getByRole("button", { name: w.triage.submit }).click();
  await expect(lead.getByText(w.done.triage)).toBeVisible();

  // The offer: on, prefilled with the Chinese template (the organisation's default).
  const o = w.outcomeMessage;
  const notify = lead.getByLabel(o.notify, { exact: true });
  await expect(notify).toBeChecked();
  const message = lead.getByLabel(o.label, { exact: true });
  await expect(message).toHaveValue(zh.workflow.outcomeMessage.templates.noInvestigation);
  await expect(lead.getByText(o.language(o.languages["zh-CN"]))).toBeVisible();
  // The reporter wrote in English: the lead switches to the English template and edits it.
  await lead.getByRole("link", { name: o.switchTo(o.languages.en) }).click();
  await expect(message).toHaveValue(m.workflow.outcomeMessage.templates.noInvestigation);
  const edited = `${m.workflow.outcomeMessage.templates.noInvestigation} (${stamp})`;
  await message.fill(edited);
  await lead.getByLabel(w.closeNoInvestigation.reason, { exact: true }).fill("Not a breach of the code of conduct.");
  await lead.getByRole("button", { name: w.closeNoInvestigation.submit }).click();
  await expect(lead.getByText(w.done.closeNoInvestigation)).toBeVisible();

  // The handler's reply box on the closed case says who reads it.
  await lead.goto(`${caseUrl}/messages`);
  await expect(lead.getByText(m.cases.messages.closedReplyNote)).toBeVisible();
  await expect(lead.getByText(edited)).toBeVisible();

  // The reporter comes back (a new browser session, with the receipt): the outcome is there, and
  // the reply box says who still reads it.
  const fu = m.followup;
  const reporter = await browser.newContext(contextFor("en"));
  const r = await reporter.newPage();
  await r.goto("/report/follow-up");
  await r.getByLabel(fu.receiptLabel).fill(receipt);
  await r.getByRole("button", { name: fu.open }).click();
  await expect(r.getByTestId("follow-up-status")).toHaveText(fu.status.CLOSED);
  await expect(r.getByText(edited)).toBeVisible();
  await expect(r.getByText(fu.closedReplyNote)).toBeVisible();

  await reporter.close();
  await context.close();
});
