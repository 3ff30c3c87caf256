// The hotline under the mishaps of real browsers and hostile input, against the built server:
// a double click with JavaScript off shows the receipt (ADR 0017), and a file name the old
// multipart parser choked on files the report without writing that name anywhere.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { AppLocale } from "../../app/i18n/locales";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages, signIn, visitSignedIn } from "./helpers";

const RECEIPT = /^([2-9B-DF-HJKMNP-TV-XZ]{4}-){5}[2-9B-DF-HJKMNP-TV-XZ]{4}$/;
const SERVER_LOG = path.resolve(".tmp/e2e/server.log");

test.describe("the hotline without JavaScript", () => {
  test.use({ javaScriptEnabled: false, ...contextFor("en") });

  test("a quick double click on submit sends the form twice and still shows the receipt", async ({ page }) => {
    const m = getMessages("en");
    const f = m.hotline.form;
    let posts = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/report") posts += 1;
    });

    await page.goto("/report");
    await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
    await page.getByLabel(f.whatHappened, { exact: true }).fill("A supplier paid for the buyer's holiday. (double click)");
    // Two clicks as a person makes them (a dblclick's two clicks come too close together: the
    // browser replaces the first submission before it leaves): the first post is on its way, and
    // the page is still the form, when the second click sends it again.
    const button = page.getByRole("button", { name: f.submit });
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/report");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await sent;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.hotline.receipt.title);
    await expect(page.getByTestId("receipt")).toHaveText(RECEIPT);
    // The browser did send the form twice: the page shown is the second post's answer.
    expect(posts).toBe(2);
  });

  test("a handler's intake double-clicked at /cases/new records one case and shows its receipt", async ({ page }) => {
    const lead = DEMO_ACCOUNTS.find((a) => a.email.startsWith("compliance1"))!;
    await signIn(page, lead.email, DEMO_PASSWORD, "en");
    await visitSignedIn(page, "/cases/new");
    const m = getMessages((await page.locator("html").getAttribute("lang")) as AppLocale);
    const tag = randomBytes(4).toString("hex");
    let posts = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/cases/new") posts += 1;
    });
    await page.getByRole("radio", { name: m.cases.channel.PHONE }).check();
    await page.locator('input[name="category"][value="OTHER"]').check();
    await page.getByLabel(m.hotline.form.whatHappened, { exact: true }).fill(`Caller ${tag}: goods leave the warehouse at night.`);
    const button = page.getByRole("button", { name: m.hotline.form.submit });
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    const sent = page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/cases/new");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await sent;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.questions.intake.receiptTitle);
    await expect(page.getByTestId("receipt")).toHaveText(RECEIPT);
    expect(posts).toBe(2);
    // One case: the queue lists the reference once.
    const reference = (await page.getByTestId("reference").textContent())!.trim();
    await page.getByRole("link", { name: m.questions.intake.openCase }).click();
    await visitSignedIn(page, "/cases");
    await expect(page.getByText(reference, { exact: true })).toHaveCount(1);
  });

  test("a file name with ; and = files the report, and neither it nor the text reaches the server's log", async ({ page }) => {
    const m = getMessages("en");
    const f = m.hotline.form;
    const tag = randomBytes(6).toString("hex");
    const fileName = `CANARYNAME${tag}; filename=x=y.txt`;
    const text = `CANARYTYPED${tag} what happened`;

    await page.goto("/report");
    await page.getByRole("radio", { name: f.categories.OTHER.label }).check();
    await page.getByLabel(f.whatHappened, { exact: true }).fill(text);
    await page.getByLabel(f.attachmentsLabel, { exact: true }).setInputFiles({ name: fileName, mimeType: "text/plain", buffer: Buffer.from("evidence\n") });
    await page.getByRole("button", { name: f.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.hotline.receipt.title);

    const log = fs.readFileSync(SERVER_LOG, "utf8");
    expect(log).toContain('"server.listening"');
    expect(log).not.toContain(`CANARYNAME${tag}`);
    expect(log).not.toContain(`CANARYTYPED${tag}`);
  });
});
