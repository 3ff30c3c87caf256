// Malformed and hostile requests against the built production server (Express + Remix, as in
// production): each is a 4xx page in the visitor's language, or a safe redirect — never a 5xx.
// Sent with node:http, since a browser cannot send most of them.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, getMessages } from "./helpers";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

const PORT = Number(process.env.E2E_PORT ?? 3123);
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** One request, answered or not: the body may be withheld (`body: null`) to see what happens before it. */
function send(method: string, path: string, opts: { headers?: Record<string, string | number>; body?: string | Buffer | null; keepOpen?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, method, path, headers: opts.headers ?? {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    if (!opts.keepOpen) req.end();
  });
}

function multipart(fields: Record<string, string>, boundary = "SunlineBoundary") {
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

async function formKey(): Promise<string> {
  const page = await send("GET", "/report", { headers: { "Accept-Language": "en" } });
  const key = /name="submissionKey" value="([^"]+)"/.exec(page.body)?.[1];
  expect(key).toBeTruthy();
  return key!;
}

const en = getMessages("en").common;
const zh = getMessages("zh-CN").common;

test.describe("malformed requests to the production server", () => {
  test("PUT, DELETE, PATCH and TRACE on /report are a 405 page in the visitor's language", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "TRACE"]) {
      const answer = await send(method, "/report", { headers: { "Accept-Language": "en", Origin: ORIGIN } });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST");
      expect(answer.body, method).toContain(en.methodTitle);
    }
    const chinese = await send("PUT", "/report", { headers: { "Accept-Language": "zh-CN,zh;q=0.9", Origin: ORIGIN } });
    expect(chinese.body).toContain(zh.methodTitle);
  });

  test("a JSON body, an empty body and broken multipart on /report are a 4xx page in the visitor's language", async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ["json", { "Content-Type": "application/json" }, JSON.stringify({ category: "GIFTS", whatHappened: "x" })],
      ["empty", {}, ""],
      ["empty multipart", { "Content-Type": "multipart/form-data; boundary=XYZ" }, ""],
      ["no boundary", { "Content-Type": "multipart/form-data" }, "--XYZ\r\n"],
      ["cut off", { "Content-Type": "multipart/form-data; boundary=XYZ" }, '--XYZ\r\nContent-Disposition: form-data; name="whatHappened"\r\n\r\nhalf'],
    ];
    for (const [what, headers, body] of cases) {
      for (const [language, c] of [["en", en], ["zh-CN", zh]] as const) {
        const answer = await send("POST", "/report", { headers: { ...headers, Origin: ORIGIN, "Accept-Language": language, "Content-Length": Buffer.byteLength(body) }, body });
        expect(answer.status, `${what} ${language}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${what} ${language}`).toBeLessThan(500);
        expect(answer.body, `${what} ${language}`).toContain(c.badRequestTitle);
      }
    }
  });

  test("a text field of megabytes comes back refused as too long, with the other fields as typed", async () => {
    const submissionKey = await formKey();
    const form = multipart({ category: "GIFTS", whatHappened: `TYPEDSTART${"x".repeat(5 * 1024 * 1024)}`, when: "last Tuesday", where: "the warehouse", submissionKey });
    const answer = await send("POST", "/report", { headers: { Origin: ORIGIN, "Accept-Language": "en", "Content-Type": form.type, "Content-Length": form.body.length }, body: form.body });
    expect(answer.status).toBe(400);
    const m = getMessages("en");
    expect(answer.body).toContain(m.hotline.form.invalid);
    expect(answer.body).toContain(m.errors.tooLong);
    expect(answer.body).toContain(">last Tuesday</textarea>");
    expect(answer.body).toContain(">the warehouse</textarea>");
    expect(answer.body).toContain(">TYPEDSTART");
  });

  test("a body declared larger than any form may be is refused with 413 before it is sent", async () => {
    const answer = await send("POST", "/report", {
      headers: { Origin: ORIGIN, "Accept-Language": "en", "Content-Type": "multipart/form-data; boundary=XYZ", "Content-Length": 300 * 1024 * 1024 },
      body: "--XYZ\r\n",
      keepOpen: true,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain(en.tooLargeTitle);

    // A body with no files gets room for text only (a 300 MB url-encoded form raised memory by 630 MB).
    const text = await send("POST", "/login", {
      headers: { Origin: ORIGIN, "Accept-Language": "zh-CN", "Content-Type": "application/x-www-form-urlencoded", "Content-Length": 300 * 1024 * 1024 },
      body: "email=",
      keepOpen: true,
    });
    expect(text.status).toBe(413);
    expect(text.body).toContain(zh.tooLargeTitle);
    // …and must say how long it is: Remix would read an undeclared one whole.
    const chunked = await send("POST", "/login", {
      headers: { Origin: ORIGIN, "Accept-Language": "en", "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      body: "email=x",
      keepOpen: true,
    });
    expect(chunked.status).toBe(411);
    expect(chunked.body).toContain(en.badRequestTitle);
  });

  test("a post whose Host is not its Origin (a proxy that does not pass Host) still files the report", async () => {
    const submissionKey = await formKey();
    const form = multipart({ category: "OTHER", whatHappened: "Filed through a proxy that rewrites Host.", submissionKey });
    const answer = await send("POST", "/report", {
      headers: { Host: "sunline-internal:3000", Origin: ORIGIN, "Accept-Language": "en", "Content-Type": form.type, "Content-Length": form.body.length },
      body: form.body,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(getMessages("en").hotline.receipt.title);
    // A foreign origin is still refused.
    const foreign = await send("POST", "/report", {
      headers: { Origin: "https://evil.example", "Accept-Language": "en", "Content-Type": form.type, "Content-Length": form.body.length },
      body: form.body,
    });
    expect(foreign.status).toBe(403);
  });

  test("control characters in redirectTo on /locale and /login redirect safely instead of failing", async () => {
    const hostile = "/cases\r\nSet-Cookie: injected=1\u0000";
    const locale = new URLSearchParams({ locale: "en", redirectTo: hostile }).toString();
    const switched = await send("POST", "/locale", { headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(locale) }, body: locale });
    expect(switched.status).toBeGreaterThanOrEqual(300);
    expect(switched.status).toBeLessThan(400);
    expect(switched.headers.location).not.toMatch(/[\r\n\0]/);
    expect(JSON.stringify(switched.headers["set-cookie"] ?? [])).not.toContain("injected");

    const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;
    const login = new URLSearchParams({ email: employee.email, password: DEMO_PASSWORD, redirectTo: hostile }).toString();
    const signedIn = await send("POST", "/login", { headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(login) }, body: login });
    expect(signedIn.status).toBeGreaterThanOrEqual(300);
    expect(signedIn.status).toBeLessThan(400);
    expect(signedIn.headers.location).not.toMatch(/[\r\n\0]/);
    expect(JSON.stringify(signedIn.headers["set-cookie"] ?? [])).not.toContain("injected");

    const shown = await send("GET", `/login?redirectTo=${encodeURIComponent(hostile)}`, { headers: { "Accept-Language": "en" } });
    expect(shown.status).toBe(200);

    // A body that is no form on /locale is a 400 page in the visitor's language.
    const junk = await send("POST", "/locale", { headers: { Origin: ORIGIN, "Accept-Language": "en", "Content-Type": "application/json", "Content-Length": 2 }, body: "{}" });
    expect(junk.status).toBe(400);
    expect(junk.body).toContain(en.badRequestTitle);
  });
});
