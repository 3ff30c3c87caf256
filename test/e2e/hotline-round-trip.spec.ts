// Issue 3's first "done when": in Chromium with JavaScript disabled, a reporter files a report with
// a file, reads the receipt, comes back with it, reads a handler's reply and answers it — and the
// handler, on the case page, reads the answer and its file. The handler's side runs without
// JavaScript too: every form of the case pages is a plain form.
import { expect, test, type Browser } from "@playwright/test";
import { contextFor, ensureLanguage, getMessages, signIn, DEMO_PASSWORD } from "./helpers";

const m = getMessages("en");
const f = m.hotline.form;
const fu = m.followup;

async function noScriptPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, ...contextFor("en") });
  return { context, page: await context.newPage() };
}

test("a reporter without JavaScript files a report with a file, comes back with the receipt, reads the reply and answers it", async ({ browser }) => {
  // Two people, a dozen page loads, two Argon2id checks (receipt, sign-in): more than the default.
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const account = `Round trip ${stamp}: the warehouse manager sells scrap copper on the side.`;
  const reporter = await noScriptPage(browser);
  const r = reporter.page;

  // 1. File the report, with a file.
  await r.goto("/report");
  await r.getByRole("radio", { name: f.categories.MISAPPROPRIATION.label }).check();
  await r.getByLabel(f.whatHappened, { exact: true }).fill(account);
  await r.getByLabel(f.attachmentsLabel, { exact: true }).setInputFiles({
    name: `weighbridge-${stamp}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(`weighbridge log ${stamp}\n2026-11-02 14:10 1,240 kg out, no delivery note\n`),
  });
  await r.getByRole("button", { name: f.submit }).click();
  await expect(r.getByRole("heading", { level: 1 })).toHaveText(m.hotline.receipt.title);
  const receipt = (await r.getByTestId("receipt").textContent())!.trim();
  const reference = receipt.slice(0, 9);
  expect(await reporter.context.cookies()).toEqual([]);

  // 2. Come back with the receipt (typed in lower case, without dashes): the acknowledgement is there.
  await r.goto("/report/follow-up");
  await r.getByLabel(fu.receiptLabel).fill(receipt.replace(/-/g, " ").toLowerCase());
  await r.getByRole("button", { name: fu.open }).click();
  await expect(r).toHaveURL(/\/report\/follow-up$/);
  await expect(r.getByTestId("follow-up-status")).toHaveText(fu.status.RECEIVED);
  await expect(r.getByText(account)).toBeVisible();
  await expect(r.getByText(/Thank you: your report has been received/)).toBeVisible();
  const [cookie] = await reporter.context.cookies();
  expect(cookie).toMatchObject({ name: "sunline_report", path: "/report", httpOnly: true, sameSite: "Strict", expires: -1 });

  // 3. A compliance lead (no JavaScript either) finds the case in the queue, reads the file and replies.
  const handler = await noScriptPage(browser);
  const h = handler.page;
  await signIn(h, "compliance1@demo.sunline.local", DEMO_PASSWORD, "en");
  await expect(h.getByRole("link", { name: /Cases|案件/ }).first()).toBeVisible();
  await ensureLanguage(h, "en");
  await h.goto("/cases");
  await h.getByRole("link", { name: reference }).click();
  await expect(h.getByText(account)).toBeVisible();
  const download = h.waitForEvent("download");
  await h.getByRole("link", { name: m.cases.files.download(`weighbridge-${stamp}.txt`) }).click();
  const file = await download;
  const stream = await file.createReadStream();
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  expect(text).toContain(`weighbridge log ${stamp}`);

  await h.getByRole("link", { name: m.cases.tabs.messages }).click();
  const toReporter = h.getByRole("region", { name: m.cases.messages.reporterThread });
  const question = `Question ${stamp}: on which days did the trucks leave without a delivery note?`;
  await toReporter.getByLabel(m.cases.messages.body, { exact: true }).fill(question);
  await toReporter.getByRole("button", { name: m.cases.messages.sendToReporter }).click();
  await expect(toReporter.getByText(m.cases.messages.posted)).toBeVisible();
  await expect(toReporter.getByText(question)).toBeVisible();

  // 4. The reporter reads the reply and answers it, with another file.
  await r.goto("/report/follow-up");
  await expect(r.getByText(question)).toBeVisible();
  await expect(r.getByText(fu.from.OFFICE, { exact: true }).first()).toBeVisible();
  const answer = `Answer ${stamp}: Tuesdays and Fridays, after the day shift.`;
  await r.getByLabel(fu.replyLabel).fill(answer);
  await r.getByLabel(f.attachmentsLabel, { exact: true }).setInputFiles({
    name: `photo-list-${stamp}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from("plates: 沪A·12345, 沪B·67890\n"),
  });
  await r.getByRole("button", { name: fu.send }).click();
  await expect(r.getByText(fu.sent)).toBeVisible();
  await expect(r.getByText(answer)).toBeVisible();

  // 5. The handler reads the answer and sees its file; the reporter's thread never shows internal notes.
  await h.reload();
  await expect(toReporter.getByText(answer)).toBeVisible();
  await expect(toReporter.getByRole("link", { name: m.cases.files.download(`photo-list-${stamp}.txt`) })).toBeVisible();
  const internal = h.getByRole("region", { name: m.cases.messages.internalThread });
  const note = `Internal ${stamp}: check the weighbridge camera.`;
  await internal.getByLabel(m.cases.messages.noteBody, { exact: true }).fill(note);
  await internal.getByRole("button", { name: m.cases.messages.addNote }).click();
  await expect(internal.getByText(note)).toBeVisible();
  await r.reload();
  await expect(r.getByText(answer)).toBeVisible();
  await expect(r.getByText(note)).toHaveCount(0);

  // 6. Leaving ends the reporter's session: the page asks for the receipt again.
  await r.getByRole("button", { name: fu.leave }).click();
  await r.goto("/report/follow-up");
  await expect(r.getByLabel(fu.receiptLabel)).toBeVisible();
  await expect(r.getByText(answer)).toHaveCount(0);

  await reporter.context.close();
  await handler.context.close();
});
