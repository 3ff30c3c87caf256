// The files of a case (filed with the report or attached to a message), as download links served by
// /cases/:id/files/:fileId, which checks access and audits the read. Plain links: no JavaScript needed.
import { useMessages } from "~/i18n/use-messages";

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
          <span className="muted">{m.cases.files.size((f.size / 1024).toFixed(1))}</span>
        </li>
      ))}
    </ul>
  );
}
