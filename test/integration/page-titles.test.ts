// Every page names itself in the browser's tab, history and bookmarks, in the reader's language:
// each route module with a page (a default export) has a meta that gives its own title from the
// catalogues, never the bare product name, and a title no other page has. Case pages add the case
// reference; case and hotline pages stay out of search engines.
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getMessages } from "~/i18n/messages";
import { LOCALES, type AppLocale } from "~/i18n/locales";
import { importRoute, routeModules } from "../factories/route-modules";

const REFERENCE = "SL-7QX4-K2PA";

type RouteModule = { default?: unknown; meta?: (args: MetaArgs) => MetaDescriptor[] };

async function pages(): Promise<{ name: string; mod: RouteModule }[]> {
  const names = [...routeModules().keys()];
  const mods = await Promise.all(names.map(async (name) => ({ name, mod: await importRoute<RouteModule>(name) })));
  return mods.filter((p) => p.mod.default !== undefined);
}

function metaArgs(locale: AppLocale, caseData: unknown): MetaArgs {
  const matches = [
    { id: "root", pathname: "/", params: {}, data: { locale }, meta: [], handle: undefined },
    { id: "routes/cases.$id", pathname: "/cases/x", params: { id: "x" }, data: caseData, meta: [], handle: undefined },
  ];
  return { data: undefined, params: { id: "x" }, location: { pathname: "/", search: "", hash: "", state: null, key: "default" }, matches, error: undefined } as unknown as MetaArgs;
}

const titleOf = (tags: MetaDescriptor[]) => tags.map((t) => ("title" in t ? t.title : undefined)).find((t) => typeof t === "string");
const noindex = (tags: MetaDescriptor[]) => tags.some((t) => "name" in t && t.name === "robots" && "content" in t && String(t.content).includes("noindex"));

describe("page titles", () => {
  it("every page has its own title in both languages", async () => {
    const all = await pages();
    expect(all.length).toBeGreaterThan(30);
    const missing = all.filter((p) => typeof p.mod.meta !== "function").map((p) => p.name);
    expect(missing).toEqual([]);
    for (const locale of LOCALES) {
      const m = getMessages(locale);
      const seen = new Map<string, string>();
      for (const { name, mod } of all) {
        const title = titleOf(mod.meta!(metaArgs(locale, { report: { reference: REFERENCE } })));
        expect(title, name).toBeTypeOf("string");
        expect(title, name).not.toBe(m.common.appName);
        expect(title, name).toMatch(new RegExp(`^.+ · ${m.common.appName}$`));
        // A layout shares its title with its index page, which is what shows at its address.
        if (all.some((p) => p.name === `${name}._index`)) continue;
        expect(seen.get(title!), `${name} has the title of ${seen.get(title!)}`).toBeUndefined();
        seen.set(title!, name);
      }
    }
  });

  it("is in the reader's language", async () => {
    for (const { name, mod } of await pages()) {
      const en = titleOf(mod.meta!(metaArgs("en", undefined)));
      const zh = titleOf(mod.meta!(metaArgs("zh-CN", undefined)));
      expect(en, name).not.toBe(zh);
      expect(zh, name).toMatch(/[\u3400-\u9fff]/);
    }
  });

  it("names the case on case pages, and keeps case and hotline pages out of search engines", async () => {
    const all = await pages();
    const casePages = all.filter((p) => p.name.startsWith("cases.$id"));
    expect(casePages.length).toBeGreaterThanOrEqual(8);
    for (const { name, mod } of casePages) {
      const tags = mod.meta!(metaArgs("en", { report: { reference: REFERENCE } }));
      expect(titleOf(tags), name).toContain(`Case ${REFERENCE}`);
      expect(noindex(tags), name).toBe(true);
      // Without the case's data (an error page) the title still says it is a case.
      expect(titleOf(mod.meta!(metaArgs("en", undefined))), name).toMatch(/· Case · Sunline$/);
    }
    expect(titleOf(all.find((p) => p.name === "cases.$id.messages")!.mod.meta!(metaArgs("zh-CN", { report: { reference: REFERENCE } })))).toBe(
      `消息 · 案件 ${REFERENCE} · Sunline 阳光线`,
    );
    for (const name of ["hotline", "report._index", "report.follow-up", "cases._index", "remediation._index", "signed-out"]) {
      expect(noindex(all.find((p) => p.name === name)!.mod.meta!(metaArgs("en", undefined))), name).toBe(true);
    }
    expect(titleOf(all.find((p) => p.name === "report._index")!.mod.meta!(metaArgs("en", undefined)))).toBe("Report a concern · Sunline");
  });
});
