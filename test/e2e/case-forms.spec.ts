// Typed text survives the end of a session, and a form posts once (ADR 0018), in Chromium with
// JavaScript on and off:
// - a compliance lead whose session ended while writing an internal note is told they were signed
//   out to protect them, signs in again and finds the note back in its box, unsent; sent, it
//   appears once and the box is empty;
// - the same form sent twice (a double click without JavaScript) adds one note;
// - a reporter whose session ended while replying is told so (never "closed"), types the receipt
//   and finds the reply back in its box; the page says when the session ends, and with JavaScript
//   warns two minutes before and offers to stay.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { contextFor, DEMO_PASSWORD, ensureLanguage, getMessages, openFromQueue, reportThroughForm, signIn } from "./helpers";

const m = getMessages("en");
const fu = m.followup;
const mm = m.cases.messages;
const so = m.forms.signedOut;
const LEAD = "compliance2@demo.sunline.local";

/** A report filed without JavaScript: its receipt. */
async function fileReport(browser: Browser, what: string): Promise<string> {
  return (await reportThroughForm(browser, { category: "GIFTS", whatHappened: what, javaScriptEnabled: false })).receipt;
}

async function openCaseMessages(page: Page, reference: string): Promise<string> {
  await signIn(page, LEAD, DEMO_PASSWORD, "en");
  await ensureLanguage(page, "en");
  const caseUrl = await openFromQueue(page, reference);
  await page.goto(`${caseUrl}/messages`);
  return `${caseUrl}/messages`;
}

const internal = (page: Page) => page.locator("section", { has: page.locator("#thread-internal") });
const noteBox = (page: Page) => internal(page).getByLabel(mm.noteBody, { exact: true });

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(mode, () => {
    test.use({ javaScriptEnabled, ...contextFor("en") });

    test(`a lead signed out while writing a note gets it back after signing in again, and it posts once (${mode})`, async ({ page, browser }) => {
      test.setTimeout(90_000);
      const stamp = `${Date.now().toString(36)}-${javaScriptEnabled ? "js" : "nojs"}`;
      const receipt = await fileReport(browser, `Case forms ${stamp}: a supplier paid for a manager's holiday.`);
      await openCaseMessages(page, receipt.slice(0, 9));

      const note = `Note ${stamp}\nThe supplier's invoice 4471 matches the booking.`;
      await noteBox(page).fill(note);
      // The session ends (idle or absolute time-out) while the note is being written.
      await page.context().clearCookies({ name: "sunline_session" });
      await internal(page).getByRole("button", { name: mm.addNote }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText(so.title);
      await expect(page.getByText(so.intro)).toBeVisible();
      await page.getByLabel(m.auth.login.email).fill(LEAD);
      await page.getByLabel(m.auth.login.password).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: so.signIn }).click();
      if (!javaScriptEnabled) await page.getByRole("button", { name: so.continue }).click();

      await expect(page).toHaveURL(/\/messages$/);
      await expect(page.getByText(so.restored)).toBeVisible();
      await expect(noteBox(page)).toHaveValue(note);
      // Not posted yet: the thread is still empty.
      await expect(internal(page).getByText(mm.empty)).toBeVisible();

      await internal(page).getByRole("button", { name: mm.addNote }).click();
      await expect(internal(page).getByText(mm.posted)).toBeVisible();
      await expect(noteBox(page)).toHaveValue("");
      await expect(internal(page).locator(".message").filter({ hasText: `Note ${stamp}` })).toHaveCount(1);

      // The same form sent twice — what a double click does without JavaScript — adds one note.
      const again = `Second ${stamp}`;
      await noteBox(page).fill(again);
      const form = internal(page).locator("form");
      const fields = {
        thread: "INTERNAL",
        body: again,
        formKey: await form.locator('input[name="formKey"]').inputValue(),
      };
      const action = new URL(page.url()).pathname;
      for (let i = 0; i < 2; i++) {
        const res = await page.request.post(action, { multipart: fields, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
        expect(res.status()).toBe(302);
      }
      await page.reload();
      await expect(internal(page).locator(".message").filter({ hasText: again })).toHaveCount(1);
    });

    test(`a reporter signed out while replying is told why, and gets the reply back with the receipt (${mode})`, async ({ page, browser }) => {
      test.setTimeout(90_000);
      const stamp = `${Date.now().toString(36)}-${javaScriptEnabled ? "js" : "nojs"}`;
      const receipt = await fileReport(browser, `Follow-up forms ${stamp}: an expensive dinner.`);
      await page.goto("/report/follow-up");
      await page.getByLabel(fu.receiptLabel).fill(receipt);
      await page.getByRole("button", { name: fu.open }).click();
      // Without JavaScript too, the page says when the session will end.
      await expect(page.getByTestId("session-ends")).toContainText("15 minutes without activity");
      await expect(page.getByTestId("session-ends")).toContainText(/at \d\d:\d\d/);

      const reply = `Reply ${stamp}: there was a second dinner in March.`;
      await page.getByLabel(fu.replyLabel).fill(reply);
      await page.context().clearCookies();
      await page.getByRole("button", { name: fu.send }).click();

      await expect(page.getByText(fu.sessionEndedNotSent)).toBeVisible();
      await expect(page.getByText(/closed/i)).toHaveCount(0);
      // Still no cookie: nothing is kept before the receipt is typed again.
      expect(await page.context().cookies()).toEqual([]);
      await page.getByLabel(fu.receiptLabel).fill(receipt);
      await page.getByRole("button", { name: fu.open }).click();

      await expect(page.getByText(fu.replyRestored)).toBeVisible();
      await expect(page.getByLabel(fu.replyLabel)).toHaveValue(reply);
      await expect(page.locator(".message").filter({ hasText: reply })).toHaveCount(0);
      await page.getByRole("button", { name: fu.send }).click();
      await expect(page.getByText(fu.sent)).toBeVisible();
      await expect(page.locator(".message").filter({ hasText: reply })).toHaveCount(1);
      await expect(page.getByLabel(fu.replyLabel)).toHaveValue("");
    });
  });
}

test.describe("with JavaScript, before the reporter's session ends", () => {
  test.use({ ...contextFor("en") });

  test("a visible warning two minutes before offers to stay", async ({ page, browser }) => {
    test.setTimeout(60_000);
    const receipt = await fileReport(browser, `Warning ${Date.now().toString(36)}: a gift card.`);
    await page.clock.install();
    await page.goto("/report/follow-up");
    await page.getByLabel(fu.receiptLabel).fill(receipt);
    await page.getByRole("button", { name: fu.open }).click();
    await expect(page.getByTestId("follow-up-status")).toBeVisible();
    await expect(page.getByText(fu.sessionEndingSoon)).toHaveCount(0);

    await page.clock.fastForward("13:30");
    await expect(page.getByText(fu.sessionEndingSoon)).toBeVisible();
    await page.getByRole("button", { name: fu.stay }).click();
    await expect(page.getByText(fu.sessionEndingSoon)).toHaveCount(0);
  });
});
