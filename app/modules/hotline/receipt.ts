// Receipts a reporter can copy, write down or read over the phone (ADR 0010). Client-safe: formatting
// and parsing only; generation and hashing are in receipt.server.ts.
//
// One 27-symbol alphabet for both parts: digits 2–9 and consonants without L and Y. No vowels (so no
// words, polite or otherwise, appear by chance) and none of 0/O/1/I/L, so nothing can be misread as
// something else; a typed O, 0, I, 1 or L is therefore a mistake we report, not guess at.

export const RECEIPT_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ";
/** The public part, stored in the clear and used to find the report (27^8 ≈ 2.8·10^11 values). */
export const REFERENCE_LENGTH = 8;
/** The secret part: 16 symbols = 16·log2(27) ≈ 76 bits, checked against an Argon2id hash. */
export const SECRET_LENGTH = 16;
export const RECEIPT_LENGTH = REFERENCE_LENGTH + SECRET_LENGTH;
export const SECRET_BITS = SECRET_LENGTH * Math.log2(RECEIPT_ALPHABET.length);

const GROUP = 4;

export type Receipt = {
  /** Canonical form: REFERENCE_LENGTH symbols, upper case, no dashes. */
  reference: string;
  /** Canonical form: SECRET_LENGTH symbols, upper case, no dashes. Never stored, logged or put in a URL. */
  secret: string;
};

export type ReceiptParseError = "empty" | "characters" | "length";
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ReceiptParseError };

function group(symbols: string): string {
  return (symbols.match(new RegExp(`.{1,${GROUP}}`, "g")) ?? []).join("-");
}

/** "K7QM-3TXD" */
export function formatReference(reference: string): string {
  return group(reference);
}

/** "K7QM-3TXD-…" : reference then secret, six groups of four. */
export function formatReceipt(receipt: Receipt): string {
  return group(receipt.reference + receipt.secret);
}

/**
 * Upper-cases and drops what people add or their keyboards substitute: spaces, dashes of any kind,
 * dots, underscores, and full-width forms from a Chinese input method (NFKC folds those to ASCII).
 */
export function normalizeReceiptInput(input: string): string {
  return input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{Pd}._·•・]/gu, "");
}

function symbols(input: string, length: number): ParseResult<string> {
  const normalized = normalizeReceiptInput(input);
  if (normalized.length === 0) return { ok: false, error: "empty" };
  for (const ch of normalized) {
    if (!RECEIPT_ALPHABET.includes(ch)) return { ok: false, error: "characters" };
  }
  if (normalized.length !== length) return { ok: false, error: "length" };
  return { ok: true, value: normalized };
}

/** A whole receipt as typed: tolerant of spacing, case and dashes; strict about the symbols. */
export function parseReceipt(input: string): ParseResult<Receipt> {
  const parsed = symbols(input, RECEIPT_LENGTH);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { reference: parsed.value.slice(0, REFERENCE_LENGTH), secret: parsed.value.slice(REFERENCE_LENGTH) },
  };
}

/** A case reference alone (e.g. a handler searching the queue). */
export function parseReference(input: string): ParseResult<string> {
  return symbols(input, REFERENCE_LENGTH);
}
