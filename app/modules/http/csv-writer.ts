// Writing CSV files for download: every cell guarded against formula injection (a spreadsheet
// must not run a cell someone typed as `=HYPERLINK(...)`), quoted where needed, CRLF line ends,
// UTF-8 with a byte-order mark so spreadsheet programs read Chinese correctly. Reading CSV is the
// directory import's business (people/csv.ts). Every CSV Sunline serves goes through here.

const BOM = "\uFEFF";
const EOL = "\r\n";

/** A CSV cell: never read as a formula by a spreadsheet, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, with its line end. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}${EOL}`;
}

/** A whole (small) file: the header line, then the rows. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join("");
}

/** Lines turned into text per pull: small pieces, few round trips to whatever produces the rows. */
const LINES_PER_PULL = 200;

/**
 * A large file as a stream: the header at once, then `rows` read as the client takes them (never
 * all in memory). Cancelling the download stops the generator (its `finally` runs).
 */
export function csvStream<R>(header: readonly string[], rows: AsyncGenerator<R>, line: (row: R) => readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvLine(header)));
    },
    async pull(controller) {
      let text = "";
      for (let i = 0; i < LINES_PER_PULL; i++) {
        const next = await rows.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += csvLine(line(next.value));
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/** The download: a CSV attachment named `filename` (with its .csv), never cached. */
export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
