// Hotline attachments: the kind comes from the content, and metadata is really gone from what we store,
// as Debian's exiftool sees it (the tool a curious recipient would use).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AttachmentRefusedError, prepareAttachment } from "~/modules/hotline/attachments.server";
import { sniffAttachment } from "~/modules/hotline/file-type.server";
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES, METADATA_KEPT_KINDS } from "~/modules/hotline/attachment-types";
import {
  EXCEL_MAIN,
  WORD_MACRO_MAIN,
  buildDocx,
  buildIsoMedia,
  buildMp3,
  buildWav,
  buildZip,
} from "../fixtures/attachments/build";

let dir: string;

beforeAll(() => {
  // Never skipped: without exiftool these tests would prove nothing, so they fail and say why.
  try {
    execFileSync("exiftool", ["-ver"], { stdio: "pipe" });
  } catch {
    throw new Error("exiftool is required by the attachment tests: apt-get install -y libimage-exiftool-perl");
  }
  dir = mkdtempSync(join(tmpdir(), "sunline-attachments-"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
function writeTemp(bytes: Uint8Array, extension: string): string {
  const path = join(dir, `file-${++fileCounter}.${extension}`);
  writeFileSync(path, bytes);
  return path;
}

function exiftoolWrite(path: string, args: string[]): void {
  execFileSync("exiftool", ["-overwrite_original", ...args, path], { stdio: "pipe" });
}

/** All tags exiftool reads, keyed "Group:Tag" (numeric values, duplicates included). */
function exiftoolRead(bytes: Uint8Array, extension: string): Record<string, unknown> {
  const path = writeTemp(bytes, extension);
  const out = execFileSync("exiftool", ["-j", "-a", "-G1", "-n", path], { encoding: "utf8" });
  return (JSON.parse(out) as Array<Record<string, unknown>>)[0];
}

const keysMatching = (tags: Record<string, unknown>, pattern: RegExp) => Object.keys(tags).filter((k) => pattern.test(k));

// Groups that hold EXIF, GPS, XMP, IPTC, Photoshop and maker data.
const IMAGE_METADATA_GROUPS = /^(IFD0|IFD1|ExifIFD|GPS|InteropIFD|XMP[-\w]*|IPTC|Photoshop|MakerNotes|Canon|ICC[-\w]*):/;

describe("images: re-encoded without metadata", () => {
  it("removes GPS, Artist, Make, XMP and IPTC from a JPEG and applies its orientation", async () => {
    const original = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#3366cc" } }).jpeg().toBuffer();
    const path = writeTemp(original, "jpg");
    exiftoolWrite(path, [
      "-GPSLatitude=31.2304", "-GPSLatitudeRef=N", "-GPSLongitude=121.4737", "-GPSLongitudeRef=E",
      "-Artist=Zhang Wei", "-Make=Canon", "-Model=EOS R5", "-Orientation#=6",
      "-XMP-dc:Creator=Zhang Wei", "-IPTC:By-line=Zhang Wei", "-Copyright=Zhang Wei",
    ]);
    const tagged = readFileSync(path);
    const before = exiftoolRead(tagged, "jpg");
    // The fixture really carries what we mean to remove.
    expect(before["GPS:GPSLatitude"]).toBeCloseTo(31.2304, 3);
    expect(before["IFD0:Artist"]).toBe("Zhang Wei");
    expect(before["IFD0:Make"]).toBe("Canon");
    expect(before["XMP-dc:Creator"]).toBe("Zhang Wei");
    expect(before["IPTC:By-line"]).toBe("Zhang Wei");

    const result = await prepareAttachment(tagged);
    expect(result).toMatchObject({ kind: "jpeg", mimeType: "image/jpeg", metadataRemoved: true, keepsMetadata: false });

    const after = exiftoolRead(result.bytes, "jpg");
    expect(keysMatching(after, IMAGE_METADATA_GROUPS)).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/Zhang Wei|Canon|EOS R5|121\.47|31\.23/);
    // Still an image, turned upright: orientation 6 means the stored 40×20 pixels are shown 20×40.
    const decoded = await sharp(result.bytes).metadata();
    expect([decoded.format, decoded.width, decoded.height, decoded.orientation]).toEqual(["jpeg", 20, 40, undefined]);
  });

  it("removes EXIF and XMP from a PNG and keeps its size", async () => {
    const original = await sharp({ create: { width: 30, height: 17, channels: 4, background: "#ffcc00" } }).png().toBuffer();
    const path = writeTemp(original, "png");
    exiftoolWrite(path, ["-Artist=Li Na", "-Make=Huawei", "-XMP-dc:Creator=Li Na", "-GPSLatitude=39.9", "-GPSLatitudeRef=N"]);
    const tagged = readFileSync(path);
    expect(exiftoolRead(tagged, "png")["IFD0:Artist"]).toBe("Li Na");

    const result = await prepareAttachment(tagged);
    const after = exiftoolRead(result.bytes, "png");
    expect(keysMatching(after, IMAGE_METADATA_GROUPS)).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/Li Na|Huawei/);
    const decoded = await sharp(result.bytes).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual(["png", 30, 17]);
  });

  it("re-encodes GIF and WebP as themselves", async () => {
    for (const format of ["gif", "webp"] as const) {
      const original = await sharp({ create: { width: 12, height: 9, channels: 3, background: "#00aa55" } })[format]().toBuffer();
      const result = await prepareAttachment(original);
      expect(result).toMatchObject({ kind: format, metadataRemoved: true });
      const decoded = await sharp(result.bytes).metadata();
      expect([decoded.format, decoded.width, decoded.height]).toEqual([format, 12, 9]);
    }
  });

  it("removes EXIF, GPS and XMP from a WebP", async () => {
    const original = await sharp({ create: { width: 8, height: 6, channels: 3, background: "#123456" } }).webp().toBuffer();
    const path = writeTemp(original, "webp");
    exiftoolWrite(path, ["-Artist=Li Na", "-GPSLatitude=39.9", "-GPSLatitudeRef=N", "-XMP-dc:Creator=Li Na"]);
    const tagged = readFileSync(path);
    expect(JSON.stringify(exiftoolRead(tagged, "webp"))).toContain("Li Na");
    const result = await prepareAttachment(tagged);
    const after = exiftoolRead(result.bytes, "webp");
    expect(keysMatching(after, IMAGE_METADATA_GROUPS)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain("Li Na");
  });

  it("refuses an image whose declared size would take too much memory to decode", async () => {
    const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).png().toBuffer());
    // Rewrite the header to claim 12000×12000 (144 megapixels), with a valid checksum.
    png.writeUInt32BE(12_000, 16);
    png.writeUInt32BE(12_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    await expect(prepareAttachment(png)).rejects.toMatchObject({ reason: "tooLarge" });
  });

  it("refuses an image that claims JPEG but does not decode", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
    await expect(prepareAttachment(bytes)).rejects.toMatchObject({ reason: "damaged" });
  });
});

describe("PDF: re-saved without its Info dictionary, XMP or earlier revisions", () => {
  it("leaves exiftool no Author, Creator, Title or dates, and keeps every page", async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([300, 200]).drawText(`Page ${i + 1}`, { x: 20, y: 100 });
    doc.setAuthor("Wang Fang");
    doc.setCreator("Finance Dept Laptop 7");
    doc.setProducer("Secret Producer 1.0");
    doc.setTitle("Q3 kickbacks");
    doc.setSubject("ledger");
    doc.setKeywords(["confidential"]);
    doc.setCreationDate(new Date("2025-01-02T03:04:05Z"));
    // Without object streams, so the Info dictionary is plain text in the file (checked below).
    const path = writeTemp(await doc.save({ useObjectStreams: false }), "pdf");
    // exiftool edits PDFs incrementally: the first Info dictionary stays in the file as an older revision.
    exiftoolWrite(path, ["-PDF:Author=Wang Fang (edited)", "-XMP-dc:Creator=Wang Fang", "-XMP-pdf:Producer=Secret Producer 1.0"]);
    const tagged = readFileSync(path);
    const before = exiftoolRead(tagged, "pdf");
    expect(before["PDF:Author"]).toBe("Wang Fang (edited)");
    expect(before["PDF:Title"]).toBe("Q3 kickbacks");
    expect(before["XMP-dc:Creator"]).toBe("Wang Fang");
    // pdf-lib wrote the first Info dictionary's strings in hex (UTF-16BE); it is still in the file.
    const hexOf = (text: string) => Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase();
    const secrets = ["Wang Fang", "Finance Dept", "Secret Producer", "kickbacks", "confidential"];
    expect(tagged.toString("latin1")).toContain(hexOf("Finance Dept Laptop 7"));

    const result = await prepareAttachment(tagged);
    expect(result).toMatchObject({ kind: "pdf", mimeType: "application/pdf", metadataRemoved: true, keepsMetadata: false });

    const after = exiftoolRead(result.bytes, "pdf");
    expect(keysMatching(after, /^(PDF|XMP[-\w]*):(?!PDFVersion|Linearized|PageCount)/)).toEqual([]);
    expect(after["PDF:PageCount"]).toBe(3);
    // Nothing left anywhere in the file, older revisions included.
    const raw = result.bytes.toString("latin1");
    const rawUpper = raw.toUpperCase();
    for (const secret of secrets) expect([secret, raw.includes(secret) || rawUpper.includes(hexOf(secret))]).toEqual([secret, false]);
    const reopened = await PDFDocument.load(result.bytes);
    expect(reopened.getPageCount()).toBe(3);
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.getTitle()).toBeUndefined();
  });

  it("removes comment authors but keeps the comments and the form fields", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    const note = doc.context.obj({ Type: "Annot", Subtype: "Text", Rect: [10, 10, 30, 30] });
    note.set(PDFName.of("Contents"), PDFHexString.fromText("Check invoice 4711"));
    note.set(PDFName.of("T"), PDFString.of("Wang Fang"));
    note.set(PDFName.of("M"), PDFString.of("D:20250102030405Z"));
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(note)]));
    doc.getForm().createTextField("amount").addToPage(page, { x: 50, y: 50, width: 100, height: 20 });
    const original = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(original.toString("latin1")).toContain("(Wang Fang)");

    const result = await prepareAttachment(original);
    expect(result.bytes.toString("latin1")).not.toContain("Wang Fang");
    expect(result.bytes.toString("latin1")).not.toContain("D:20250102030405Z");
    const reopened = await PDFDocument.load(result.bytes);
    const annots = reopened.getPage(0).node.lookup(PDFName.of("Annots"), PDFArray);
    const kept = annots
      .asArray()
      .map((ref) => reopened.context.lookup(ref, PDFDict))
      .find((annot) => annot.get(PDFName.of("Subtype"))?.toString() === "/Text");
    expect(kept?.lookup(PDFName.of("Contents"), PDFHexString).decodeText()).toBe("Check invoice 4711");
    expect(reopened.getForm().getTextField("amount").getName()).toBe("amount");
  });

  it("refuses a password-protected PDF (its metadata could not be removed)", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const plain = Buffer.from(await doc.save({ useObjectStreams: false }));
    // Mark the trailer as encrypted, as a protected file's is.
    const encrypted = Buffer.from(
      plain.toString("latin1").replace("trailer\n<<", "trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 >>"),
      "latin1",
    );
    expect(encrypted.toString("latin1")).toContain("/Encrypt");
    await expect(prepareAttachment(encrypted)).rejects.toMatchObject({ reason: "encryptedPdf" });
  });
});

describe("types are decided by content, never by name", () => {
  it("accepts the kinds we support", async () => {
    const samples: Array<[string, Uint8Array]> = [
      ["jpeg", await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } }).jpeg().toBuffer()],
      ["png", await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } }).png().toBuffer()],
      ["pdf", await (await PDFDocument.create()).save()],
      ["text", Buffer.from("\uFEFF举报内容：经理收受礼品 🎁\r\n<script>alert(1)</script> stays text\n", "utf8")],
      ["text", Buffer.from("MZ Holdings was paid twice for invoice 4711.\n", "utf8")],
      ["docx", buildDocx("Chen Jie")],
      ["xlsx", buildDocx("Chen Jie", EXCEL_MAIN)],
      ["mp3", buildMp3()],
      ["wav", buildWav()],
      ["m4a", buildIsoMedia("M4A ", ["M4A ", "isom"])],
      ["mp4", buildIsoMedia("isom", ["isom", "iso2", "avc1", "mp41"])],
      ["mov", buildIsoMedia("qt  ", ["qt  "])],
      ["ogg", Buffer.concat([Buffer.from("OggS\0\x02", "latin1"), Buffer.alloc(40)])],
    ];
    for (const [kind, bytes] of samples) expect([kind, sniffAttachment(bytes)]).toEqual([kind, { ok: true, kind }]);
  });

  it("refuses executables, markup, archives, HEIC and random bytes, whatever they are called", async () => {
    const pe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), randomBytes(500)]);
    const cases: Array<[string, Uint8Array, string]> = [
      ["invoice.jpg (a Windows program)", pe, "executable"],
      ["photo.png (a Linux program)", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(200)]), "executable"],
      ["notes.txt (a shell script)", Buffer.from("#!/bin/sh\nrm -rf ~\n"), "executable"],
      ["page.txt (HTML)", Buffer.from("  \n<!DOCTYPE html><html><body><script>alert(1)</script>"), "markup"],
      ["page.pdf (HTML)", Buffer.from("<html><script>steal()</script></html>"), "markup"],
      ["image.txt (SVG)", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "markup"],
      ["data.txt (XML)", Buffer.from('<?xml version="1.0"?><a/>'), "markup"],
      ["empty.txt", Buffer.alloc(0), "empty"],
      ["random.jpg", randomBytes(4096), "unsupportedType"],
      ["notes.txt (NUL bytes)", Buffer.from("hello\0world"), "unsupportedType"],
      ["notes.txt (GBK, not UTF-8)", Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xca, 0xc0, 0xbd, 0xe7]), "unsupportedType"],
      ["archive.docx (a plain ZIP)", buildZip([{ name: "a.txt", data: "hi" }]), "unsupportedType"],
      ["report.docx (macros)", buildDocx("x", WORD_MACRO_MAIN), "macros"],
      ["report.docx (a vbaProject part)", buildDocx("x", undefined, [{ name: "word/vbaProject.bin", data: "x" }]), "macros"],
      [
        "bomb.docx (claims 4 GB inside)",
        buildDocx("x", undefined, [{ name: "word/media/a.bin", data: Buffer.alloc(1000), declaredSize: 0xfffffff0 }]),
        "tooLarge",
      ],
      ["truncated.docx", buildDocx("x").subarray(0, 300), "damaged"],
      ["IMG_0001.jpg (HEIC)", buildIsoMedia("heic", ["mif1", "heic"]), "heic"],
      ["zip polyglot", Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), randomBytes(1000)]), "damaged"],
    ];
    for (const [name, bytes, reason] of cases) {
      expect([name, sniffAttachment(bytes)]).toEqual([name, { ok: false, reason }]);
      const error = await prepareAttachment(bytes).catch((e: unknown) => e);
      expect([name, error instanceof AttachmentRefusedError && error.reason]).toEqual([name, reason]);
    }
  });

  it("stores a DOCX as uploaded and flags that it keeps its metadata", async () => {
    const docx = buildDocx("Chen Jie");
    const result = await prepareAttachment(docx);
    expect(result).toMatchObject({
      kind: "docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      extension: "docx",
      metadataRemoved: false,
      keepsMetadata: true,
      metadata: "kept",
    });
    expect(Buffer.compare(result.bytes, docx)).toBe(0);
    // The warning is honest: the author is still there for anyone to read.
    expect(exiftoolRead(result.bytes, "docx")["XMP-dc:Creator"]).toBe("Chen Jie");
    expect(METADATA_KEPT_KINDS).toEqual(expect.arrayContaining(["docx", "xlsx", "pptx", "mp3", "m4a", "wav", "mp4"]));
    expect(METADATA_KEPT_KINDS).not.toContain("jpeg");
    expect(METADATA_KEPT_KINDS).not.toContain("pdf");
  });

  it("stores plain text unchanged, byte for byte", async () => {
    const text = Buffer.from("第一行\n😀 emoji\t<b>not markup mid-text</b>\n", "utf8");
    const result = await prepareAttachment(text);
    expect(result).toMatchObject({ kind: "text", mimeType: ATTACHMENT_TYPES.text.mimeType, metadataRemoved: false, keepsMetadata: false });
    expect(result.bytes.toString("utf8")).toBe(text.toString("utf8"));
  });
});

describe("the attachment type table", () => {
  it("describes every kind the sniffer can name, and nothing else", () => {
    expect(Object.keys(ATTACHMENT_TYPES).sort()).toEqual([...ATTACHMENT_KINDS].sort());
    for (const kind of ATTACHMENT_KINDS) expect(ATTACHMENT_TYPES[kind].extension, kind).toMatch(/^[a-z0-9]+$/);
    expect(ATTACHMENT_TYPES.docx).toEqual({ mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", family: "document", metadata: "kept" });
    expect(METADATA_KEPT_KINDS).toEqual(["docx", "xlsx", "pptx", "mp3", "m4a", "wav", "ogg", "mp4", "mov"]);
  });
});
