// One attachment as an HTTP download, for the handlers' and the reporter's download routes alike:
// streamed chunk by chunk from the database (never whole in memory), served as an attachment under
// the type found by content, never sniffed by the browser, never cached — and under one naming rule:
// the uploader's name with the extension of the type found by content, never the one the name
// claimed (a PNG called evidence.html is saved as evidence.png, a JPEG called photo.exe as photo.jpg).
import { toReadableStream } from "../crypto/sealing.server";
import { openAttachment } from "./reports.server";
import { ATTACHMENT_TYPES } from "./attachment-types";

/** RFC 5987 percent-encoding (encodeURIComponent leaves a few characters the header grammar forbids). */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The extension of the type the attachment's content was found to be (its stored kind, else its MIME type). */
export function downloadExtension(file: { kind: string; mimeType?: string }): string {
  const types = Object.values(ATTACHMENT_TYPES);
  const byKind = (ATTACHMENT_TYPES as Record<string, { extension: string } | undefined>)[file.kind];
  const byMime = file.mimeType ? types.find((t) => t.mimeType.split(";")[0] === file.mimeType!.split(";")[0].trim().toLowerCase()) : undefined;
  return byKind?.extension ?? byMime?.extension ?? "bin";
}

/**
 * The name to save a file under: the uploader's name without any path, control or format characters
 * or quotes, its own extension replaced by `extension`; "attachment.<extension>" when nothing is left.
 */
export function downloadFileName(name: string | null, extension: string): string {
  const base = (name ?? "")
    .split(/[/\\]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}"]/gu, "")
    .replace(/\.[^.]*$/, "")
    .trim()
    .slice(0, 120);
  return `${base || "attachment"}.${extension}`;
}

/** `attachment` under downloadFileName: a plain-ASCII fallback for old clients, the exact name in `filename*`. */
export function attachmentDisposition(name: string | null, extension: string): string {
  const full = downloadFileName(name, extension);
  const base = full.slice(0, -(extension.length + 1));
  const ascii = base.replace(/[^A-Za-z0-9._ -]/g, "_");
  const fallback = /[A-Za-z0-9]/.test(ascii) ? `${ascii}.${extension}` : `attachment.${extension}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(full)}`;
}

/**
 * The download response; `key` is the report's key from the route's door (cases/access.server.ts),
 * `disposition` the route's Content-Disposition (its naming rule).
 */
export function attachmentResponse({ key, file, disposition }: { key: Buffer; file: { id: string; mimeType: string; size: number }; disposition: string }): Response {
  return new Response(toReadableStream(openAttachment(key, file.id)), {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": disposition,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
