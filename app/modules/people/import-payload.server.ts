// Carrying an uploaded file from the preview page to the commit without JavaScript and without
// server-side storage: the preview form holds the file's bytes, gzipped and base64-encoded, in a
// hidden field. The commit decodes and re-checks everything, so an altered field can do no more
// than upload a different file would.
import { gunzipSync, gzipSync } from "node:zlib";
import { MAX_FILE_BYTES } from "./csv";

export function encodeImportPayload(text: string): string {
  return gzipSync(Buffer.from(text, "utf8")).toString("base64");
}

/** The file's bytes, or "tooLarge" / "invalid" when the field cannot be (or was not) one of ours. */
export function decodeImportPayload(payload: string): Uint8Array | "tooLarge" | "invalid" {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(payload)) return "invalid";
  try {
    // maxOutputLength bounds the work a forged field can cause (a "zip bomb").
    return new Uint8Array(gunzipSync(Buffer.from(payload, "base64"), { maxOutputLength: MAX_FILE_BYTES }));
  } catch (error) {
    return error instanceof RangeError ? "tooLarge" : "invalid";
  }
}
