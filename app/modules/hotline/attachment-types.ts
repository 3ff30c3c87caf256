// The attachment types the hotline accepts, shared by the server (checks, storage, downloads) and the
// report form (the `accept` hint and the "these types keep their metadata" notice). Client-safe: no
// server imports, no user-facing strings. Each kind and each refusal reason is an i18n key: the
// catalogue is expected to hold e.g. `hotline.attachmentKinds[kind]` and `hotline.attachmentRefused[reason]`.

export const ATTACHMENT_KINDS = [
  "jpeg",
  "png",
  "gif",
  "webp",
  "pdf",
  "text",
  "docx",
  "xlsx",
  "pptx",
  "mp3",
  "m4a",
  "wav",
  "ogg",
  "mp4",
  "mov",
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * What happens to embedded metadata (EXIF/GPS, author, software, dates) before storage:
 * - "removed": the file is rewritten without it (images re-encoded, PDFs re-saved);
 * - "kept": the format carries metadata we do not rewrite (the reporter must be told);
 * - "none": the format has no embedded metadata (plain text).
 */
export type MetadataHandling = "removed" | "kept" | "none";

export type AttachmentTypeInfo = {
  mimeType: string;
  /** The extension to serve the file under: never the one the reporter's file name claimed. */
  extension: string;
  family: "image" | "document" | "text" | "audio" | "video";
  metadata: MetadataHandling;
};

/** Kinds that share a family and a metadata handling: kind → [MIME type, extension served]. */
function kindsOf(
  family: AttachmentTypeInfo["family"],
  metadata: MetadataHandling,
  kinds: Partial<Record<AttachmentKind, [mimeType: string, extension: string]>>,
): Partial<Record<AttachmentKind, AttachmentTypeInfo>> {
  return Object.fromEntries(Object.entries(kinds).map(([kind, [mimeType, extension]]) => [kind, { mimeType, extension, family, metadata }]));
}

const OFFICE = "application/vnd.openxmlformats-officedocument";

export const ATTACHMENT_TYPES = {
  ...kindsOf("image", "removed", { jpeg: ["image/jpeg", "jpg"], png: ["image/png", "png"], gif: ["image/gif", "gif"], webp: ["image/webp", "webp"] }),
  ...kindsOf("document", "removed", { pdf: ["application/pdf", "pdf"] }),
  ...kindsOf("text", "none", { text: ["text/plain; charset=utf-8", "txt"] }),
  // Office Open XML: the metadata is kept (removing it would mean rewriting the file).
  ...kindsOf("document", "kept", {
    docx: [`${OFFICE}.wordprocessingml.document`, "docx"],
    xlsx: [`${OFFICE}.spreadsheetml.sheet`, "xlsx"],
    pptx: [`${OFFICE}.presentationml.presentation`, "pptx"],
  }),
  ...kindsOf("audio", "kept", { mp3: ["audio/mpeg", "mp3"], m4a: ["audio/mp4", "m4a"], wav: ["audio/wav", "wav"], ogg: ["audio/ogg", "ogg"] }),
  ...kindsOf("video", "kept", { mp4: ["video/mp4", "mp4"], mov: ["video/quicktime", "mov"] }),
} as Readonly<Record<AttachmentKind, AttachmentTypeInfo>>;

/** The kinds whose embedded metadata is stored as uploaded: the form lists these to the reporter. */
export const METADATA_KEPT_KINDS: readonly AttachmentKind[] = ATTACHMENT_KINDS.filter(
  (kind) => ATTACHMENT_TYPES[kind].metadata === "kept",
);

/** For `<input type="file" accept=…>`: a hint to the browser only; the server checks the content. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_KINDS.flatMap((kind) => {
  const { mimeType, extension } = ATTACHMENT_TYPES[kind];
  const extensions = kind === "jpeg" ? [".jpg", ".jpeg"] : kind === "text" ? [".txt"] : [`.${extension}`];
  return [mimeType.split(";")[0], ...extensions];
}).join(",");

/** Why a file was refused. */
export const ATTACHMENT_REFUSAL_REASONS = [
  /** Zero bytes. */
  "empty",
  /** Content matches none of the accepted kinds (whatever the file name says). */
  "unsupportedType",
  /** A program or script (Windows/Linux/macOS executables, `#!` scripts). */
  "executable",
  /** HTML, SVG or XML: could run script when opened in a browser. */
  "markup",
  /** Office file with macros (docm/xlsm/pptm or a vbaProject part). */
  "macros",
  /** HEIC/HEIF photo: cannot be decoded here, so its location data cannot be removed. Export as JPEG. */
  "heic",
  /** Password-protected PDF: its metadata cannot be removed. */
  "encryptedPdf",
  /** Image larger than MAX_IMAGE_PIXELS, or an archive whose declared contents are implausibly large. */
  "tooLarge",
  /** Claims an accepted type but cannot be read as one. */
  "damaged",
] as const;
export type AttachmentRefusalReason = (typeof ATTACHMENT_REFUSAL_REASONS)[number];
