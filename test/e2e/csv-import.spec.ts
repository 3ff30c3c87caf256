// The directory import with JavaScript switched off, as an administrator would do it from a locked-
// down browser: upload a UTF-8 CSV (with a BOM, Chinese names, the demo company's departments),
// check the preview, commit, and find the new people in the directory.
import { expect, test } from "@playwright/test";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, ensureLanguage, getMessages, visitSignedIn, loginAs } from "./helpers";

const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const m = getMessages("en");
const t = m.people.import;

// E00009 heads Finance in the demo seed (prisma/seed-data.ts: HQ has E00001–E00008).
const CSV = [
  "employee_number,name_zh,name_en,email,department_code,manager_employee_number,hire_date",
  "E90101,欧阳晨曦,Chenxi Ouyang,chenxi.ouyang@e2e.example,FIN,E00009,2026-03-02",
  "E90102,司马明远,Mingyuan Sima,mingyuan.sima@e2e.example,RD,E90101,2026-03-09",
].join("\r\n");

test.use({ javaScriptEnabled: false, ...contextFor("en") });

test("an administrator imports a CSV file without JavaScript", async ({ page }) => {
  await loginAs(page, admin.email);
  await expect(page).toHaveURL(/\/$/);
  await ensureLanguage(page, "en");

  await visitSignedIn(page, "/admin/people/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.title);
  await page.getByLabel(t.file).setInputFiles({
    name: "new-starters.csv",
    mimeType: "text/csv",
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV + "\r\n", "utf8")]),
  });
  await page.getByRole("button", { name: t.upload }).click();

  // The preview: nothing written yet, two new people, no errors.
  await expect(page.getByRole("heading", { level: 2, name: `${t.previewTitle}: new-starters.csv` })).toBeVisible();
  await expect(page.locator('[data-count="create"] dd')).toHaveText("2");
  await expect(page.locator('[data-count="error"] dd')).toHaveText("0");
  await expect(page.locator('tr[data-outcome="create"]')).toHaveCount(2);
  await expect(page.locator('tr[data-outcome="create"]', { hasText: "欧阳晨曦" })).toContainText("E90101");
  await visitSignedIn(page, "/admin/people?q=E90101");
  await expect(page.getByText(m.people.search.noResults)).toBeVisible();

  // The same file again, this time without a byte-order mark, and commit it.
  await visitSignedIn(page, "/admin/people/import");
  await page.getByLabel(t.file).setInputFiles({ name: "new-starters.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await page.getByRole("button", { name: t.upload }).click();
  // A commit can disable accounts, so it asks for the administrator's password again.
  await page.getByLabel(m.people.account.reauthPassword).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: t.commit(2) }).click();
  await expect(page.getByRole("status")).toHaveText(t.done({ create: 2, update: 0, unchanged: 0 }));

  // The people are in the directory, found by their Chinese name, in the department from the file.
  await visitSignedIn(page, "/admin/people");
  await page.getByLabel(m.people.search.label).fill("欧阳晨曦");
  await page.getByRole("button", { name: m.people.search.apply }).click();
  const row = page.locator("tbody tr", { hasText: "E90101" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Chenxi Ouyang");
  await expect(row).toContainText("Finance");
  await expect(page.getByText(m.people.total(1))).toBeVisible();
});
