import { z } from "zod";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { confirmActorPassword, REAUTH_FIELD } from "~/modules/auth/reauth.server";
import { decodeCsv, MAX_FILE_BYTES, MAX_ROWS, type CsvFileError } from "~/modules/people/csv";
import { commitDirectoryImport, previewDirectoryImport, type ImportCounts, type PlannedRow, type RowOutcome } from "~/modules/people/directory-import.server";
import { decodeImportPayload, encodeImportPayload } from "~/modules/people/import-payload.server";
import { csvFileErrorText, rowErrorText } from "~/modules/people/ui";
import { ReauthField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.importPeople);

const PREVIEW_PAGE = 100;
const VIEWS = ["all", "error", "create", "update", "unchanged"] as const;
type View = (typeof VIEWS)[number];

const count = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:people:any");
  const url = new URL(request.url);
  const done = url.searchParams.has("created")
    ? { create: count(url.searchParams.get("created")), update: count(url.searchParams.get("updated")), unchanged: count(url.searchParams.get("unchanged")) }
    : null;
  return json({ maxMb: MAX_FILE_BYTES / 1024 / 1024, maxRows: MAX_ROWS, done });
}

type ActionData =
  | { stage: "upload"; fileError: CsvFileError | { code: "noFile" } }
  | {
      stage: "preview";
      payload: string;
      fileName: string | null;
      refused: boolean;
      counts: ImportCounts;
      view: View;
      page: number;
      pageCount: number;
      total: number;
      rows: PlannedRow[];
      /** The administrator's re-entered password was wrong (an import can disable accounts). */
      reauthError?: string;
    };

async function readForm(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  // The file, or its encoded copy from the preview (about 4/3 of the gzipped size), stays in memory:
  // bound each part so an oversized upload is refused before it is read whole.
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: Math.ceil(MAX_FILE_BYTES * 1.4) }));
}

/** Upload and the preview's paging buttons preview; only the commit button commits. */
const ImportIntent = z.enum(["preview", "commit"]).catch("preview");

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePermission(request, "manage:people:any");
  const { user } = auth;
  const uploadError = (fileError: CsvFileError | { code: "noFile" }) => json<ActionData>({ stage: "upload", fileError }, { status: 400 });
  let form: FormData;
  try {
    form = await readForm(request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return uploadError({ code: "tooLarge", maxBytes: MAX_FILE_BYTES });
    throw error;
  }

  const file = form.get("file");
  const payload = form.get("payload");
  let bytes: Uint8Array;
  let fileName: string | null = null;
  if (file instanceof Blob && file.size > 0) {
    if (file.size > MAX_FILE_BYTES) return uploadError({ code: "tooLarge", maxBytes: MAX_FILE_BYTES });
    bytes = new Uint8Array(await file.arrayBuffer());
    fileName = "name" in file && typeof file.name === "string" ? file.name.slice(0, 200) : null;
  } else if (typeof payload === "string" && payload !== "") {
    const decoded = decodeImportPayload(payload);
    if (decoded === "tooLarge") return uploadError({ code: "tooLarge", maxBytes: MAX_FILE_BYTES });
    if (decoded === "invalid") return uploadError({ code: "noFile" });
    bytes = decoded;
    const carried = form.get("fileName");
    fileName = typeof carried === "string" && carried ? carried.slice(0, 200) : null;
  } else {
    return uploadError({ code: "noFile" });
  }
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return uploadError(decoded.error);

  let refused = false;
  let reauthError: string | undefined;
  let result;
  // A commit may deactivate people and so disable their accounts: it asks for the password again.
  const commit = ImportIntent.parse(form.get("intent")) === "commit";
  const reauth = commit ? await confirmActorPassword(auth, form.get(REAUTH_FIELD)) : null;
  if (reauth && !reauth.ok) {
    reauthError = reauth.code;
    result = await previewDirectoryImport({ text: decoded.text, actorPersonId: user.personId });
  } else if (commit) {
    const committed = await commitDirectoryImport({ actorUserId: user.id, actorPersonId: user.personId, text: decoded.text });
    if (committed.ok) {
      const c = committed.counts;
      return redirect(`/admin/people/import?created=${c.create}&updated=${c.update}&unchanged=${c.unchanged}`);
    }
    refused = true;
    result = committed.refused;
  } else {
    result = await previewDirectoryImport({ text: decoded.text, actorPersonId: user.personId });
  }
  if (!result.ok) return uploadError(result.error);

  // Which rows to show: "view:page" from the preview's buttons; errors first when there are any.
  const [rawView, rawPage] = String(form.get("show") ?? "").split(":");
  const view: View = (VIEWS as readonly string[]).includes(rawView) ? (rawView as View) : result.counts.error > 0 ? "error" : "all";
  const matching = view === "all" ? result.rows : result.rows.filter((r) => r.outcome === (view as RowOutcome));
  const pageCount = Math.max(1, Math.ceil(matching.length / PREVIEW_PAGE));
  const page = Math.min(Math.max(1, Number(rawPage) || 1), pageCount);
  return json<ActionData>(
    {
      stage: "preview",
      payload: encodeImportPayload(decoded.text),
      fileName,
      refused,
      counts: result.counts,
      view,
      page,
      pageCount,
      total: matching.length,
      rows: matching.slice((page - 1) * PREVIEW_PAGE, page * PREVIEW_PAGE),
      reauthError,
    },
    { status: refused ? 409 : reauthError ? 400 : 200 },
  );
}

export default function ImportDirectory() {
  const { maxMb, maxRows, done } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const m = useMessages();
  const t = m.people.import;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">{m.people.backToList}</Link>
      </p>
      <h1>{t.title}</h1>
      {done && !data ? <FormMessage kind="success">{t.done(done)}</FormMessage> : null}
      {data?.stage === "preview" ? <Preview data={data} /> : <Upload maxMb={maxMb} maxRows={maxRows} error={data?.fileError} />}
    </div>
  );
}

function Upload({ maxMb, maxRows, error }: { maxMb: number; maxRows: number; error?: CsvFileError | { code: "noFile" } }) {
  const m = useMessages();
  const t = m.people.import;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p>{t.intro}</p>
      {error ? <FormMessage kind="error">{csvFileErrorText(m, error)}</FormMessage> : null}
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="import-file">{t.file}</label>
          <span id="import-file-hint" className="hint">
            {t.limits(maxMb, maxRows)}
          </span>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" />
        </div>
        <button type="submit" disabled={busy}>
          {t.upload}
        </button>
      </Form>
      <section className="card">
        <h2>{t.formatHeading}</h2>
        <ul>
          {t.format.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>
          <a href="/admin/people/import/template" download>
            {t.template}
          </a>
        </p>
      </section>
    </>
  );
}

function Preview({ data }: { data: Extract<ActionData, { stage: "preview" }> }) {
  const m = useMessages();
  const t = m.people.import;
  const busy = useNavigation().state === "submitting";
  const { counts } = data;
  const changes = counts.create + counts.update;
  const first = data.total === 0 ? 0 : (data.page - 1) * PREVIEW_PAGE + 1;
  const last = Math.min(data.page * PREVIEW_PAGE, data.total);
  const badge: Record<RowOutcome, string> = { create: "badge ok", update: "badge warn", unchanged: "badge", error: "badge danger" };
  return (
    <Form method="post" encType="multipart/form-data" className="stack">
      <input type="hidden" name="payload" value={data.payload} />
      <input type="hidden" name="fileName" value={data.fileName ?? ""} />
      <h2>
        {t.previewTitle}
        {data.fileName ? `: ${data.fileName}` : ""}
      </h2>
      {data.refused ? <FormMessage kind="error">{t.refused}</FormMessage> : <FormMessage kind="info">{t.fileChecked}</FormMessage>}
      <dl className="facts import-counts">
        {(["rows", "create", "update", "unchanged", "error"] as const).map((k) => (
          <div key={k} className="import-count" data-count={k}>
            <dt>{t.counts[k]}</dt>
            <dd>{counts[k]}</dd>
          </div>
        ))}
      </dl>
      {counts.error > 0 ? (
        <FormMessage kind="error">{t.fixAndRetry}</FormMessage>
      ) : changes === 0 ? (
        <FormMessage kind="info">{t.nothingToDo}</FormMessage>
      ) : null}
      {/* Not `required`: the preview's paging buttons submit this form too. */}
      {counts.error === 0 && changes > 0 ? <ReauthField error={data.reauthError} required={false} /> : null}
      <div className="form-row import-actions">
        <button type="submit" name="intent" value="commit" disabled={busy || counts.error > 0 || changes === 0}>
          {t.commit(changes)}
        </button>
        <Link to="/admin/people/import" className="button secondary">
          {t.another}
        </Link>
      </div>
      <fieldset className="import-views">
        <legend>{t.show}</legend>
        {VIEWS.map((v) => (
          <button key={v} type="submit" name="show" value={`${v}:1`} className={v === data.view ? "button" : "button secondary"} aria-pressed={v === data.view}>
            {t.views[v]} ({v === "all" ? counts.rows : counts[v]})
          </button>
        ))}
      </fieldset>
      {data.rows.length === 0 ? (
        <p>{t.noRows}</p>
      ) : (
        <>
          <p className="muted">{t.rowsShown(first, last, data.total)}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t.line}
                  </th>
                  <th scope="col">{m.people.columns.employeeNumber}</th>
                  <th scope="col">{m.people.columns.name}</th>
                  <th scope="col">{t.outcome}</th>
                  <th scope="col">{t.details}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.line} data-outcome={row.outcome}>
                    <td className="num">{row.line}</td>
                    <td>{row.raw.employeeNumber || m.common.none}</td>
                    <td>
                      {row.raw.nameZh}
                      {row.raw.nameEn ? (
                        <>
                          <br />
                          <span className="muted">{row.raw.nameEn}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <span className={badge[row.outcome]}>{t.outcomes[row.outcome]}</span>
                    </td>
                    <td>
                      {row.errors.length > 0 ? (
                        <ul className="row-errors">
                          {row.errors.map((e, i) => (
                            <li key={i} className="field-error">
                              {rowErrorText(m, e)}
                            </li>
                          ))}
                        </ul>
                      ) : row.changes.length > 0 ? (
                        <span className="muted">{t.changes(row.changes.join(", "))}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {data.pageCount > 1 ? (
        <nav className="pagination" aria-label={m.common.page(data.page, data.pageCount)}>
          {data.page > 1 ? (
            <button type="submit" name="show" value={`${data.view}:${data.page - 1}`} className="button secondary">
              {t.earlierRows}
            </button>
          ) : (
            <span />
          )}
          <span>{m.common.page(data.page, data.pageCount)}</span>
          {data.page < data.pageCount ? (
            <button type="submit" name="show" value={`${data.view}:${data.page + 1}`} className="button secondary">
              {t.laterRows}
            </button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
