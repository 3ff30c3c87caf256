// One attachment as an HTTP download, for the handlers' and the reporter's download routes alike:
// streamed chunk by chunk from the database (never whole in memory), served as an attachment under
// the type found by content, never sniffed by the browser, never cached.
import { toReadableStream } from "../crypto/sealing.server";
import { openAttachment } from "./reports.server";

/** RFC 5987 percent-encoding (encodeURIComponent leaves a few characters the header grammar forbids). */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The download response; `disposition` is the route's Content-Disposition (its naming rule). */
export function attachmentResponse(file: { id: string; mimeType: string; size: number }, disposition: string): Response {
  return new Response(toReadableStream(openAttachment(file.id)), {
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
