// One name for one thing (docs/glossary.md): no zh-CN catalogue uses a word the glossary lists as
// "not" for a term — 两步验证 where 双重身份验证 is meant, 处理人员 for 经办人, bare 回执 for 回执码.
// The words come from the glossary itself, so a term added there is checked here at once. Only the
// catalogues' strings are read (parsed with TypeScript's own parser), not their comments. The
// handler's intake speaks to the handler about the reporter, never to the reporter as 您.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { getMessages } from "~/i18n/messages";

type Term = { en: string; zh: string[]; notZh: string[] };

function glossary(): Term[] {
  const lines = fs.readFileSync(path.resolve("docs/glossary.md"), "utf8").split("\n");
  const cells = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
  const header = lines.findIndex((l) => l.startsWith("| en |"));
  if (header < 0) throw new Error("docs/glossary.md: no table with an 'en' column");
  const rows: Term[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [en, zh, , notZh] = cells(line);
    const words = (cell: string) => cell.split("、").map((w) => w.trim()).filter((w) => w && w !== "—");
    rows.push({ en, zh: words(zh), notZh: words(notZh) });
  }
  return rows;
}

/** Every string literal and template text of a catalogue file, with its line. */
function stringsIn(file: string): { text: string; where: string }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { text: string; where: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ text: node.text, where: `${path.relative(process.cwd(), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where `word` is used in `text` other than inside an approved term that contains it. */
function misuses(text: string, word: string, approved: string[]): number {
  let masked = text;
  for (const term of [...approved].sort((a, b) => b.length - a.length)) {
    if (term.includes(word)) masked = masked.split(term).join("\u0000");
  }
  return masked.split(word).length - 1;
}

const catalogueDir = path.resolve("app/i18n/zh-CN");
const catalogues = fs.readdirSync(catalogueDir).filter((f) => f.endsWith(".ts")).map((f) => path.join(catalogueDir, f));

describe("the glossary", () => {
  const terms = glossary();

  it("has the terms the team agreed on", () => {
    const zh = terms.flatMap((t) => t.zh);
    for (const word of ["经办人", "分派", "双重身份验证", "合规与道德办公室", "举报热线", "回执码"]) expect(zh).toContain(word);
    for (const t of terms) expect(t.notZh.filter((w) => t.zh.includes(w)), t.en).toEqual([]);
  });

  it("is followed by every zh-CN catalogue: none of its 'not' words appears", () => {
    const approved = terms.flatMap((t) => t.zh);
    const found: string[] = [];
    for (const file of catalogues) {
      for (const { text, where } of stringsIn(file)) {
        for (const t of terms) {
          for (const word of t.notZh) if (misuses(text, word, approved) > 0) found.push(`${where}: “${word}” (say “${t.zh.join("”/“")}”: ${t.en})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("catches a forbidden word, but not the approved term that contains it", () => {
    expect(misuses("请输入回执。", "回执", ["回执码", "举报回执"])).toBe(1);
    expect(misuses("请输入回执码，或出示举报回执。", "回执", ["回执码", "举报回执"])).toBe(0);
    expect(misuses("由合规与道德办公室评估", "道德办公室", ["合规与道德办公室"])).toBe(0);
    expect(misuses("经办人员", "经办人员", ["经办人"])).toBe(1);
  });
});

describe("the handler's intake", () => {
  it("speaks to the handler about the reporter, in both languages", () => {
    const zh = getMessages("zh-CN").questions.intake.voice;
    const en = getMessages("en").questions.intake.voice;
    const texts = (v: typeof zh) => [
      v.whatHappenedHint, v.involvedHint, v.howKnown, v.howKnownHint, v.identityLegend, v.name, v.contact, v.identityFieldsHint, v.excludeHint,
      ...Object.values(v.identity).flatMap((i) => [i.label, i.hint]),
    ];
    for (const text of texts(zh)) expect(text).not.toMatch(/您/);
    for (const text of texts(en)) expect(text).not.toMatch(/\b(your|yourself)\b|\bmy\b/i);
    expect(zh.identityLegend).toContain("举报人");
    expect(en.identityLegend).toContain("reporter");
  });
});
