// A report whose answer is cut off after it was stored (ADR 0017): the reporter, who never saw the
// receipt, sends the same form again and is shown the receipt, not "duplicate". The form is filled
// in the browser; its post is sent with raw HTTP so the connection can be destroyed the moment the
// answer starts, after the commit, as a dropped mobile connection does — or at any moment while
// the server is still storing it. test:all runs this file on SQLite and again on PostgreSQL, where
// the cut-off receipts were most often lost.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { contextFor, getMessages } from "./helpers";

const RECEIPT = /data-testid="receipt"[^>]*>([2-9B-DF-HJKMNP-TV-XZ]{4}(?:-[2-9B-DF-HJKMNP-TV-XZ]{4}){5})</;

type Post = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Sends the post. `cut: true` destroys the socket as soon as the status line arrives; a number
 * destroys it that many milliseconds after the request was sent, whatever has arrived by then.
 */
function send(post: Post, cut: boolean | number): Promise<{ status: number; body: string } | "cut"> {
  return new Promise((resolve, reject) => {
    const headers = { ...post.headers, "content-length": String(post.body.length) };
    delete (headers as Record<string, string>)[":authority"];
    let timer: NodeJS.Timeout | undefined;
    const req = http.request(post.url, { method: "POST", headers }, (res) => {
      if (cut === true) {
        req.destroy();
        resolve("cut");
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.on("error", (e) => (cut !== false ? resolve("cut") : reject(e)));
    req.end(post.body, () => {
      if (typeof cut === "number") {
        timer = setTimeout(() => {
          req.destroy();
          resolve("cut");
        }, cut);
      }
    });
  });
}

/** Fills the report form in the browser and returns its post, which never leaves the browser. */
async function capturedPost(page: import("@playwright/test").Page, text: string): Promise<Post> {
  const f = getMessages("en").hotline.form;
  let captured: Post | null = null;
  await page.unrouteAll();
  await page.route((url) => url.pathname === "/report", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { url: request.url(), headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort("connectionreset");
  });
  await page.goto("/report");
  await page.getByRole("radio", { name: f.categories.GIFTS.label }).check();
  await page.getByLabel(f.whatHappened, { exact: true }).fill(text);
  await page.getByRole("button", { name: f.submit }).click();
  await expect.poll(() => captured !== null).toBe(true);
  // An intercepted request reports its origin as "null"; a real one carries the page's origin
  // (the CSRF check needs it), and the browser's cookies.
  const cookies = await page.context().cookies();
  return {
    ...captured!,
    headers: {
      ...captured!.headers,
      origin: new URL(captured!.url).origin,
      ...(cookies.length ? { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : {}),
    },
  };
}

/** Sends the post until it is answered whole (a cut-off first try may still be being stored). */
async function receiptOf(post: Post): Promise<string> {
  const answer = await send(post, false);
  if (answer === "cut") throw new Error("unexpected cut");
  expect(answer.status).toBe(200);
  const receipt = RECEIPT.exec(answer.body)?.[1];
  expect(receipt, "the resend shows a receipt").toBeTruthy();
  return receipt!;
}

test.describe("a receipt whose answer was cut off", () => {
  test.use({ javaScriptEnabled: false, ...contextFor("en") });

  test("sending the same form again shows the receipt of the report that was stored", async ({ page }) => {
    const post = await capturedPost(page, "A supplier paid for the buyer's holiday. (answer cut off)");
    // The report is stored and its answer starts; the connection dies before the page arrives.
    expect(await send(post, true)).toBe("cut");
    // The reporter sends the very same form again (same one-time key from the page).
    const first = await receiptOf(post);
    // And a third time: the same receipt, not a second report.
    expect(await receiptOf(post)).toBe(first);
  });

  test("cut at any moment while it is being stored: the resend shows one receipt, and it stays the same", async ({ page }) => {
    // Six reports, each filled in the browser: more than the default 30 s on a loaded CI machine.
    test.setTimeout(120_000);
    let cutOff = 0;
    for (const afterMs of [0, 2, 5, 10, 20, 40]) {
      const post = await capturedPost(page, `A supplier paid for the buyer's holiday. (cut after ${afterMs} ms)`);
      const answer = await send(post, afterMs);
      // A fast server may answer before the cut: then that answer's receipt is the one to see again.
      const first = answer === "cut" ? await receiptOf(post) : RECEIPT.exec(answer.body)?.[1];
      if (answer === "cut") cutOff += 1;
      expect(first, `cut after ${afterMs} ms`).toBeTruthy();
      expect(await receiptOf(post), `cut after ${afterMs} ms`).toBe(first);
    }
    expect(cutOff, "at least the earliest cuts came before the answer").toBeGreaterThanOrEqual(2);
  });
});
