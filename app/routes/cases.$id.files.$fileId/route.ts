// Downloads one file of a case, streamed chunk by chunk (never whole in memory). The viewer must see
// the case (requireCase: 404 otherwise) and the file must belong to it (404 otherwise, so a file id
// from another case reveals nothing); a viewer who may see only the metadata gets 404 too. Every download is an audited read of the case (openCaseFile).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseNotFound, requireCase } from "~/modules/cases/access.server";
import { openCaseFile } from "~/modules/cases/messages.server";
import { attachmentDisposition, attachmentResponse, downloadExtension } from "~/modules/hotline/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCase(request, params.id);
  // Someone who sees only the case's metadata (an auditor on an urgent case without a grant) gets
  // the same 404 as for a file that does not exist.
  if (!access.can.read) throw caseNotFound();
  const fileId = params.fileId;
  if (!fileId || fileId.length > 64) throw caseNotFound();
  const download = await openCaseFile({ access, fileId });
  if (!download) throw caseNotFound();
  // The reporter's name, but the extension of the type found by content (the reporter's route's rule).
  return attachmentResponse({ key: download.key, file: download.file, disposition: attachmentDisposition(download.name, downloadExtension(download.file)) });
}
