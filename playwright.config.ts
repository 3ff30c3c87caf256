// End-to-end tests in Debian's Chromium (/usr/bin/chromium; never `playwright install`). The web
// server is the built app on a fresh, seeded SQLite database (test/e2e/serve.mjs): run
// `npm run build` first, or `npm run test:all`, which does everything in order.
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts on one machine run their end-to-end suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3123);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // One server and one database: tests run one at a time, in a stable order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node test/e2e/serve.mjs",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      APP_URL: BASE_URL,
      MAIL_TRANSPORT: "local",
      SCHEDULER: "in-process",
      // As behind one reverse proxy (proxy-throttle.spec.ts): requests without X-Forwarded-For are
      // unaffected, the socket's address is used for them.
      TRUST_PROXY_HOPS: "1",
      // Fixed keys for throw-away test data only.
      SUNLINE_MASTER_KEY: Buffer.alloc(32, 11).toString("base64"),
      SUNLINE_HMAC_KEY: Buffer.alloc(32, 13).toString("base64"),
    },
  },
});
