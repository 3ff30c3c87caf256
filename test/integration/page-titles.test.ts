// Every page names itself in the reader's language: each route module that renders a page exports
// a meta whose title comes from the catalogues ("<page> · Sunline"), never the bare product name,
// and the Chinese title differs from the English one.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";

const ROUTES_DIR = path.resolve("app/routes");
const pages = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => f.endsWith(".tsx"))
  .sort();

function titleOf(meta: (args: MetaArgs) => MetaDescriptor[], locale: "en" | "zh-CN"): string | undefined {
  const args = { matches: [{ id: "root", data: { locale } }], data: undefined, params: {}, location: { pathname: "/" }, error: undefined } as unknown as MetaArgs;
  const tag = meta(args).find((t): t is { title: string } => "title" in t);
  return tag?.title;
}

describe("page titles", () => {
  it("finds the pages", () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  it.each(pages)("%s has its own title in both languages", async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as { default?: unknown; meta?: (args: MetaArgs) => MetaDescriptor[] };
    if (!mod.default) return; // a resource route renders no page
    expect(mod.meta, `${file} exports meta`).toBeTypeOf("function");
    const en = titleOf(mod.meta!, "en");
    const zh = titleOf(mod.meta!, "zh-CN");
    expect(en).toMatch(/ · Sunline$/);
    expect(en).not.toBe("Sunline");
    expect(zh).toBeTruthy();
    expect(zh).not.toBe(en);
  });
});
