// Files sent with a form (the report, a reporter's follow-up, a handler's message): read from the
// body as it streams, within the configured limits, then checked by content and cleaned of
// metadata (attachments.server.ts). Shared by every route that accepts case files.
//
// The body is parsed with busboy rather than Remix's multipart parser, which failed on a file name
// with ";" or "=" (a 500 that lost the form and put the name in the error) and buffered every file
// before anything was counted (ADR 0016). Here nothing is held that the limits would refuse: a
// file stops being kept once it passes the per-file size, files past the count keep no bytes at
// all, a text field is cut at MAX_FIELD_BYTES, and the whole body is cut at bodyCap(). Errors name
// the problem only, never a field, a file name or anything sent.
import { Readable, Transform, type TransformCallback } from "node:stream";
import busboy from "busboy";
import { json } from "@remix-run/node";
import { getSettings } from "../settings/settings.server";
import { resolveLocale } from "../http/locale.server";
import { AttachmentRefusedError, prepareAttachment } from "./attachments.server";
import type { AttachmentRefusalReason } from "./attachment-types";
import type { AttachmentUpload } from "./reports.server";
import { DomainError } from "../http/domain-error";

/** Settings "hotline.maxAttachments" and "hotline.maxAttachmentMb". */
export type UploadLimits = { maxFiles: number; maxFileMb: number };

export async function uploadLimits(): Promise<UploadLimits> {
  const settings = await getSettings();
  return { maxFiles: settings["hotline.maxAttachments"], maxFileMb: settings["hotline.maxAttachmentMb"] };
}

const MIB = 1024 * 1024;
/**
 * One text field. Four times the longest text any form accepts (20,000 characters of up to four
 * bytes each is 80 KB), so a cut value is always over its field's limit and the page says so,
 * while what fits is given back.
 */
export const MAX_FIELD_BYTES = 256 * 1024;
/** Room for the text beside the files: every field at its longest, the multipart framing, slack. */
export const TEXT_MARGIN_BYTES = 4 * MIB;
/** Fields and files in one form: the report has at most 100 questions and 50 exclusions. */
const MAX_PARTS = 500;

/** The largest body any form may send: every file at its limit plus the text (413 beyond). */
export function bodyCap(limits: UploadLimits): number {
  return limits.maxFiles * limits.maxFileMb * MIB + TEXT_MARGIN_BYTES;
}

/** Why a body could not be read at all: the error page says which, in the visitor's language. */
export type BodyRefusal = "tooLarge" | "malformed" | "unsupported";
const REFUSAL_STATUS = { tooLarge: 413, malformed: 400, unsupported: 415 } as const satisfies Record<BodyRefusal, number>;

/** A thrown answer (the route's error page): data says why and in which language to say it. */
export function bodyRefused(request: Request, refusal: BodyRefusal): Response {
  return json({ refusal, locale: resolveLocale(request) }, { status: REFUSAL_STATUS[refusal] });
}

/** Raised while reading; turned into bodyRefused's answer (which carries the language) below. */
class Refused extends DomainError<BodyRefusal> {
  constructor(readonly refusal: BodyRefusal) {
    super("upload", refusal, { status: REFUSAL_STATUS[refusal] });
  }
}

/** What went wrong with the files; the page says it next to the file input. */
export type UploadError =
  | { kind: "refused"; reason: AttachmentRefusalReason; name: string }
  | { kind: "tooMany" }
  | { kind: "tooBig" };

/** Counts the bytes going through; past `cap` it passes nothing more and calls `overflow` once. */
class ByteCap extends Transform {
  private seen = 0;
  constructor(
    private readonly cap: number,
    private readonly overflow: () => void,
  ) {
    super();
  }
  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const before = this.seen;
    this.seen += chunk.byteLength;
    if (this.seen <= this.cap) return done(null, chunk);
    if (before <= this.cap) this.overflow();
    done();
  }
}

/**
 * The form's fields, with the files held in memory within the limits. A file over the per-file
 * limit stops being kept the moment it passes it but is read to its end, so the rest of the form
 * still arrives and the person gets back everything they typed with the message (`tooBig`). Files
 * past the count are kept as empty files under their names, so the count check still sees them.
 * Throws a Response (400, 413, 415) when the body cannot be read as a form at all.
 */
export async function readUploadForm(request: Request, limits: UploadLimits): Promise<{ form: FormData; tooBig: boolean }> {
  try {
    return await parseForm(request, limits);
  } catch (error) {
    if (error instanceof Refused) throw bodyRefused(request, error.refusal);
    throw error;
  }
}

async function parseForm(request: Request, limits: UploadLimits): Promise<{ form: FormData; tooBig: boolean }> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i.test(contentType)) throw new Refused("unsupported");
  // A body without files (url-encoded) needs only the room for text.
  const cap = /^multipart\//i.test(contentType) ? bodyCap(limits) : TEXT_MARGIN_BYTES;
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > cap) throw new Refused("tooLarge");
  const maxFileBytes = limits.maxFileMb * MIB;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8 inside the quotes (Chinese names included).
      defParamCharset: "utf8",
      limits: { fieldSize: MAX_FIELD_BYTES, fileSize: maxFileBytes, parts: MAX_PARTS, fields: MAX_PARTS, headerPairs: 20 },
    });
  } catch {
    // No boundary, or a charset busboy cannot read.
    throw new Refused("malformed");
  }

  const form = new FormData();
  let tooBig = false;
  let kept = 0;
  const files: Promise<void>[] = [];

  const source = request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : Readable.from([]);
  const done = new Promise<void>((resolve, reject) => {
    // Refused: answer at once and stop reading (the rest of the body is never taken in).
    const refuse = (refusal: BodyRefusal) => {
      reject(new Refused(refusal));
      source.destroy();
      parser.destroy();
    };
    // The text of all fields together gets the margin, not the files' share of the cap.
    let textBytes = 0;
    parser.on("field", (name, value) => {
      textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (textBytes > TEXT_MARGIN_BYTES) refuse("tooLarge");
      else form.append(name, value);
    });
    parser.on("file", (name, stream, info) => {
      // A body cut short ends the file with an error; the form's own error answers for it.
      stream.on("error", () => stream.resume());
      const filename = info.filename ?? "";
      // A file input left empty still sends a nameless part; it carries nothing.
      if (filename === "" || kept >= limits.maxFiles) {
        stream.resume();
        if (filename !== "") form.append(name, new File([], filename, { type: info.mimeType }));
        return;
      }
      kept += 1;
      let chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.truncated) chunks.push(chunk);
      });
      stream.on("limit", () => {
        tooBig = true;
        chunks = [];
      });
      files.push(
        new Promise<void>((fileDone) => {
          stream.on("error", () => fileDone());
          stream.on("end", () => {
            if (!stream.truncated) form.append(name, new File(chunks as Uint8Array<ArrayBuffer>[], filename, { type: info.mimeType }));
            chunks = [];
            fileDone();
          });
        }),
      );
    });
    parser.on("partsLimit", () => refuse("tooLarge"));
    parser.on("fieldsLimit", () => refuse("tooLarge"));
    parser.on("error", (error) => reject(error instanceof Refused ? error : new Refused("malformed")));
    parser.on("close", () => resolve());
    const counted = new ByteCap(cap, () => refuse("tooLarge"));
    source.on("error", () => reject(new Refused("malformed")));
    source.pipe(counted).pipe(parser);
  });

  await done;
  await Promise.all(files);
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
export async function prepareUploads({
  files,
  limits,
  tooBig = false,
}: {
  files: readonly File[];
  limits: UploadLimits;
  /** The body was cut off at the cap (readUploadForm). */
  tooBig?: boolean;
}): Promise<{ ok: true; attachments: AttachmentUpload[] } | { ok: false; error: UploadError }> {
  if (files.length > limits.maxFiles) return { ok: false, error: { kind: "tooMany" } };
  if (tooBig) return { ok: false, error: { kind: "tooBig" } };
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
