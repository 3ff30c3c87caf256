// Receipts: generation, the phone-friendly format, tolerant parsing and the Argon2id secret check (ADR 0010).
import { describe, expect, it } from "vitest";
import {
  formatReceipt,
  formatReference,
  parseReceipt,
  parseReference,
  RECEIPT_ALPHABET,
  REFERENCE_LENGTH,
  SECRET_BITS,
  SECRET_LENGTH,
} from "~/modules/hotline/receipt";
import { generateReceipt, hashReceiptSecret, verifyReceiptSecret } from "~/modules/hotline/receipt.server";

describe("receipt alphabet and generation", () => {
  it("uses 27 distinct symbols with no vowels and none of 0 O 1 I L", () => {
    expect(new Set(RECEIPT_ALPHABET).size).toBe(RECEIPT_ALPHABET.length);
    expect(RECEIPT_ALPHABET).toHaveLength(27);
    expect(RECEIPT_ALPHABET).not.toMatch(/[AEIOUY01L]/);
  });

  it("gives a secret of at least 64 random bits and a separate 8-symbol reference", () => {
    expect(SECRET_BITS).toBeGreaterThanOrEqual(64);
    const r = generateReceipt();
    expect(r.reference).toMatch(new RegExp(`^[${RECEIPT_ALPHABET}]{${REFERENCE_LENGTH}}$`));
    expect(r.secret).toMatch(new RegExp(`^[${RECEIPT_ALPHABET}]{${SECRET_LENGTH}}$`));
  });

  it("draws every symbol about equally and never repeats a receipt", () => {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    const n = 2000;
    for (let i = 0; i < n; i += 1) {
      const r = generateReceipt();
      seen.add(r.reference + r.secret);
      for (const ch of r.reference + r.secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(n);
    expect(counts.size).toBe(RECEIPT_ALPHABET.length);
    const expected = (n * (REFERENCE_LENGTH + SECRET_LENGTH)) / RECEIPT_ALPHABET.length; // ≈ 1778
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.8);
      expect(count).toBeLessThan(expected * 1.2);
    }
  });

  it("draws the reference independently of the secret", () => {
    // Same reference prefix must not predict the secret: across many receipts, the secret's first
    // symbol is not a function of the reference's first symbol.
    const pairs = new Map<string, Set<string>>();
    for (let i = 0; i < 2000; i += 1) {
      const r = generateReceipt();
      const set = pairs.get(r.reference[0]) ?? new Set<string>();
      set.add(r.secret[0]);
      pairs.set(r.reference[0], set);
    }
    for (const secrets of pairs.values()) expect(secrets.size).toBeGreaterThan(10);
  });
});

describe("formatting and parsing", () => {
  const receipt = { reference: "K7QM3TXD", secret: "B2C3D4F5G6H7J8KM" };

  it("formats in groups of four: reference then secret", () => {
    expect(formatReference(receipt.reference)).toBe("K7QM-3TXD");
    expect(formatReceipt(receipt)).toBe("K7QM-3TXD-B2C3-D4F5-G6H7-J8KM");
  });

  it("round-trips generated receipts through format and parse", () => {
    for (let i = 0; i < 200; i += 1) {
      const r = generateReceipt();
      expect(parseReceipt(formatReceipt(r))).toEqual({ ok: true, value: r });
    }
  });

  it.each([
    "k7qm-3txd-b2c3-d4f5-g6h7-j8km",
    "K7QM3TXDB2C3D4F5G6H7J8KM",
    "  K7QM 3TXD  B2C3 D4F5\tG6H7 J8KM \n",
    "K7QM—3TXD–B2C3.D4F5_G6H7·J8KM",
    "Ｋ７ＱＭ－３ＴＸＤ－Ｂ２Ｃ３－Ｄ４Ｆ５－Ｇ６Ｈ７－Ｊ８ＫＭ", // full-width, as a Chinese input method types it
  ])("accepts %j", (input) => {
    expect(parseReceipt(input)).toEqual({ ok: true, value: receipt });
  });

  it.each([
    ["", "empty"],
    ["   - - ", "empty"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8K", "length"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8KMM", "length"],
    ["K7QM-3TXD", "length"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8K0", "characters"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8KO", "characters"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8KA", "characters"],
    ["<script>alert(1)</script>", "characters"],
    ["经理收受礼品", "characters"],
    ["K7QM-3TXD-B2C3-D4F5-G6H7-J8K🙈", "characters"],
  ])("rejects %j as %s", (input, error) => {
    expect(parseReceipt(input)).toEqual({ ok: false, error });
  });

  it("parses a reference alone", () => {
    expect(parseReference("k7qm 3txd")).toEqual({ ok: true, value: "K7QM3TXD" });
    expect(parseReference("K7QM-3TXD-B2C3")).toEqual({ ok: false, error: "length" });
  });
});

describe("secret hashing", () => {
  it("hashes with Argon2id and its own salt, verifies the secret and refuses a near miss", async () => {
    const { secret } = generateReceipt();
    const hash = await hashReceiptSecret(secret);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(secret);
    expect(await hashReceiptSecret(secret)).not.toBe(hash);

    expect(await verifyReceiptSecret(hash, secret)).toBe(true);
    expect(await verifyReceiptSecret(hash, secret.toLowerCase())).toBe(true);
    const last = secret[secret.length - 1];
    const nearMiss = secret.slice(0, -1) + RECEIPT_ALPHABET[(RECEIPT_ALPHABET.indexOf(last) + 1) % RECEIPT_ALPHABET.length];
    expect(await verifyReceiptSecret(hash, nearMiss)).toBe(false);
    expect(await verifyReceiptSecret(hash, "")).toBe(false);
    expect(await verifyReceiptSecret("not-a-hash", secret)).toBe(false);
  });

  it("answers false for an unknown reference after doing the same Argon2 work", async () => {
    expect(await verifyReceiptSecret(null, generateReceipt().secret)).toBe(false);
  });
});
