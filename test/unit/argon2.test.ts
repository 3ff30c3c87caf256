// The production Argon2id profile, exercised once (the rest of the suite uses the cheap test profile).
import { describe, expect, it } from "vitest";
import { hash } from "@node-rs/argon2";
import { ARGON2_PROFILES, verifySecret } from "~/modules/auth/password.server";

describe("Argon2id production profile", () => {
  it("hashes with m=19456, t=2, p=1 and verifies the password, refusing another", async () => {
    const encoded = await hash("correct horse battery staple", { algorithm: 2, ...ARGON2_PROFILES.production });
    expect(encoded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifySecret(encoded, "correct horse battery staple")).toBe(true);
    expect(await verifySecret(encoded, "Correct horse battery staple")).toBe(false);
  });
});
