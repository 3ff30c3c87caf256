// TRUST_PROXY_HOPS: how many proxies' X-Forwarded-For entries to trust (server/server.mjs passes
// the number to Express's `trust proxy`). The older TRUST_PROXY=true still means one hop.
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/modules/config/env.server";

const key = Buffer.alloc(32, 1).toString("base64");
const env = (extra: Record<string, string>) => parseEnv({ SUNLINE_MASTER_KEY: key, SUNLINE_HMAC_KEY: key, ...extra } as unknown as NodeJS.ProcessEnv);

describe("TRUST_PROXY_HOPS", () => {
  it("defaults to no proxy", () => expect(env({}).TRUST_PROXY_HOPS).toBe(0));
  it("takes a number of hops", () => expect(env({ TRUST_PROXY_HOPS: "2" }).TRUST_PROXY_HOPS).toBe(2));
  it("reads TRUST_PROXY=true as one hop, false as none", () => {
    expect(env({ TRUST_PROXY: "true" }).TRUST_PROXY_HOPS).toBe(1);
    expect(env({ TRUST_PROXY: "false" }).TRUST_PROXY_HOPS).toBe(0);
  });
  it("prefers TRUST_PROXY_HOPS when both are set", () => expect(env({ TRUST_PROXY: "true", TRUST_PROXY_HOPS: "0" }).TRUST_PROXY_HOPS).toBe(0));
  it.each(["-1", "1.5", "many", "11"])("refuses %s at start-up", (value) => {
    expect(() => env({ TRUST_PROXY_HOPS: value })).toThrow(/TRUST_PROXY_HOPS/);
  });
});
