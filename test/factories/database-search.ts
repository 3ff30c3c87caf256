// Searching a whole database for strings, as a copy of it would hold them: the raw SQLite file
// (after a checkpoint, plus the WAL and journal) or every text and binary column of PostgreSQL.
// The canary tests use it to show that report content, receipts and deleted data are not there.
import fs from "node:fs";
import { db } from "~/modules/db/db.server";

/** The needles found anywhere in the test database. */
export async function databaseContains(needles: string[]): Promise<string[]> {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("file:")) {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const file = url.slice("file:".length);
    const bytes = Buffer.concat(
      [file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    return needles.filter((n) => bytes.includes(Buffer.from(n, "utf8")));
  }
  const columns = await db.$queryRawUnsafe<Array<{ table_name: string; column_name: string; data_type: string }>>(
    `SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'USER-DEFINED', 'json', 'jsonb')`,
  );
  if (!columns.some((c) => c.table_name === "Report" && c.column_name === "sealedAnswers")) throw new Error("the column search sees no Report.sealedAnswers");
  const found = new Set<string>();
  for (const { table_name, column_name, data_type } of columns) {
    for (const needle of needles) {
      const condition =
        data_type === "bytea" ? `position(convert_to($1, 'UTF8') in "${column_name}") > 0` : `strpos("${column_name}"::text, $1) > 0`;
      const rows = await db.$queryRawUnsafe<Array<{ n: bigint | number }>>(`SELECT count(*) AS n FROM "${table_name}" WHERE ${condition}`, needle);
      if (Number(rows[0].n) > 0) found.add(needle);
    }
  }
  return [...found];
}
