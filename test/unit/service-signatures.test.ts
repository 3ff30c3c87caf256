// ADR 0033: a service function takes one object of named fields (after at most one handle: tx,
// request, access, auth, form); only primitives and pure helpers keep a row of positional values.
// This reads every exported function of app/modules/**/*.server.ts with the TypeScript parser and
// fails on one that takes positional values in any other shape than the ADR allows.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Kept positional on purpose (ADR 0033, "What stays positional"): primitives and callback runners. */
const POSITIONAL = new Set([
  // crypto and report sealing: read like a formula, called the same way everywhere
  "crypto/crypto.server.ts:seal",
  "crypto/crypto.server.ts:unseal",
  "crypto/crypto.server.ts:unsealBuffer",
  "crypto/crypto.server.ts:constantTimeEqual",
  "crypto/crypto.server.ts:hmacHex",
  "crypto/sealing.server.ts:fieldContext",
  "crypto/sealing.server.ts:sealField",
  "crypto/sealing.server.ts:openField",
  "crypto/sealing.server.ts:sealChunk",
  "crypto/sealing.server.ts:openChunk",
  "crypto/sealing.server.ts:sealStream",
  "crypto/sealing.server.ts:openStream",
  "crypto/sealing.server.ts:unwrapReportKey",
  "crypto/sealing.server.ts:rewrapReportKey",
  "cases/access.server.ts:unwrapCaseKey",
  "auth/password.server.ts:verifySecret",
  "hotline/receipt.server.ts:verifyReceiptSecret",
  // throttles, TOTP steps, logging, the cross-site check
  "auth/throttle.server.ts:throttleKey",
  "auth/throttle.server.ts:checkThrottle",
  "auth/throttle.server.ts:checkThrottles",
  "auth/throttle.server.ts:recordFailure",
  "auth/throttle.server.ts:recordFailureWithBackoff",
  "auth/throttle.server.ts:markOnce",
  "auth/totp.server.ts:matchingStep",
  "http/log.server.ts:logError",
  "http/log.server.ts:logRequestError",
  "http/security.server.ts:isCrossSiteRequest",
  // the attachment's stream and the blob reader under it: the storage side of the sealing
  "hotline/reports.server.ts:openAttachment",
  "db/blob-reader.server.ts:readAttachmentChunk",
  // pure helpers: a value from values, no database (formatting, names, headers, back-off arithmetic)
  "auth/throttle.server.ts:backoffBlockMs",
  "mail/sender.server.ts:backoffMs",
  "cases/case-content.server.ts:downloadName",
  "hotline/download.server.ts:downloadFileName",
  "hotline/download.server.ts:attachmentDisposition",
  "cases/clocks.server.ts:formatDueInZone",
  "cases/names.server.ts:userDisplayName",
  "mail/recipients.server.ts:recipientName",
  "http/status-page.server.ts:plainStatusPage",
  "http/status-page.server.ts:plainStatusResponse",
  "http/locale.server.ts:hotlineRedirectPath",
  "http/cookies.server.ts:setCookie",
  "http/security.server.ts:securityHeaders",
  "http/log.server.ts:logInfo",
  "db/unavailable.server.ts:codesOf",
  "crypto/sealing.server.ts:createReportKey",
  // the directory pages' own answers, due to give way to the shared form kit
  "people/http.server.ts:directoryFailure",
  // runs a callback: handle, callback, options (the shape of db.$transaction(fn, options))
  "http/respond.server.ts:answerForm",
]);

const MODULES = path.resolve(__dirname, "../../app/modules");

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverFiles(full);
    return entry.name.endsWith(".server.ts") ? [full] : [];
  });
}

type Signature = { name: string; params: { text: string; type: string | null; object: boolean }[] };

function exportedFunctions(file: string): Signature[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: Signature[] = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    out.push({
      name: statement.name.text,
      params: statement.parameters.map((p) => ({
        text: p.getText(source),
        type: p.type ? p.type.getText(source) : null,
        object: ts.isObjectBindingPattern(p.name) || (p.type !== undefined && ts.isTypeLiteralNode(p.type)),
      })),
    });
  }
  return out;
}

/** Types two of which side by side can be swapped without the compiler noticing. */
const INTERCHANGEABLE = new Set(["string", "string | null", "Buffer", "Date", "boolean", "number"]);

/** What may come first, before the one input: the handle the call works through. */
const HANDLES = new Set(["tx", "client", "db", "request", "access", "auth", "form", "formData", "failed"]);
/** What may trail a single input: the optional clock or database handle, or a callback the function runs. */
const TRAILING = new Set(["now", "client"]);

describe("service signatures (ADR 0033)", () => {
  const all = serverFiles(MODULES).flatMap((file) =>
    exportedFunctions(file).map((fn) => ({ ...fn, id: `${path.relative(MODULES, file).split(path.sep).join("/")}:${fn.name}` })),
  );

  it("finds the modules' exported functions", () => {
    expect(all.length).toBeGreaterThan(150);
    for (const id of POSITIONAL) expect(all.map((fn) => fn.id), `${id} is listed but no longer exists`).toContain(id);
  });

  it("gives no service three or more positional values", () => {
    const rows = all.filter((fn) => !POSITIONAL.has(fn.id) && fn.params.length >= 3).map((fn) => `${fn.id}(${fn.params.map((p) => p.text).join(", ")})`);
    expect(rows).toEqual([]);
  });

  it("gives no service two positional values that could change places", () => {
    const pairs = all
      .filter((fn) => !POSITIONAL.has(fn.id) && fn.params.length === 2)
      .filter(({ params: [a, b] }) => !a.object && !b.object && a.type !== null && a.type === b.type && INTERCHANGEABLE.has(a.type))
      .map((fn) => `${fn.id}(${fn.params.map((p) => p.text).join(", ")})`);
    expect(pairs).toEqual([]);
  });

  it("puts only a handle before a service's one input, and only the clock, a database handle or a callback after it", () => {
    const rows = all
      .filter((fn) => !POSITIONAL.has(fn.id) && fn.params.length === 2)
      .filter(({ params: [a, b] }) => {
        const name = (p: { text: string }) => p.text.split(/[?:=\s]/)[0];
        if (HANDLES.has(name(a)) || TRAILING.has(name(b))) return false;
        return !(b.type?.includes("=>") ?? false);
      })
      .map((fn) => `${fn.id}(${fn.params.map((p) => p.text).join(", ")})`);
    expect(rows).toEqual([]);
  });
});
