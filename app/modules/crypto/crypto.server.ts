// Small, audited building blocks on node:crypto. Everything that seals or hashes goes through here.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "../config/env.server";

const SEAL_VERSION = "v1";

function masterKey(): Buffer {
  return Buffer.from(getEnv().SUNLINE_MASTER_KEY, "base64");
}

/**
 * AES-256-GCM. Output: "v1.<iv>.<tag>.<ciphertext>" (base64url). `context` is bound as associated
 * data, so a sealed value copied into another row or column fails to open.
 */
export function seal(plaintext: string | Buffer, context: string, key: Buffer = masterKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [SEAL_VERSION, iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function unsealBuffer(sealed: string, context: string, key: Buffer = masterKey()): Buffer {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !tag || body === undefined) throw new Error("Malformed sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
}

export function unseal(sealed: string, context: string, key?: Buffer): string {
  return unsealBuffer(sealed, context, key).toString("utf8");
}

export function sha256Hex(input: string | Buffer): string {
  return createHash("sha256").update(input).digest("hex");
}

/** HMAC under the configured key, with a purpose label so one key never serves two uses alike. */
export function hmacHex(purpose: string, input: string): string {
  return createHmac("sha256", Buffer.from(getEnv().SUNLINE_HMAC_KEY, "base64"))
    .update(purpose)
    .update("\0")
    .update(input)
    .digest("hex");
}

/** A random token for cookies and emailed links: 256 bits, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
