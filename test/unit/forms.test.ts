import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formValuesOf, issuesToErrors, parseForm, parseIntent } from "~/modules/http/forms";
import { DomainError, domainError, isDomainError } from "~/modules/http/domain-error";
import { actionError, throwRefusal } from "~/modules/http/respond.server";
import { explain, explainFailure } from "~/modules/http/explain";
import { getMessages } from "~/i18n/messages";
import { StorageUnavailableError } from "~/modules/db/unavailable.server";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("issuesToErrors", () => {
  it("keeps the first message per field and puts a whole-object issue in formError", () => {
    const schema = z
      .object({ a: z.string().min(2, "tooShort").max(3, "tooLong"), b: z.object({ c: z.string({ message: "required" }) }) })
      .refine(() => false, { message: "formInvalid" });
    const r = schema.safeParse({ a: "x", b: {} });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(issuesToErrors(r.error.issues)).toEqual({ fieldErrors: { a: "tooShort", "b.c": "required" }, formError: null });
    const whole = z.object({}).refine(() => false, { message: "formInvalid" }).safeParse({});
    if (whole.success) return;
    expect(issuesToErrors(whole.error.issues)).toEqual({ fieldErrors: {}, formError: "formInvalid" });
    expect(issuesToErrors(whole.error.issues, ["identity"])).toEqual({ fieldErrors: { identity: "formInvalid" }, formError: null });
  });
});

describe("parseForm / parseIntent", () => {
  const union = z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("assign"), userId: z.string().min(1, "required") }),
    z.object({ intent: z.literal("recuse"), reason: z.string().min(1, "required") }),
  ]);
  it("parses the branch the intent names", () => {
    const ok = parseIntent(union, form({ intent: "assign", userId: "u1" }));
    expect(ok).toEqual({ ok: true, data: { intent: "assign", userId: "u1" } });
  });
  it("answers a known intent's errors with that intent and the typed values, secrets left out", () => {
    const bad = parseIntent(union, form({ intent: "recuse", reason: "", password: "x" }));
    expect(bad).toEqual({ ok: false, intent: "recuse", fieldErrors: { reason: "required" }, formError: null, values: { intent: "recuse", reason: "" } });
  });
  it("answers an unknown intent with a form-level invalid", () => {
    const bad = parseIntent(union, form({ intent: "nope" }));
    expect(bad).toMatchObject({ ok: false, intent: null, formError: "invalid" });
  });
  it("parseForm reads repeated names as arrays", () => {
    const f = new FormData();
    f.append("roles", "a");
    f.append("roles", "b");
    const r = parseForm(z.object({ roles: z.array(z.string()) }), f);
    expect(r).toEqual({ ok: true, data: { roles: ["a", "b"] } });
  });
});

describe("DomainError at the route boundary", () => {
  const refuse = domainError<"taken" | "gone">("test");
  it("is one type whatever the domain", () => {
    const e = refuse("taken", { field: "email", status: 409 });
    expect(e).toBeInstanceOf(DomainError);
    expect(isDomainError(e, "test")).toBe(true);
    expect(isDomainError(e, "other")).toBe(false);
  });
  it("answers an action with the field error, status and typed values", async () => {
    const res = actionError({ error: refuse("taken", { field: "email", status: 409 }), form: form({ email: "a@b", intent: "save" }) });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ intent: "save", fieldErrors: { email: "taken" }, formError: null, values: { email: "a@b", intent: "save" } });
  });
  it("answers a form-level refusal in formError", async () => {
    const res = actionError({ error: refuse("taken"), form: form({}) });
    expect(await res.json()).toMatchObject({ fieldErrors: {}, formError: "taken" });
  });
  it("throws a 404 refusal as the plain not-found answer", () => {
    let thrown: unknown;
    try {
      actionError({ error: refuse("gone", { status: 404 }), form: form({}) });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(() => throwRefusal(refuse("gone", { status: 404 }))).toThrow();
  });
  it("answers storage unavailable with 503 and the text kept", async () => {
    const res = actionError({ error: new StorageUnavailableError("locked", "SQLITE_BUSY"), form: form({ body: "typed" }) });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ formError: "storageUnavailable", values: { body: "typed" } });
  });
  it("carries a refusal's values for its message", async () => {
    const res = actionError({ error: refuse("taken", { status: 429, detail: { minutes: 15 } }), form: form({}) });
    expect(await res.json()).toMatchObject({ formError: "taken", detail: { minutes: 15 } });
  });
  it("rethrows anything else", () => {
    const bug = new TypeError("bug");
    expect(() => actionError({ error: bug, form: form({}) })).toThrow(bug);
  });
});

describe("explain", () => {
  const m = getMessages("en");
  it("looks in the page's catalogue, then the common one, then falls back", () => {
    expect(explain(m, "notEligible", { notEligible: "Not eligible" })).toBe("Not eligible");
    expect(explain(m, "required", { notEligible: "Not eligible" })).toBe(m.errors.required);
    expect(explain(m, "whatever")).toBe(m.errors.invalid);
    expect(explain(m, undefined)).toBe("");
    expect(explain(m, "toString")).toBe(m.errors.invalid);
  });
  it("builds a refusal's message from its values", () => {
    const zh = getMessages("zh-CN");
    expect(explainFailure(m, { formError: "throttled", detail: { minutes: 15 } }, m.auth.errors)).toBe(m.auth.throttled(15));
    expect(explainFailure(zh, { formError: "throttled", detail: { minutes: 15 } }, zh.auth.errors)).toBe(zh.auth.throttled(15));
    expect(explainFailure(m, { formError: "wrongPassword" }, m.auth.errors)).toBe(m.auth.errors.wrongPassword);
    // A message that needs values it was not given is not shown half-built: the generic one is.
    expect(explainFailure(m, { formError: "throttled" }, m.auth.errors)).toBe(m.errors.invalid);
    expect(explainFailure(m, { formError: null }, m.auth.errors)).toBe("");
  });
});

describe("formValuesOf", () => {
  it("gives a stored record's fields as the form would post them", () => {
    const record = { name: "李四", note: null, hired: undefined, manager: true, archived: false, rank: 3, extra: "not asked" };
    expect(formValuesOf(record, ["name", "note", "hired", "manager", "archived", "rank"])).toEqual({ name: "李四", note: "", hired: "", manager: "on", archived: "", rank: "3" });
  });
});
