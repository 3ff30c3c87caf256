// The HTTP benchmark's table, for the terminal, the results file and the README.
export type PageResult = {
  name: string;
  method: "GET" | "POST";
  path: string;
  who: string;
  /** SQL statements the page issued (transaction control not counted). */
  queries: number;
  /** Requests per second at 32 connections. */
  rps: number;
  /** rps as a share of the empty route's, measured in the same run. */
  ratio: number;
  /** Latency at 8 connections, milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  rssMb: { before: number; peak: number; after: number };
};

const fixed = (n: number, digits = 0) => n.toFixed(digits);

export function pageTable(rows: PageResult[], { header }: { header: boolean }): string {
  const lines = header
    ? ["| page | who | SQL | req/s @32 | × ceiling | p50 ms @8 | p95 ms | p99 ms | RSS MB before / peak / after |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    : [];
  for (const r of rows) {
    lines.push(
      `| ${r.name} (${r.method} ${r.path}) | ${r.who} | ${r.queries} | ${fixed(r.rps)} | ${fixed(r.ratio, 2)} | ${fixed(r.p50)} | ${fixed(r.p95)} | ${fixed(r.p99)} | ${fixed(r.rssMb.before)} / ${fixed(r.rssMb.peak)} / ${fixed(r.rssMb.after)} |`,
    );
  }
  return lines.join("\n");
}
