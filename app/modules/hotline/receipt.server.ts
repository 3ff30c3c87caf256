// Receipt generation and the Argon2id check of its secret (ADR 0010). The reference is drawn
// independently of the secret, so knowing it tells nothing about the secret.
import { randomInt } from "node:crypto";
import { dummyVerify, hashSecret, verifySecret } from "../auth/password.server";
import { normalizeReceiptInput, RECEIPT_ALPHABET, REFERENCE_LENGTH, SECRET_LENGTH, type Receipt } from "./receipt";

function randomSymbols(length: number): string {
  let out = "";
  // randomInt draws without modulo bias.
  for (let i = 0; i < length; i += 1) out += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return out;
}

/**
 * A fresh receipt. The reference must be unique: store it under a unique index and, on the (rare)
 * collision, generate again. Show the receipt once (formatReceipt) and keep only the hash of the secret.
 */
export function generateReceipt(): Receipt {
  return { reference: randomSymbols(REFERENCE_LENGTH), secret: randomSymbols(SECRET_LENGTH) };
}

/** An Argon2id hash with its own salt (the encoded string carries salt and parameters). */
export function hashReceiptSecret(secret: string): Promise<string> {
  return hashSecret(normalizeReceiptInput(secret));
}

/**
 * Checks a secret against the stored hash. Pass `null` when no report has the reference: a dummy
 * Argon2 verification still runs, so response time does not tell which references exist.
 */
export function verifyReceiptSecret(hash: string | null, secret: string): Promise<boolean> {
  const normalized = normalizeReceiptInput(secret);
  if (hash === null) return dummyVerify(normalized).then(() => false);
  return verifySecret(hash, normalized);
}
