// Files sent with a form (the report, a reporter's follow-up, a handler's message): read from a
// multipart body within the configured limits, then checked by content and cleaned of metadata
// (attachments.server.ts). Shared by every route that accepts case files.
import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { getSettings } from "../settings/settings.server";
import { AttachmentRefusedError, prepareAttachment } from "./attachments.server";
import type { AttachmentRefusalReason } from "./attachment-types";
import type { AttachmentUpload } from "./reports.server";

/** Settings "hotline.maxAttachments" and "hotline.maxAttachmentMb". */
export type UploadLimits = { maxFiles: number; maxFileMb: number };

export async function uploadLimits(): Promise<UploadLimits> {
  const settings = await getSettings();
  return { maxFiles: settings["hotline.maxAttachments"], maxFileMb: settings["hotline.maxAttachmentMb"] };
}

/** What went wrong with the files; the page says it next to the file input. */
export type UploadError =
  | { kind: "refused"; reason: AttachmentRefusalReason; name: string }
  | { kind: "tooMany" }
  | { kind: "tooBig" };

/**
 * The form's fields, with files held in memory. A file over the per-file limit stops being kept the
 * moment it passes the limit but is read to its end, so the rest of the form still arrives and the
 * person gets back everything they typed with the message.
 */
export async function readUploadForm(request: Request, limits: UploadLimits): Promise<{ form: FormData; tooBig: boolean }> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return { form: await request.formData(), tooBig: false };
  const maxBytes = limits.maxFileMb * 1024 * 1024;
  let tooBig = false;
  const fields = unstable_createMemoryUploadHandler();
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return fields(part);
    let size = 0;
    let chunks: Uint8Array[] = [];
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > maxBytes) chunks = [];
      else chunks.push(chunk);
    }
    if (size > maxBytes) {
      tooBig = true;
      return undefined;
    }
    // The parser's chunks are plain (never shared) ArrayBuffers; File's type wants it said.
    return new File(chunks as Uint8Array<ArrayBuffer>[], part.filename, { type: part.contentType });
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  return { form, tooBig };
}

/** The files of a file input; an empty input still sends one nameless, empty part, which is dropped. */
export function uploadedFiles(form: FormData, name = "attachments"): File[] {
  return form.getAll(name).filter((v): v is File => typeof v !== "string" && !(v.name === "" && v.size === 0));
}

/**
 * Checks the count, then sniffs and cleans each file. Refuses the whole set at the first bad file:
 * nothing is stored unless everything is acceptable.
 */
export async function prepareUploads(
  files: readonly File[],
  limits: UploadLimits,
  tooBig = false,
): Promise<{ ok: true; attachments: AttachmentUpload[] } | { ok: false; error: UploadError }> {
  if (tooBig) return { ok: false, error: { kind: "tooBig" } };
  if (files.length > limits.maxFiles) return { ok: false, error: { kind: "tooMany" } };
  const attachments: AttachmentUpload[] = [];
  for (const file of files) {
    try {
      const prepared = await prepareAttachment(new Uint8Array(await file.arrayBuffer()));
      attachments.push({ ...prepared, name: file.name || null });
    } catch (error) {
      if (error instanceof AttachmentRefusedError) return { ok: false, error: { kind: "refused", reason: error.reason, name: file.name } };
      throw error;
    }
  }
  return { ok: true, attachments };
}
