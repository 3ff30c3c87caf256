// safeRedirectPath: the redirect after sign-in and after the language switch stays on this site,
// whatever a link puts in ?redirectTo=.
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/modules/http/redirect";

describe("safeRedirectPath", () => {
  const refused: [string, unknown][] = [
    ["a tab after the slash, which browsers drop (→ //evil)", "/\t/evil.example"],
    ["a newline after the slash", "/\n/evil.example"],
    ["a carriage return after the slash", "/\r/evil.example"],
    ["a tab inside the path", "/cases\t/x"],
    ["a NUL", "/cases\u0000"],
    ["DEL", "/\u007f/evil.example"],
    ["a C1 control", "/\u0085/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/login"],
    ["backslash after the slash", "/\\evil.example"],
    ["a backslash later in the path", "/cases\\..\\..\\evil"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path", "cases"],
    ["a scheme-relative path hidden by a leading space", " //evil.example"],
    ["empty", ""],
    ["not a string", ["/cases"]],
    ["null", null],
    ["a path that normalises to //", "/./evil.example/..//evil.example"],
    ["a percent-encoded slash start that normalises to //", "/.//evil.example"],
    ["very long", "/" + "a".repeat(5_000)],
  ];
  it.each(refused)("refuses %s", (_why, input) => {
    expect(safeRedirectPath(input)).toBe("/");
    expect(safeRedirectPath(input, "/account")).toBe("/account");
  });

  const accepted: [string, string, string][] = [
    ["the home page", "/", "/"],
    ["a page", "/cases", "/cases"],
    ["a page with a query", "/cases?status=NEW&page=2", "/cases?status=NEW&page=2"],
    ["a hash", "/cases/abc#messages", "/cases/abc#messages"],
    ["dot segments, resolved", "/admin/../cases", "/cases"],
    ["non-ASCII, re-serialised percent-encoded", "/cases?q=黄蓉", "/cases?q=%E9%BB%84%E8%93%89"],
    ["a space, percent-encoded", "/cases?q=a b", "/cases?q=a%20b"],
    ["an encoded slash stays encoded", "/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ];
  it.each(accepted)("accepts %s", (_why, input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
