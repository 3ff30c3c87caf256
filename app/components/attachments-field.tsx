// The file input for case files (report, follow-up, handler messages): limits and the kinds that
// keep their metadata in the hint, the error for a refused file, and — after a failed post — the
// reminder that files must be chosen again (a browser cannot be handed them back).
import { useId } from "react";
import { ATTACHMENT_ACCEPT, METADATA_KEPT_KINDS, type AttachmentRefusalReason } from "~/modules/hotline/attachment-types";
import { useMessages } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";

/** What is wrong with the files, in words (beside the input, and in a form's error summary). */
export function attachmentErrorText(m: Messages, error: AttachmentFieldError, maxFiles: number, maxFileMb: number): string {
  const f = m.hotline.form;
  return error.kind === "refused" ? f.attachmentRefused[error.reason](error.name) : error.kind === "tooMany" ? f.tooManyFiles(maxFiles) : f.fileTooBig(maxFileMb);
}

export type AttachmentFieldError =
  | { kind: "refused"; reason: AttachmentRefusalReason; name: string }
  | { kind: "tooMany" }
  | { kind: "tooBig" };

export function AttachmentsField({
  error,
  hadFiles,
  maxFiles,
  maxFileMb,
  name = "attachments",
  id: givenId,
}: {
  error?: AttachmentFieldError;
  hadFiles: boolean;
  maxFiles: number;
  maxFileMb: number;
  name?: string;
  /** A fixed id, for a link from an error summary. */
  id?: string;
}) {
  const m = useMessages();
  const f = m.hotline.form;
  const generated = useId();
  const id = givenId ?? generated;
  const message = error ? attachmentErrorText(m, error, maxFiles, maxFileMb) : null;
  return (
    <div className="field">
      <label htmlFor={id}>{f.attachmentsLabel}</label>
      <span id={`${id}-hint`} className="hint">
        {f.attachmentsHint(maxFiles, maxFileMb)} {f.metadataRemoved}{" "}
        {f.metadataKept(METADATA_KEPT_KINDS.map((k) => m.hotline.attachmentKinds[k]).join(f.kindSeparator))}
      </span>
      {hadFiles ? <p className="warning">{f.filesAgain}</p> : null}
      <input
        id={id}
        type="file"
        name={name}
        multiple
        accept={ATTACHMENT_ACCEPT}
        aria-invalid={message ? true : undefined}
        aria-describedby={[`${id}-hint`, message ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      {message ? (
        <p id={`${id}-error`} className="field-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
