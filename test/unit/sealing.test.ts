// Per-report keys, sealed fields and the chunked attachment cipher (ADR 0010).
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CHUNK_SIZE,
  createReportKey,
  fieldContext,
  openChunk,
  openField,
  openStream,
  rewrapReportKey,
  sealChunk,
  sealField,
  sealStream,
  SealingError,
  toReadableStream,
  unwrapReportKey,
} from "~/modules/crypto/sealing.server";

const MB = 1024 * 1024;

function flipByte(buf: Buffer, at: number): Buffer {
  const copy = Buffer.from(buf);
  copy[at] ^= 0x01;
  return copy;
}

function flipChar(sealed: string, at: number): string {
  const c = sealed[at] === "A" ? "B" : "A";
  return sealed.slice(0, at) + c + sealed.slice(at + 1);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function sealAll(key: Buffer, attachmentId: string, data: Buffer, chunkSize?: number): Promise<Buffer[]> {
  return (await collect(sealStream(key, attachmentId, [data], chunkSize))).map((c) => c.sealed);
}

async function openAll(key: Buffer, attachmentId: string, chunks: Buffer[]): Promise<Buffer> {
  return Buffer.concat(await collect(openStream(key, attachmentId, chunks)));
}

describe("report keys", () => {
  it("creates a random 256-bit key per report, stored only wrapped, and unwraps it for that report", () => {
    const a = createReportKey("report-a");
    const b = createReportKey("report-b");
    expect(a.key).toHaveLength(32);
    expect(a.key.equals(b.key)).toBe(false);
    expect(a.wrapped).not.toContain(a.key.toString("base64url"));
    expect(unwrapReportKey(a.wrapped, "report-a").equals(a.key)).toBe(true);
  });

  it("refuses a wrapped key moved to another report, tampered with, or under another master key", () => {
    const { wrapped } = createReportKey("report-a");
    expect(() => unwrapReportKey(wrapped, "report-b")).toThrow(SealingError);
    expect(() => unwrapReportKey(flipChar(wrapped, wrapped.length - 3), "report-a")).toThrow(SealingError);
    expect(() => unwrapReportKey(wrapped, "report-a", randomBytes(32))).toThrow(SealingError);
    expect(() => unwrapReportKey("not a sealed value", "report-a")).toThrow(SealingError);
  });

  it("rewraps under a new master key: the same data key opens old content, the old master key no longer unwraps", () => {
    const oldMaster = randomBytes(32);
    const newMaster = randomBytes(32);
    const { key, wrapped } = createReportKey("r1", oldMaster);
    const sealed = sealField(key, "what happened", fieldContext("Report", "r1", "answers"));

    const rewrapped = rewrapReportKey(wrapped, "r1", oldMaster, newMaster);
    const key2 = unwrapReportKey(rewrapped, "r1", newMaster);
    expect(openField(key2, sealed, fieldContext("Report", "r1", "answers"))).toBe("what happened");
    expect(() => unwrapReportKey(rewrapped, "r1", oldMaster)).toThrow(SealingError);
    expect(() => rewrapReportKey(wrapped, "r1", newMaster, oldMaster)).toThrow(SealingError);
  });
});

describe("sealed text fields", () => {
  const { key } = createReportKey("r1");
  const ctx = fieldContext("Report", "r1", "answers");

  it.each([
    ["Chinese", "经理收受供应商的礼品，价值约五千元。"],
    ["emoji", "👩🏽‍💼 said 💸 went missing 🙈🇨🇳"],
    ["empty", ""],
    ["hostile markup", "<script>alert(1)</script>\u0000\u202E'; DROP TABLE \"Report\";--"],
  ])("round-trips %s text exactly", (_label, text) => {
    const sealed = sealField(key, text, ctx);
    if (text) expect(sealed).not.toContain(text);
    expect(openField(key, sealed, ctx)).toBe(text);
  });

  it("seals the same text differently each time", () => {
    expect(sealField(key, "same", ctx)).not.toBe(sealField(key, "same", ctx));
  });

  it("refuses another column, another row, another report's key and a flipped character", () => {
    const sealed = sealField(key, "secret words", ctx);
    expect(() => openField(key, sealed, fieldContext("Report", "r1", "identity"))).toThrow(SealingError);
    expect(() => openField(key, sealed, fieldContext("Report", "r2", "answers"))).toThrow(SealingError);
    expect(() => openField(createReportKey("r2").key, sealed, ctx)).toThrow(SealingError);
    for (const at of [5, 20, sealed.length - 2]) {
      expect(() => openField(key, flipChar(sealed, at), ctx)).toThrow(SealingError);
    }
  });
});

describe("attachment chunks", () => {
  const { key } = createReportKey("r1");

  it("opens a chunk only at its own index, attachment and final flag", () => {
    const sealed = sealChunk(key, "att-1", 3, Buffer.from("bytes"), false);
    expect(openChunk(key, "att-1", 3, sealed, false).toString()).toBe("bytes");
    expect(() => openChunk(key, "att-1", 4, sealed, false)).toThrow(SealingError);
    expect(() => openChunk(key, "att-2", 3, sealed, false)).toThrow(SealingError);
    expect(() => openChunk(key, "att-1", 3, sealed, true)).toThrow(SealingError);
    expect(() => openChunk(key, "att-1", 3, flipByte(sealed, sealed.length - 1), false)).toThrow(SealingError);
    expect(() => openChunk(key, "att-1", 3, sealed.subarray(0, 10), false)).toThrow(SealingError);
  });

  it("keeps every stored chunk under 1 MB", async () => {
    const chunks = await sealAll(key, "att-big", randomBytes(2 * CHUNK_SIZE + 5));
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1_000_000);
  });

  it("round-trips empty input as one final chunk and refuses no chunks at all", async () => {
    const chunks = await sealAll(key, "att-empty", Buffer.alloc(0));
    expect(chunks).toHaveLength(1);
    expect(await openAll(key, "att-empty", chunks)).toHaveLength(0);
    await expect(openAll(key, "att-empty", [])).rejects.toThrow(SealingError);
  });

  it("round-trips input that is an exact multiple of the chunk size without an empty trailing chunk", async () => {
    const data = randomBytes(4096);
    const chunks = await sealAll(key, "att-exact", data, 1024);
    expect(chunks).toHaveLength(4);
    expect((await openAll(key, "att-exact", chunks)).equals(data)).toBe(true);
  });

  it("detects a flipped byte, swapped chunks, a dropped last chunk, an extra chunk and another attachment's chunks", async () => {
    const data = randomBytes(5000);
    const chunks = await sealAll(key, "att-1", data, 1024);
    expect(chunks).toHaveLength(5);
    expect((await openAll(key, "att-1", chunks)).equals(data)).toBe(true);

    const flipped = [...chunks];
    flipped[2] = flipByte(chunks[2], 40);
    await expect(openAll(key, "att-1", flipped)).rejects.toThrow(SealingError);

    const swapped = [chunks[0], chunks[2], chunks[1], chunks[3], chunks[4]];
    await expect(openAll(key, "att-1", swapped)).rejects.toThrow(SealingError);

    await expect(openAll(key, "att-1", chunks.slice(0, 4))).rejects.toThrow(SealingError);
    await expect(openAll(key, "att-1", chunks.slice(1))).rejects.toThrow(SealingError);
    await expect(openAll(key, "att-1", [...chunks, chunks[4]])).rejects.toThrow(SealingError);

    const other = await sealAll(key, "att-2", randomBytes(5000), 1024);
    await expect(openAll(key, "att-1", [...chunks.slice(0, 4), other[4]])).rejects.toThrow(SealingError);
    await expect(openAll(createReportKey("r2").key, "att-1", chunks)).rejects.toThrow(SealingError);
  });

  it("releases no plaintext of a tampered chunk: pieces before it come out, then the error", async () => {
    const chunks = await sealAll(key, "att-1", Buffer.alloc(3000, 0x61), 1024);
    const tampered = [chunks[0], flipByte(chunks[1], 50), chunks[2]];
    const seen: Buffer[] = [];
    await expect(
      (async () => {
        for await (const piece of openStream(key, "att-1", tampered)) seen.push(piece);
      })(),
    ).rejects.toThrow(SealingError);
    expect(Buffer.concat(seen)).toHaveLength(1024);
  });

  it("streams 3 MB from a Web ReadableStream through sealing and back without holding the file", async () => {
    const total = 3 * MB;
    const pieceSize = 64 * 1024;
    let produced = 0;
    let consumed = 0;
    let maxInFlight = 0;
    const inputHash = createHash("sha256");
    // Deterministic pseudo-random pieces, generated on demand so the test itself holds no file either.
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= total) return controller.close();
        const piece = createHash("sha512").update(String(produced)).digest();
        const buf = Buffer.alloc(Math.min(pieceSize, total - produced));
        for (let i = 0; i < buf.length; i += piece.length) piece.copy(buf, i);
        produced += buf.length;
        inputHash.update(buf);
        controller.enqueue(buf);
      },
    });

    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const outputHash = createHash("sha256");
    const sealed = sealStream(key, "att-stream", source);
    const chunkIndexes: number[] = [];
    async function* storedChunks() {
      for await (const chunk of sealed) {
        chunkIndexes.push(chunk.index);
        expect(chunk.sealed.length).toBeLessThanOrEqual(1_000_000);
        yield chunk.sealed;
      }
    }
    const download = toReadableStream(openStream(key, "att-stream", storedChunks()));
    const reader = download.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      consumed += value.length;
      outputHash.update(value);
      maxInFlight = Math.max(maxInFlight, produced - consumed);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }

    expect(consumed).toBe(total);
    expect(outputHash.digest("hex")).toBe(inputHash.digest("hex"));
    expect(chunkIndexes).toEqual([0, 1, 2, 3]);
    // Read but not yet delivered: at most the sealer's look-ahead plus the opener's (two chunks and a
    // piece), never the whole file.
    expect(maxInFlight).toBeLessThanOrEqual(2 * CHUNK_SIZE + pieceSize);
    expect(maxInFlight).toBeLessThan(total);
    // Loose: garbage collection is not deterministic, but ten copies of the file would show.
    expect(peak - before).toBeLessThan(30 * MB);
  });

  it("is not corrupted by a source that reuses one buffer for every read", async () => {
    const shared = Buffer.alloc(100);
    async function* reusing() {
      for (let i = 0; i < 10; i += 1) {
        shared.fill(i);
        yield shared;
      }
    }
    const chunks = (await collect(sealStream(key, "att-reuse", reusing(), 256))).map((c) => c.sealed);
    const expected = Buffer.concat(Array.from({ length: 10 }, (_, i) => Buffer.alloc(100, i)));
    expect((await openAll(key, "att-reuse", chunks)).equals(expected)).toBe(true);
  });

  it("with small chunks, holds only a few chunks' worth while streaming", async () => {
    let produced = 0;
    let consumed = 0;
    let maxInFlight = 0;
    async function* source() {
      for (let i = 0; i < 200; i += 1) {
        produced += 1000;
        yield Buffer.alloc(1000, i);
      }
    }
    for await (const piece of openStream(
      key,
      "att-small",
      (async function* () {
        for await (const c of sealStream(key, "att-small", source(), 4096)) yield c.sealed;
      })(),
    )) {
      consumed += piece.length;
      maxInFlight = Math.max(maxInFlight, produced - consumed);
    }
    expect(consumed).toBe(200_000);
    expect(maxInFlight).toBeLessThanOrEqual(2 * 4096 + 1000);
  });
});
