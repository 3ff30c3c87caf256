// Argon2id password hashing. Production parameters follow OWASP's Argon2id guidance (19 MiB, t=2,
// p=1); the test profile is deliberately cheap so the suite stays fast, and test/unit checks the
// production profile once.
import { hash, verify } from "@node-rs/argon2";
import { getEnv } from "../config/env.server";

const Algorithm = { Argon2id: 2 } as const; // @node-rs/argon2's const enum, inlined for isolatedModules

export const ARGON2_PROFILES = {
  production: { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 },
  test: { memoryCost: 1_024, timeCost: 1, parallelism: 1, outputLen: 32 },
} as const;

export function argon2Options() {
  return { algorithm: Algorithm.Argon2id, ...ARGON2_PROFILES[getEnv().ARGON2_PROFILE] };
}

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, argon2Options());
}

export async function verifySecret(encoded: string, secret: string): Promise<boolean> {
  try {
    return await verify(encoded, secret);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular, checked when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyVerify(secret: string): Promise<boolean> {
  dummyHash ??= hashSecret("sunline-dummy-password-for-timing");
  return dummyHash.then((h) => verifySecret(h, secret));
}
