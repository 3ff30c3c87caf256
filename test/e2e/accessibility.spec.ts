// What a person with a screen reader or a phone meets: the language switcher's accessible name
// holds its visible text (WCAG 2.5.3), axe finds nothing on the main pages, and the case queue
// fits a 390 px phone in Chinese with its deadlines in view.
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { contextFor, DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages, signIn, visitSignedIn } from "./helpers";

const zh = getMessages("zh-CN");
const en = getMessages("en");

test.describe("the language switcher", () => {
  test.use(contextFor("zh-CN"));

  test("is named by its visible text, marked with that text's language, on the hotline and elsewhere", async ({ page }) => {
    for (const path of ["/login", "/hotline", "/report"]) {
      await page.goto(path);
      const button = page.getByRole("button", { name: zh.common.switchTo });
      await expect(button).toBeVisible();
      await expect(button).toHaveAccessibleName(new RegExp(`^${zh.common.switchTo}\\b`));
      await expect(button.locator(`[lang="en"]`)).toHaveText(zh.common.switchTo);
      await button.click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      const back = page.getByRole("button", { name: en.common.switchTo });
      await expect(back).toHaveAccessibleName(new RegExp(`^${en.common.switchTo}`));
      await expect(back.locator(`[lang="zh-CN"]`)).toHaveText(en.common.switchTo);
      await back.click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
  });
});

// axe-core is a dev dependency: a missing package fails here rather than skipping the check.
const require = createRequire(import.meta.url);
const AXE_SOURCE = require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") as string;

type AxeResult = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };

async function axeViolations(page: Page, source: string) {
  await page.addScriptTag({ content: source });
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    // Every rule axe has, the experimental ones included: label-content-name-mismatch (WCAG 2.5.3) is one.
    return axe.run(document, { resultTypes: ["violations"], rules: { "label-content-name-mismatch": { enabled: true } } });
  })) as AxeResult;
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("axe", () => {
  const source = AXE_SOURCE;
  // The page's CSP (rightly) refuses the injected script; only the test's browser bypasses it.
  test.use({ ...contextFor("zh-CN"), bypassCSP: true });

  test("finds no violation on the hotline's pages and the sign-in page", async ({ page }) => {
    for (const path of ["/login", "/hotline", "/report", "/report/follow-up"]) {
      await page.goto(path);
      expect(await axeViolations(page, source), path).toEqual([]);
    }
  });

  test("finds no violation on a lead's home, queue and intake", async ({ page }) => {
    const lead = DEMO_ACCOUNTS.find((a) => a.role === "compliance_lead")!;
    await signIn(page, lead.email, DEMO_PASSWORD, "zh-CN");
    for (const path of ["/", "/cases", "/cases/new"]) {
      await visitSignedIn(page, path);
      expect(await axeViolations(page, source), path).toEqual([]);
    }
  });
});

test.describe("the case queue on a phone", () => {
  test.use({ ...contextFor("zh-CN"), viewport: { width: 390, height: 844 } });

  test("fits 390 px in Chinese: every column's label at least two characters wide, the deadlines in view", async ({ page }) => {
    const lead = DEMO_ACCOUNTS.find((a) => a.role === "compliance_lead")!;
    await signIn(page, lead.email, DEMO_PASSWORD, "zh-CN");
    await visitSignedIn(page, "/cases");
    const q = zh.cases.queue;
    const table = page.getByRole("table");
    await expect(table).toBeVisible();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/queue-390.png", fullPage: true });

    // Each column's label, wherever the layout shows it, is as wide as two Chinese characters.
    for (const label of Object.values(q.columns)) {
      const shown = table.getByText(label, { exact: true });
      let visible = 0;
      for (const el of await shown.all()) {
        if (!(await el.isVisible())) continue;
        // A header kept for screen readers only (inside a 1 px clip) is not shown.
        const clipped = await el.evaluate((node) => {
          for (let at: Element | null = node; at; at = at.parentElement) {
            if (getComputedStyle(at).overflow !== "visible" && at.getBoundingClientRect().width <= 1) return true;
          }
          return false;
        });
        if (clipped) continue;
        visible += 1;
        // The content box: a cell's padding is not room for text.
        const { width, fontSize } = await el.evaluate((node) => {
          const style = getComputedStyle(node);
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          return { width: node.getBoundingClientRect().width - padding, fontSize: parseFloat(style.fontSize) };
        });
        expect(width, `label “${label}”`).toBeGreaterThanOrEqual(2 * fontSize - 0.5);
      }
      expect(visible, `label “${label}” shown`).toBeGreaterThan(0);
    }

    // The deadlines of every case are on screen, not scrolled off to the right nor cut.
    const width = page.viewportSize()!.width;
    for (const row of await rows.all()) {
      // The last two columns: the acknowledgement and the feedback deadline.
      for (const column of [8, 9]) {
        const cell = row.locator(`td:nth-child(${column})`);
        await expect(cell).toBeVisible();
        const box = (await cell.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `deadline column ${column}`).toBeLessThanOrEqual(width);
        expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
    }
    // Nothing on the page scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
