// The files of a case (filed with the report or attached to a message), as download links served by
// /cases/:id/files/:fileId, which checks access and audits the read. Plain links: no JavaScript needed.
import type { Messages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";

function fileSize(m: Messages, bytes: number): string {
  const size = m.cases.files.size;
  if (bytes < 1024) return size.bytes(String(bytes));
  if (bytes < 1024 * 1024) return size.kb((bytes / 1024).toFixed(1));
  return size.mb((bytes / (1024 * 1024)).toFixed(1));
}

export type CaseFileLink = { id: string; name: string; size: number };

export function CaseFiles({ reportId, files }: { reportId: string; files: readonly CaseFileLink[] }) {
  const m = useMessages();
  if (files.length === 0) return null;
  return (
    <ul className="case-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={`/cases/${reportId}/files/${f.id}`} download={f.name} aria-label={m.cases.files.download(f.name)}>
            {f.name}
          </a>{" "}
          <span className="muted">{fileSize(m, f.size)}</span>
        </li>
      ))}
    </ul>
  );
}
