// "No user-facing string outside the message files": every JSX text and every user-visible
// attribute in routes and components must come from app/i18n. Parsed with TypeScript's own parser,
// so formatting cannot hide a literal.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const VISIBLE_ATTRIBUTES = new Set(["placeholder", "title", "alt", "aria-label", "label", "hint", "value"]);
// Text that is not language: punctuation, numbers, separators, symbols.
const LANGUAGE = /[A-Za-z\u3400-\u9fff]/;

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

function literalsIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(process.cwd(), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LANGUAGE.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(source);
      // `value` is read by people only on <input type="submit|button|reset">; elsewhere it is data (an intent, an id)
      const element = node.parent.parent;
      const typeOf = ts.isJsxOpeningLikeElement(element)
        ? element.attributes.properties.find((a) => ts.isJsxAttribute(a) && a.name.getText(source) === "type")?.getText(source)
        : undefined;
      const valueIsLabel = typeOf !== undefined && /"(submit|button|reset)"/.test(typeOf) && ts.isJsxOpeningLikeElement(element) && element.tagName.getText(source) === "input";
      if (VISIBLE_ATTRIBUTES.has(name) && (name !== "value" || valueIsLabel) && LANGUAGE.test(node.initializer.text)) {
        found.push(`${where(node)} ${name}="${node.initializer.text}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("user-facing strings", () => {
  it("come from the message catalogues, never from literals in routes and components", () => {
    const files = [...tsxFiles("app/routes"), ...tsxFiles("app/components"), ...tsxFiles("app/modules"), "app/root.tsx"];
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(literalsIn)).toEqual([]);
  });

  it("catches a literal when there is one", () => {
    const probe = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "lit-")), "probe.tsx");
    fs.writeFileSync(probe, 'export const A = () => <p title="Hello">保存 <b>{"ok"}</b></p>;\n');
    expect(literalsIn(probe)).toHaveLength(2);
  });
});
