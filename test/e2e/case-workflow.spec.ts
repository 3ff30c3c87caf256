// Issue 3's second "done when", in Chromium: a compliance lead assigns a new report and reassigns it,
// then links an investigator as involved — that investigator can no longer find the case in the
// queue nor open it by its link. The assigned investigator triages, investigates, records findings;
// the lead approves them; the investigator closes the case with its lessons learned.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { contextFor, ensureLanguage, getMessages, loginAs, openFromQueue, reportThroughForm } from "./helpers";
import { demoPersonOf } from "../../prisma/demo-directory";

const m = getMessages("en");
const LEAD = "compliance1@demo.sunline.local";
const INVESTIGATOR = "investigator1@demo.sunline.local";
const IMPLICATED = "investigator2@demo.sunline.local";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(contextFor("en"));
  const page = await context.newPage();
  await loginAs(page, email);
  await expect(page.getByRole("link", { name: /Cases|案件/ }).first()).toBeVisible();
  await ensureLanguage(page, "en");
  return page;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("a lead assigns and reassigns, an implicated investigator loses the case, the assigned one takes it from triage to closed", async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);

  // A report comes in on the web.
  const { reference } = await reportThroughForm(browser, { category: "GIFTS", whatHappened: `Workflow ${stamp}: a buyer accepted a holiday from a supplier.` });

  // The lead finds it in the queue and opens the people tab.
  const lead = await signedIn(browser, LEAD);
  const caseUrl = await openFromQueue(lead, reference);
  await lead.getByRole("link", { name: m.cases.tabs.people }).click();

  // Assign the second investigator, then reassign the case to the first one instead.
  const implicatedName = demoPersonOf(IMPLICATED).nameEn;
  const investigatorName = demoPersonOf(INVESTIGATOR).nameEn;
  const c = m.conflicts;
  // Each handler is offered with their role, and nobody is chosen in advance.
  const handlerChoice = (name: string) => lead.getByRole("radio", { name: new RegExp(`^${escape(name)} .*— ${escape(m.roles.investigator)}`) });
  await expect(lead.getByRole("group", { name: c.assignees.choose }).getByRole("radio", { checked: true })).toHaveCount(0);
  await handlerChoice(implicatedName).check();
  await lead.getByRole("button", { name: c.assignees.submit, exact: true }).click();
  await expect(lead.getByText(c.done.assigned)).toBeVisible();
  // The current assignees are the list items' names (the form's options name everyone assignable).
  const assigned = (name: string) => lead.getByRole("region", { name: c.assignees.title }).getByRole("listitem").filter({ hasText: name });
  await expect(assigned(implicatedName)).toBeVisible();
  // Found by name in lower case, as a lead would type it.
  await lead.getByLabel(c.assignees.findLabel).fill(investigatorName.toLowerCase());
  await lead.getByRole("button", { name: c.assignees.find, exact: true }).click();
  await expect(handlerChoice(implicatedName)).toHaveCount(0);
  await handlerChoice(investigatorName).check();
  await lead.getByLabel(c.assignees.replacing, { exact: true }).selectOption({ label: implicatedName });
  await lead.getByRole("button", { name: c.assignees.submit, exact: true }).click();
  await expect(lead.getByText(c.done.assigned)).toBeVisible();
  await expect(assigned(investigatorName)).toBeVisible();
  await expect(assigned(implicatedName)).toHaveCount(0);

  // The report names the second investigator: the lead links them as involved.
  await lead.getByLabel(c.involved.searchLabel).fill(IMPLICATED);
  await lead.getByRole("button", { name: c.involved.search, exact: true }).click();
  await lead.getByRole("button", { name: c.involved.link }).click();
  await expect(lead.getByText(c.done.linked)).toBeVisible();
  await expect(lead.getByText(c.exclusions.reasons.INVOLVED).first()).toBeVisible();

  // The implicated investigator: not in the queue, and the link answers "not found".
  const implicated = await signedIn(browser, IMPLICATED);
  await implicated.goto("/cases");
  await expect(implicated.getByRole("heading", { level: 1 })).toHaveText(m.cases.queue.title);
  await expect(implicated.getByRole("link", { name: reference })).toHaveCount(0);
  for (const path of [caseUrl, `${caseUrl}/messages`, `${caseUrl}/workflow`]) {
    const response = await implicated.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(implicated.getByText(`Workflow ${stamp}`)).toHaveCount(0);
  }

  // The assigned investigator triages and investigates.
  const w = m.workflow;
  const investigator = await signedIn(browser, INVESTIGATOR);
  await investigator.goto("/cases");
  await investigator.getByRole("link", { name: reference }).click();
  await investigator.getByRole("link", { name: m.cases.tabs.workflow }).click();
  await investigator.getByRole("radio", { name: new RegExp(`^${escape(w.severity[2].short)}`) }).check();
  await investigator.getByLabel(w.triage.category, { exact: true }).selectOption("GIFTS");
  await investigator.getByRole("button", { name: w.triage.submit }).click();
  await expect(investigator.getByText(w.done.triage)).toBeVisible();

  await investigator.getByLabel(w.start.plan, { exact: true }).fill("Interview the buyer; ask the travel agency for the booking.");
  await investigator.getByRole("button", { name: w.start.submit }).click();
  await expect(investigator.getByText(w.done.start)).toBeVisible();

  await investigator.getByLabel(w.investigation.evidence, { exact: true }).fill("Booking confirmation paid by the supplier, 8,600 CNY.");
  await investigator.getByRole("button", { name: w.investigation.submit }).click();
  await expect(investigator.getByText(w.done.investigation)).toBeVisible();

  await investigator.getByRole("radio", { name: w.outcome.SUBSTANTIATED, exact: true }).check();
  await investigator.getByLabel(w.findings.cause, { exact: true }).fill("The buyer accepted a paid holiday and did not declare it.");
  await investigator.getByLabel(w.findings.loss, { exact: true }).fill("8600");
  await investigator.getByLabel(w.findings.responsible, { exact: true }).fill("The buyer");
  await investigator.getByLabel(w.findings.sanction, { exact: true }).fill("Written warning; repayment.");
  await investigator.getByRole("button", { name: w.findings.submit }).click();
  await expect(investigator.getByText(w.done.findings)).toBeVisible();
  // Approval is not the investigator's.
  await expect(investigator.getByRole("button", { name: w.approve.submit })).toHaveCount(0);

  // The lead approves.
  await lead.goto(`${caseUrl}/workflow`);
  await lead.getByRole("button", { name: w.approve.submit }).click();
  await expect(lead.getByText(w.done.approve)).toBeVisible();

  // The investigator closes with the lessons learned.
  await investigator.goto(`${caseUrl}/workflow`);
  await investigator.getByLabel(w.close.lessons, { exact: true }).fill("Gifts register for every buyer, reviewed monthly.");
  await investigator.getByRole("button", { name: w.close.submit }).click();
  await expect(investigator.getByText(w.done.close)).toBeVisible();
  await expect(investigator.locator(".case-header")).toContainText(w.status.CLOSED);

  // Every step is on the timeline.
  await investigator.getByRole("link", { name: m.cases.tabs.timeline }).click();
  await expect(investigator.getByText(m.cases.timeline.events["status.changed"]).first()).toBeVisible();

  for (const page of [lead, implicated, investigator]) await page.context().close();
});
