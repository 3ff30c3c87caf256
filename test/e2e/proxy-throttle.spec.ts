// Behind one trusted proxy (the e2e server runs with TRUST_PROXY_HOPS=1), the per-address sign-in
// throttle counts the address that proxy appended to X-Forwarded-For. A client that writes its own
// X-Forwarded-For entries, different each time, is still counted under its real address; another
// client behind the same proxy is not blocked with it.
import { expect, test } from "@playwright/test";

const PROXY_SEES = "203.0.113.7";
const NEIGHBOUR = "203.0.113.8";

test("a client rotating its own X-Forwarded-For cannot escape the per-address sign-in throttle", async ({ request, baseURL }) => {
  test.setTimeout(90_000);
  const attempt = (n: number, forwardedFor: string) =>
    request.post("/login", {
      // A new unknown account each time, so only the address counter can stop the guessing.
      form: { email: `nobody-${n}-${Date.now()}@example.test`, password: "a wrong password" },
      headers: { Origin: baseURL!, "X-Forwarded-For": forwardedFor, "Accept-Language": "en" },
      maxRedirects: 0,
    });
  const limit = 30; // auth.loginMaxFailuresPerAddress, the default setting
  const statuses: number[] = [];
  for (let i = 0; i < limit; i += 1) {
    // What the client sends, then what the trusted proxy appended: the socket address it saw.
    statuses.push((await attempt(i, `10.${i}.0.1, 198.51.100.${i}, ${PROXY_SEES}`)).status());
  }
  expect(statuses.slice(0, limit - 1).every((s) => s === 401), statuses.join(",")).toBe(true);
  expect(statuses[limit - 1]).toBe(429);

  const again = await attempt(limit, `192.0.2.99, ${PROXY_SEES}`);
  expect(again.status()).toBe(429);
  expect(await again.text()).toContain("Too many unsuccessful attempts");

  // Someone else behind the same proxy is counted on their own address and may still try.
  expect((await attempt(limit + 1, NEIGHBOUR)).status()).toBe(401);
});
