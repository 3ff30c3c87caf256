// Hotline attachments: decide the kind from the content, then remove embedded metadata before the file
// is stored. Images are decoded and re-encoded (EXIF/GPS, XMP, IPTC, ICC, comments are not carried
// over; orientation is applied to the pixels first). PDFs are re-saved without their Info dictionary,
// XMP streams, page-piece data, annotation authors, and without the older revisions an incremental
// save leaves behind. Office, audio and video files are stored as uploaded: ATTACHMENT_TYPES says so,
// so the form can warn the reporter.
//
// Memory: this works on whole buffers. sharp needs the encoded file and, when it must rotate, the
// decoded pixels (bounded by MAX_IMAGE_PIXELS: at most ~400 MB for an RGBA image at the limit, far
// less for ordinary photos); pdf-lib parses the whole document into objects (a few times the file size).
// That is acceptable for the hotline's limit of 25 MB a file, and at most SANITIZE_CONCURRENCY files are
// processed at once, so a burst of uploads cannot multiply it. The caller enforces the size limit
// BEFORE calling (stop reading the upload at the limit), and streams the result into encrypted chunks.
import sharp, { type Sharp } from "sharp";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from "pdf-lib";
import type { PDFObject } from "pdf-lib";
import {
  ATTACHMENT_TYPES,
  type AttachmentKind,
  type AttachmentRefusalReason,
  type MetadataHandling,
} from "./attachment-types";
import { sniffAttachment } from "./file-type.server";
import { DomainError } from "../http/domain-error";

/** Larger images are refused: decoding them would need too much memory (100 MP ≈ 400 MB as RGBA). */
export const MAX_IMAGE_PIXELS = 100_000_000;
export const SANITIZE_CONCURRENCY = 2;

// libvips' operation cache would keep decoded report images in memory after the request: no caching.
sharp.cache(false);

/** A file that cannot be taken (its kind, damage, encryption, size); `reason` says which. */
export class AttachmentRefusedError extends DomainError<AttachmentRefusalReason> {
  constructor(readonly reason: AttachmentRefusalReason) {
    super("attachments", reason, { field: "attachments" });
  }
}

export type PreparedAttachment = {
  /** What to store: the cleaned file (or the original bytes for kinds whose metadata is kept). */
  bytes: Buffer;
  kind: AttachmentKind;
  /** From the content, never from the upload's name or Content-Type. */
  mimeType: string;
  /** Serve downloads under this extension, not the reporter's. */
  extension: string;
  /** True when embedded metadata was removed (images, PDFs). */
  metadataRemoved: boolean;
  /** True when the file's kind carries embedded metadata we store as is (Office, audio, video). */
  keepsMetadata: boolean;
  metadata: MetadataHandling;
};

/**
 * Checks the content and removes metadata. Throws AttachmentRefusedError (with an i18n-ready reason)
 * for anything not accepted; the declared name and type are deliberately not parameters.
 */
export async function prepareAttachment(input: Uint8Array): Promise<PreparedAttachment> {
  const sniffed = sniffAttachment(input);
  if (!sniffed.ok) throw new AttachmentRefusedError(sniffed.reason);
  const { kind } = sniffed;
  const info = ATTACHMENT_TYPES[kind];

  let bytes: Buffer;
  if (info.metadata === "removed") {
    bytes = await withSlot(() => (info.family === "image" ? reencodeImage(input, kind) : cleanPdf(input)));
    // The output is ours, but check it anyway: what we store must be what we say it is.
    const again = sniffAttachment(bytes);
    if (!again.ok || again.kind !== kind) throw new AttachmentRefusedError("damaged");
  } else {
    bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  }
  return {
    bytes,
    kind,
    mimeType: info.mimeType,
    extension: info.extension,
    metadataRemoved: info.metadata === "removed",
    keepsMetadata: info.metadata === "kept",
    metadata: info.metadata,
  };
}

// ───────── a small semaphore: bounds the memory of concurrent decodes ─────────

let running = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  if (running >= SANITIZE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

// ───────── images ─────────

const SHARP_FORMAT: Partial<Record<AttachmentKind, string>> = { jpeg: "jpeg", png: "png", gif: "gif", webp: "webp" };

async function reencodeImage(input: Uint8Array, kind: AttachmentKind): Promise<Buffer> {
  const animated = kind === "gif" || kind === "webp";
  let image: Sharp;
  try {
    image = sharp(input, { animated, limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" });
    const meta = await image.metadata();
    if (meta.format !== SHARP_FORMAT[kind]) throw new AttachmentRefusedError("damaged");
  } catch (error) {
    throw asRefusal(error);
  }
  // rotate() without an angle applies the EXIF orientation to the pixels, since the tag itself goes.
  // No withMetadata()/keepExif()/keepIccProfile(): sharp then writes none of it.
  const pipeline = image.rotate();
  try {
    switch (kind) {
      case "jpeg":
        return await pipeline.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
      case "png":
        return await pipeline.png().toBuffer();
      case "gif":
        return await pipeline.gif().toBuffer();
      case "webp":
        return await pipeline.webp({ quality: 90 }).toBuffer();
      default:
        throw new AttachmentRefusedError("damaged");
    }
  } catch (error) {
    throw asRefusal(error);
  }
}

function asRefusal(error: unknown): AttachmentRefusedError {
  if (error instanceof AttachmentRefusedError) return error;
  const message = error instanceof Error ? error.message : "";
  return new AttachmentRefusedError(/pixel limit/i.test(message) ? "tooLarge" : "damaged");
}

// ───────── PDF ─────────

// Keys that carry authoring data wherever they appear: XMP streams (on the catalog, pages, images,
// fonts…), application private data, modification stamps.
const METADATA_KEYS = ["Metadata", "PieceInfo", "LastModified"].map((k) => PDFName.of(k));
// Markup annotations (comments, highlights…) carry their author's name in /T and dates in /M and
// /CreationDate. Widgets (form fields) are left alone: their /T is the field's name.
const MARKUP_ANNOTATIONS = new Set([
  "/Text", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight", "/Underline",
  "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/FileAttachment", "/Sound", "/Redact", "/Popup",
]);
const ANNOTATION_AUTHOR_KEYS = ["T", "M", "CreationDate"].map((k) => PDFName.of(k));

async function cleanPdf(input: Uint8Array): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib itself writes Producer/Creator/dates into a new Info dictionary.
    // ignoreEncryption, then our own check: pdf-lib's EncryptedPDFError is compiled to ES5 and fails
    // `instanceof`, so asking the document is the reliable way to tell "protected" from "damaged".
    doc = await PDFDocument.load(input, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw new AttachmentRefusedError("damaged");
  }
  if (doc.isEncrypted) throw new AttachmentRefusedError("encryptedPdf");
  const pageCount = doc.getPageCount();
  const context = doc.context;
  context.trailerInfo.Info = undefined;
  // The file ID is often derived from the author's machine, path and time.
  context.trailerInfo.ID = undefined;

  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict) scrubDict(dict);
  }
  collectGarbage(doc);

  try {
    const saved = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
    const check = await PDFDocument.load(saved, { updateMetadata: false });
    if (check.getPageCount() !== pageCount) throw new Error("page count changed");
    return Buffer.from(saved);
  } catch {
    throw new AttachmentRefusedError("damaged");
  }
}

function scrubDict(dict: PDFDict): void {
  for (const key of METADATA_KEYS) dict.delete(key);
  const subtype = dict.get(PDFName.of("Subtype"));
  if (subtype instanceof PDFName && MARKUP_ANNOTATIONS.has(subtype.asString()) && dict.has(PDFName.of("Rect"))) {
    for (const key of ANNOTATION_AUTHOR_KEYS) dict.delete(key);
  }
  // Direct (inline) dictionaries can hold these keys too.
  for (const [, value] of dict.entries()) {
    if (value instanceof PDFDict) scrubDict(value);
    else if (value instanceof PDFArray) scrubArray(value);
  }
}

function scrubArray(array: PDFArray): void {
  for (const value of array.asArray()) {
    if (value instanceof PDFDict) scrubDict(value);
    else if (value instanceof PDFArray) scrubArray(value);
  }
}

/**
 * pdf-lib parses every object in the file, including those an incremental save replaced (an earlier
 * Info dictionary, an old XMP stream) and writes them all back out. Keep only what the document
 * catalog still reaches.
 */
function collectGarbage(doc: PDFDocument): void {
  const context = doc.context;
  const reachable = new Set<string>();
  const stack: PDFObject[] = [];
  if (context.trailerInfo.Root) stack.push(context.trailerInfo.Root);
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (object instanceof PDFRef) {
      const key = object.toString();
      if (reachable.has(key)) continue;
      reachable.add(key);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) stack.push(value);
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.toString())) context.delete(ref);
  }
}
