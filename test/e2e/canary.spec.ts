// The canary search: a report filed through the real server, with a distinctive
// browser and a forwarded client address, then a reply through the follow-up page, leave no trace in
// a copy of the database or in any log: not the text, the file's name or content, the receipt (with
// or without its dashes), the user agent or the address. The search itself is shown to work: it finds
// what is stored in the clear (the case reference) and the server's own log lines.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { contextFor, getMessages } from "./helpers";

/** Everything the e2e server writes: its SQLite database (with -wal and -shm) and its log (serve.mjs). */
const E2E_DIR = path.resolve(".tmp/e2e");
const DATABASE_FILES = ["e2e.db", "e2e.db-wal", "e2e.db-shm"].map((f) => path.join(E2E_DIR, f));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The needles found in any of the files, as raw bytes (UTF-8, and UTF-16LE in case something wrote that). */
function foundIn(files: string[], needles: string[]): Array<{ needle: string; file: string }> {
  const hits: Array<{ needle: string; file: string }> = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, "utf8")) || bytes.includes(Buffer.from(needle, "utf16le"))) hits.push({ needle, file: path.relative(E2E_DIR, file) });
    }
  }
  return hits;
}

const tag = randomBytes(6).toString("hex");
const octet = () => 1 + (randomBytes(1)[0] % 254);
const CANARY = {
  text: `CANARYTEXT${tag} 举报内容绝密`,
  reply: `CANARYREPLY${tag}`,
  fileName: `CANARYFILE${tag}.txt`,
  fileContent: `CANARYCONTENT${tag}`,
  userAgent: `SunlineCanaryAgent/${tag} (X11; Canary)`,
  ipv4: `198.51.${octet()}.${octet()}`,
  ipv6: `2001:db8:${tag.slice(0, 4)}:${tag.slice(4, 8)}::${tag.slice(8, 12)}`,
};

test.describe("the canary search", () => {
  test.use({
    ...contextFor("en"),
    userAgent: CANARY.userAgent,
    extraHTTPHeaders: {
      "Accept-Language": "en",
      "X-Forwarded-For": `${CANARY.ipv4}, ${CANARY.ipv6}`,
      "X-Real-IP": CANARY.ipv4,
      Forwarded: `for=${CANARY.ipv4}`,
    },
  });

  test("a report and a reply leave nothing of the reporter in the database files or the logs", async ({ page }) => {
    const m = getMessages("en");
    const f = m.hotline.form;

    await page.goto("/report");
    await page.getByRole("radio", { name: f.categories.OTHER.label }).check();
    await page.getByLabel(f.whatHappened, { exact: true }).fill(CANARY.text);
    await page
      .getByLabel(f.attachmentsLabel, { exact: true })
      .setInputFiles({ name: CANARY.fileName, mimeType: "text/plain", buffer: Buffer.from(`${CANARY.fileContent}\n`) });
    await page.getByRole("button", { name: f.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.hotline.receipt.title);
    const receipt = (await page.getByTestId("receipt").textContent())!.trim();
    const groups = receipt.split("-");
    expect(groups.length).toBeGreaterThan(3);
    const reference = groups.slice(0, 2).join("");
    const secret = groups.slice(2);

    // Back with the receipt: the reporter answers.
    await page.goto("/report/follow-up");
    await page.getByLabel(m.followup.receiptLabel, { exact: true }).fill(receipt);
    await page.getByRole("button", { name: m.followup.open }).click();
    await page.getByLabel(m.followup.replyLabel, { exact: true }).fill(CANARY.reply);
    await page.getByRole("button", { name: m.followup.send }).click();
    await expect(page.getByText(CANARY.reply)).toBeVisible();

    const needles = [
      CANARY.text,
      "举报内容绝密",
      CANARY.reply,
      CANARY.fileName,
      CANARY.fileContent,
      receipt,
      groups.join(""),
      secret.join("-"),
      secret.join(""),
      CANARY.userAgent,
      `SunlineCanaryAgent/${tag}`,
      CANARY.ipv4,
      CANARY.ipv6,
    ];
    const logs = filesUnder(E2E_DIR).filter((file) => !DATABASE_FILES.includes(file));
    expect(logs.some((file) => file.endsWith("server.log"))).toBe(true);
    expect(foundIn(DATABASE_FILES, needles)).toEqual([]);
    expect(foundIn(logs, needles)).toEqual([]);

    // The search works: the reference is stored in the clear, and the log holds the server's lines.
    expect(foundIn(DATABASE_FILES, [reference]).length).toBeGreaterThan(0);
    expect(foundIn(logs, ['"server.listening"']).length).toBeGreaterThan(0);
  });
});
