// Per-report encryption (ADR 0010). Each report has its own random 256-bit data key; only its
// wrapped form (sealed under the master key, bound to the report id) is stored. Text fields are
// sealed with the report key and a context naming row and column; attachments are sealed in
// chunks whose associated data carries the attachment id, the chunk index and a final-chunk flag,
// so chunks cannot be reordered, moved, dropped or truncated without the read failing.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "../config/env.server";
import { seal, unsealBuffer } from "./crypto.server";

export const REPORT_KEY_BYTES = 32;

/**
 * Plaintext bytes per attachment chunk. A sealed chunk adds 29 bytes (version, IV, tag), so every
 * stored row stays under 1 MB (10^6 bytes) while a whole chunk is never much more than that in memory.
 */
export const CHUNK_SIZE = 960 * 1024;

const CHUNK_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHUNK_HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Anything that fails to open: wrong key, wrong context, tampered, truncated or malformed data. */
export class SealingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealingError";
  }
}

function configuredMasterKey(): Buffer {
  return Buffer.from(getEnv().SUNLINE_MASTER_KEY, "base64");
}

function wrapContext(reportId: string): string {
  return `sunline:report-key:v1:${reportId}`;
}

function assertReportKey(key: Buffer) {
  if (key.length !== REPORT_KEY_BYTES) throw new SealingError("A report key must be 32 bytes");
}

export type ReportKey = { key: Buffer; wrapped: string };

/**
 * A fresh data key for one report, and its wrapped form to store on the report row. The report id
 * must be known first (generate it before inserting) because the wrapping is bound to it: a wrapped
 * key copied onto another report does not unwrap.
 */
export function createReportKey(reportId: string, masterKey: Buffer = configuredMasterKey()): ReportKey {
  const key = randomBytes(REPORT_KEY_BYTES);
  return { key, wrapped: seal(key, wrapContext(reportId), masterKey) };
}

export function unwrapReportKey(wrapped: string, reportId: string, masterKey: Buffer = configuredMasterKey()): Buffer {
  let key: Buffer;
  try {
    key = unsealBuffer(wrapped, wrapContext(reportId), masterKey);
  } catch {
    throw new SealingError("The report key does not unwrap for this report");
  }
  assertReportKey(key);
  return key;
}

/**
 * Master-key rotation: re-seal one report's key under the new master key. Contents sealed with the
 * report key are untouched, so rotation rewrites one short value per report.
 */
export function rewrapReportKey(wrapped: string, reportId: string, oldMasterKey: Buffer, newMasterKey: Buffer): string {
  const key = unwrapReportKey(wrapped, reportId, oldMasterKey);
  return seal(key, wrapContext(reportId), newMasterKey);
}

/** The context for a sealed text column, e.g. fieldContext("Report", id, "answers"). */
export function fieldContext(table: string, rowId: string, column: string): string {
  return `${table}:${rowId}:${column}`;
}

/** Seal a text value with a report key. `context` names the row and column it is stored in. */
export function sealField(key: Buffer, plaintext: string, context: string): string {
  assertReportKey(key);
  return seal(plaintext, `sunline:field:v1:${context}`, key);
}

export function openField(key: Buffer, sealed: string, context: string): string {
  assertReportKey(key);
  try {
    return unsealBuffer(sealed, `sunline:field:v1:${context}`, key).toString("utf8");
  } catch {
    throw new SealingError("The sealed value does not open in this context");
  }
}

function chunkAad(attachmentId: string, index: number, final: boolean): Buffer {
  if (!Number.isSafeInteger(index) || index < 0) throw new SealingError("Invalid chunk index");
  return Buffer.from(`sunline:chunk:v${CHUNK_VERSION}\0${attachmentId}\0${index}\0${final ? "final" : "more"}`, "utf8");
}

/** One sealed attachment chunk: version byte ‖ IV ‖ tag ‖ ciphertext (store it as bytes). */
export function sealChunk(key: Buffer, attachmentId: string, index: number, bytes: Uint8Array, final: boolean): Buffer {
  assertReportKey(key);
  if (bytes.length > CHUNK_SIZE) throw new SealingError("Chunk larger than CHUNK_SIZE");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(chunkAad(attachmentId, index, final));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([Buffer.from([CHUNK_VERSION]), iv, cipher.getAuthTag(), body]);
}

export function openChunk(key: Buffer, attachmentId: string, index: number, sealed: Uint8Array, final: boolean): Buffer {
  assertReportKey(key);
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < CHUNK_HEADER_BYTES || buf[0] !== CHUNK_VERSION) throw new SealingError("Malformed chunk");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(chunkAad(attachmentId, index, final));
    decipher.setAuthTag(buf.subarray(1 + IV_BYTES, CHUNK_HEADER_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(CHUNK_HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new SealingError(`Chunk ${index} does not open`);
  }
}

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Reads a Web ReadableStream (e.g. a File's stream()) or any (async) iterable of bytes, piece by piece. */
export async function* iterateBytes(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export type SealedChunk = { index: number; final: boolean; sealed: Buffer; plainBytes: number };

/**
 * Seals a byte stream into chunks of `chunkSize` plaintext bytes, yielding each as soon as it is
 * known whether more follows (the final flag needs one chunk of look-ahead). Holds at most about two
 * chunks plus one input piece. An empty input yields one empty final chunk, so "no chunks at all"
 * is always an error when reading back.
 */
export async function* sealStream(
  key: Buffer,
  attachmentId: string,
  source: ByteSource,
  chunkSize: number = CHUNK_SIZE,
): AsyncGenerator<SealedChunk> {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > CHUNK_SIZE) {
    throw new SealingError("Invalid chunk size");
  }
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;

  // Takes exactly n bytes off the front of `pending` without concatenating everything held.
  const take = (n: number): Buffer => {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = pending[0];
      const want = n - filled;
      if (head.length <= want) {
        head.copy(out, filled);
        filled += head.length;
        pending.shift();
      } else {
        head.copy(out, filled, 0, want);
        // Copy the remainder so a large input piece is not kept alive by a small slice of it.
        pending[0] = Buffer.from(head.subarray(want));
        filled += want;
      }
    }
    pendingBytes -= n;
    return out;
  };

  for await (const piece of iterateBytes(source)) {
    if (piece.length === 0) continue;
    // A copy: some sources reuse their buffer for the next read.
    pending.push(Buffer.from(piece));
    pendingBytes += piece.length;
    // Strictly more than a chunk held means this chunk is not the last one.
    while (pendingBytes > chunkSize) {
      const plain = take(chunkSize);
      yield { index, final: false, sealed: sealChunk(key, attachmentId, index, plain, false), plainBytes: plain.length };
      index += 1;
    }
  }
  const last = take(pendingBytes);
  yield { index, final: true, sealed: sealChunk(key, attachmentId, index, last, true), plainBytes: last.length };
}

/**
 * The reverse: opens sealed chunks, in stored order, into plaintext pieces. Chunk i is opened as
 * index i, and as final only when nothing follows it, so a reordered, dropped, appended or
 * truncated chunk fails (with a SealingError) before any of its bytes are released.
 */
export async function* openStream(
  key: Buffer,
  attachmentId: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  let index = 0;
  let held: Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (held !== undefined) {
      yield openChunk(key, attachmentId, index, held, false);
      index += 1;
    }
    held = chunk;
  }
  if (held === undefined) throw new SealingError("No chunks");
  yield openChunk(key, attachmentId, index, held, true);
}

/**
 * A Web ReadableStream over an async iterable (for a download Response). Pull-based, so a slow
 * client never makes the server read ahead; an error (e.g. a tampered chunk) errors the stream.
 */
export function toReadableStream(pieces: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = pieces[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
