// A file of the reporter's own case, for the reporter: only with a reporter
// session, and only the report's own files or those in the reporter thread. Anything else — no
// session, another report's file, an internal note's file — is the same 404, so nothing tells which
// files exist. Streamed chunk by chunk, never whole in memory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentDisposition, readReporterSession, reporterFile } from "~/modules/hotline/follow-up.server";
import { openAttachmentName } from "~/modules/hotline/reports.server";
import { reporterCaseKey } from "~/modules/cases/access.server";
import { attachmentResponse } from "~/modules/hotline/download.server";
import { ATTACHMENT_KINDS, ATTACHMENT_TYPES, type AttachmentKind } from "~/modules/hotline/attachment-types";

function notFound(): Response {
  return new Response(null, { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await readReporterSession(request);
  if (!session) throw notFound();
  const file = await reporterFile({ reportId: session.reportId, fileId: params.fileId ?? "" });
  if (!file) throw notFound();
  const key = await reporterCaseKey(session.reportId);
  if (!key) throw notFound();
  const extension = (ATTACHMENT_KINDS as readonly string[]).includes(file.kind) ? ATTACHMENT_TYPES[file.kind as AttachmentKind].extension : "bin";
  return attachmentResponse({ key, file, disposition: attachmentDisposition(openAttachmentName({ key, attachment: file }), extension) });
}
