// Content sniffing for hotline attachments: the kind is decided from the bytes alone. The name and the
// browser's Content-Type are never consulted (an .exe renamed .jpg is an executable). A small sniffer of
// our own rather than an npm package: it only has to know the ~15 kinds we accept, it must also say why
// something is refused (executable, markup, macros), and it looks inside Office ZIPs, which the common
// packages do not do without reading the whole archive.
import { inflateRawSync } from "node:zlib";
import type { AttachmentKind, AttachmentRefusalReason } from "./attachment-types";

export type SniffResult = { ok: true; kind: AttachmentKind } | { ok: false; reason: AttachmentRefusalReason };

const refuse = (reason: AttachmentRefusalReason): SniffResult => ({ ok: false, reason });
const accept = (kind: AttachmentKind): SniffResult => ({ ok: true, kind });

function startsWith(bytes: Uint8Array, signature: readonly number[] | string, offset = 0): boolean {
  const sig = typeof signature === "string" ? Array.from(signature, (c) => c.charCodeAt(0)) : signature;
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
}

export function sniffAttachment(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refuse("empty");

  if (isExecutable(bytes)) return refuse("executable");

  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accept("jpeg");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept("png");
  if (startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a")) return accept("gif");
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WEBP", 8)) return accept("webp");
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WAVE", 8)) return accept("wav");
  // Strictly at offset 0: readers tolerate junk before the header, which is how PDF polyglots are made.
  if (startsWith(bytes, "%PDF-")) return accept("pdf");
  if (startsWith(bytes, "OggS")) return accept("ogg");
  if (startsWith(bytes, "ftyp", 4)) return sniffIsoMedia(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffOfficeZip(bytes);
  if (startsWith(bytes, "ID3") || isMpegAudioFrame(bytes, 0)) return sniffMp3(bytes);

  return sniffText(bytes);
}

function isExecutable(bytes: Uint8Array): boolean {
  return (
    // Windows PE/DOS: its header always holds NUL bytes, a text that starts with "MZ" never does.
    (startsWith(bytes, "MZ") && bytes.subarray(0, 64).includes(0)) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(bytes, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal / Java class
    startsWith(bytes, "#!") || // scripts
    startsWith(bytes, [0xef, 0xbb, 0xbf, 0x23, 0x21])
  );
}

// ───────── ISO base media (MP4, M4A, MOV, HEIC) ─────────

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);
const M4A_BRANDS = new Set(["M4A ", "M4B ", "M4P "]);
const MP4_BRANDS = new Set([
  "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9",
  "mp41", "mp42", "mp71", "avc1", "M4V ", "M4VH", "M4VP", "dash", "MSNV", "f4v ", "mmp4",
  "3gp4", "3gp5", "3gp6", "3gp7", "3g2a", "3g2b", "3g2c",
]);

function sniffIsoMedia(bytes: Uint8Array): SniffResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = view.getUint32(0);
  if (boxSize < 16 || boxSize > 4096 || boxSize > bytes.length) return refuse("damaged");
  const major = ascii(bytes, 8, 12);
  const brands = [major];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  if (brands.some((b) => HEIF_BRANDS.has(b))) return refuse("heic");
  if (M4A_BRANDS.has(major)) return accept("m4a");
  if (major === "qt  ") return accept("mov");
  if (brands.some((b) => MP4_BRANDS.has(b))) return accept("mp4");
  return refuse("unsupportedType");
}

// ───────── MP3 ─────────

function isMpegAudioFrame(bytes: Uint8Array, offset: number): boolean {
  if (offset + 4 > bytes.length) return false;
  const [b0, b1, b2] = [bytes[offset], bytes[offset + 1], bytes[offset + 2]];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11; // 01 is reserved
  const layer = (b1 >> 1) & 0b11; // 00 is reserved (and is ADTS AAC's sync)
  const bitrate = b2 >> 4; // 1111 is invalid
  const sampleRate = (b2 >> 2) & 0b11; // 11 is reserved
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

function sniffMp3(bytes: Uint8Array): SniffResult {
  let offset = 0;
  if (startsWith(bytes, "ID3")) {
    if (bytes.length < 10) return refuse("damaged");
    // The tag size is "syncsafe": 7 bits per byte.
    const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
    const footer = bytes[5] & 0x10 ? 10 : 0;
    offset = 10 + size + footer;
    // Some encoders pad after the tag: look a little further for the first frame.
    const limit = Math.min(bytes.length - 4, offset + 4096);
    while (offset < limit && bytes[offset] === 0) offset++;
  }
  return isMpegAudioFrame(bytes, offset) ? accept("mp3") : refuse("unsupportedType");
}

// ───────── Office Open XML (ZIP) ─────────

const MAX_ZIP_ENTRIES = 10_000;
/** Declared uncompressed total: real documents are far below this; zip bombs are far above. */
const MAX_ZIP_UNCOMPRESSED = 512 * 1024 * 1024;
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

const OFFICE_MAIN_TYPES: ReadonlyArray<[string, AttachmentKind]> = [
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "docx"],
  ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xlsx"],
  ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "pptx"],
];
const MACRO_MAIN_TYPE = /application\/vnd\.ms-(word|excel|powerpoint)\.[a-z]+\.macroEnabled/i;

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] | "damaged" | "tooLarge" {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "damaged";
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) return "damaged"; // ZIP64: no Office file needs it
  if (count > MAX_ZIP_ENTRIES) return "tooLarge";
  // The directory must sit right before the end record: anything else is a polyglot or a damaged file.
  if (cdOffset + cdSize !== eocd) return "damaged";

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return "damaged";
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (localOffset + 30 > cdOffset) return "damaged";
    total += size;
    if (total > MAX_ZIP_UNCOMPRESSED) return "tooLarge";
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (view.getUint32(p, true) !== 0x04034b50) return null;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return null;
  try {
    if (entry.method === 0) return data;
    // maxOutputLength bounds what a lying size field can make us allocate.
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES });
  } catch {
    return null;
  }
  return null;
}

function sniffOfficeZip(bytes: Uint8Array): SniffResult {
  const entries = readCentralDirectory(bytes);
  if (entries === "damaged") return refuse("damaged");
  if (entries === "tooLarge") return refuse("tooLarge");
  const contentTypes = entries.find((e) => e.name === "[Content_Types].xml");
  // A ZIP that is not an Office document: archives are not accepted (nothing inside could be checked).
  if (!contentTypes) return refuse("unsupportedType");
  if (contentTypes.size > MAX_CONTENT_TYPES_BYTES) return refuse("damaged");
  const xmlBytes = readZipEntry(bytes, contentTypes);
  if (!xmlBytes) return refuse("damaged");
  const xml = new TextDecoder().decode(xmlBytes);
  if (MACRO_MAIN_TYPE.test(xml) || entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return refuse("macros");
  for (const [type, kind] of OFFICE_MAIN_TYPES) {
    if (xml.includes(`ContentType="${type}"`)) return accept(kind);
  }
  return refuse("unsupportedType");
}

// ───────── plain text ─────────

// After the BOM and leading white space, these open an HTML/XML document (the WHATWG MIME sniffing
// patterns, plus SVG and XML): a browser would render them and run their scripts.
const MARKUP_OPENERS = [
  "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a",
  "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml", "<svg", "<meta", "<link", "<img",
  "<object", "<embed", "<form",
];

function sniffText(bytes: Uint8Array): SniffResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse("unsupportedType");
  }
  // Tab, line feed, vertical tab, form feed and carriage return are text; other control characters
  // (NUL first of all) mean a binary file that happens to decode.
  // (UTF-8 never uses bytes below 0x80 inside a multi-byte character, so a byte scan is exact.)
  for (const byte of bytes) {
    if ((byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f)) return refuse("unsupportedType");
  }
  const head = text.replace(/^\uFEFF/, "").trimStart().slice(0, 32).toLowerCase();
  for (const opener of MARKUP_OPENERS) {
    if (!head.startsWith(opener)) continue;
    const next = head.charAt(opener.length);
    if (opener === "<!--" || next === "" || next === ">" || next === "/" || /\s/.test(next)) return refuse("markup");
  }
  return accept("text");
}
