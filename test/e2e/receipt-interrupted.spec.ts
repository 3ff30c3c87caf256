// A report whose answer is cut off after it was stored (ADR 0017): the reporter, who never saw the
// receipt, sends the same form again and is shown the receipt, not "duplicate". The form is filled
// in the browser; its post is sent with raw HTTP so the connection can be destroyed the moment the
// answer starts, after the commit, as a dropped mobile connection does.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { contextFor, getMessages } from "./helpers";

const RECEIPT = /data-testid="receipt"[^>]*>([2-9B-DF-HJKMNP-TV-XZ]{4}(?:-[2-9B-DF-HJKMNP-TV-XZ]{4}){5})</;

type Post = { url: string; headers: Record<string, string>; body: Buffer };

/** Sends the post; with `cut`, destroys the socket as soon as the status line arrives. */
function send(post: Post, cut: boolean): Promise<{ status: number; body: string } | "cut"> {
  return new Promise((resolve, reject) => {
    const headers = { ...post.headers, "content-length": String(post.body.length) };
    delete (headers as Record<string, string>)[":authority"];
    const req = http.request(post.url, { method: "POST", headers }, (res) => {
      if (cut) {
        req.destroy();
        resolve("cut");
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", (e) => (cut ? resolve("cut") : reject(e)));
    req.end(post.body);
  });
}

test.describe("a receipt whose answer was cut off", () => {
  test.use({ javaScriptEnabled: false, ...contextFor("en") });

  test("sending the same form again shows the receipt of the report that was stored", async ({ page }) => {
    const f = getMessages("en").hotline.form;
    let captured: Post | null = null;
    // The browser's own post never leaves: it is replayed below over a socket the test controls.
    await page.route((url) => url.pathname === "/report", async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort("connectionreset");
    });
    await page.goto("/report");
    await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
    await page.getByLabel(f.whatHappened, { exact: true }).fill("A supplier paid for the buyer's holiday. (answer cut off)");
    await page.getByRole("button", { name: f.submit }).click();
    await expect.poll(() => captured !== null).toBe(true);
    // An intercepted request reports its origin as "null"; a real one carries the page's origin
    // (the CSRF check needs it), and the browser's cookies.
    const cookies = await page.context().cookies();
    const post: Post = {
      ...captured!,
      headers: {
        ...captured!.headers,
        origin: new URL(captured!.url).origin,
        ...(cookies.length ? { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : {}),
      },
    };

    // The report is stored and its answer starts; the connection dies before the page arrives.
    expect(await send(post, true)).toBe("cut");
    // The reporter sends the very same form again (same one-time key from the page).
    const again = await send(post, false);
    if (again === "cut") throw new Error("unexpected cut");
    expect(again.status).toBe(200);
    const first = RECEIPT.exec(again.body)?.[1];
    expect(first, "the resend shows a receipt").toBeTruthy();
    // And a third time: the same receipt, not a second report.
    const third = await send(post, false);
    if (third === "cut") throw new Error("unexpected cut");
    expect(RECEIPT.exec(third.body)?.[1]).toBe(first);
  });
});
