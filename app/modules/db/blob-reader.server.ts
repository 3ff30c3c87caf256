// Reads one large binary column with the database driver itself, not through Prisma. Prisma's driver
// adapters hand every result row across a JSON bridge to the query engine: a 1 MB `Bytes` value takes
// about 200 ms and several copies of itself there (measured by `npm run bench`), which turned a
// 25 MB attachment download into six seconds and 150 MiB of garbage. Attachment chunks are the only
// large values Sunline reads, so this module reads exactly those, by primary key, read-only.
//
// Writes stay in Prisma (they belong to the report's transaction); this reader sees committed rows
// only, which is all a download needs. SQLite: a second, read-only connection to the same file (WAL
// lets it read while the main connection writes). PostgreSQL: a small pool of its own.
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "./db.server";

type ChunkReader = {
  readChunk(attachmentId: string, index: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
};

function sqliteReader(url: string): ChunkReader {
  // The same path rule as @prisma/adapter-better-sqlite3, so both connections open the same file.
  const connection = new BetterSqlite3(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  connection.pragma("busy_timeout = 10000");
  const statement = connection.prepare<[string, number], { sealed: Buffer }>(
    'SELECT "sealed" FROM "AttachmentChunk" WHERE "attachmentId" = ? AND "index" = ?',
  );
  return {
    async readChunk(attachmentId, index) {
      return statement.get(attachmentId, index)?.sealed ?? null;
    },
    async close() {
      connection.close();
    },
  };
}

function postgresReader(url: string): ChunkReader {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    async readChunk(attachmentId, index) {
      const result = await pool.query<{ sealed: Buffer }>(
        'SELECT "sealed" FROM "AttachmentChunk" WHERE "attachmentId" = $1 AND "index" = $2',
        [attachmentId, index],
      );
      return result.rows[0]?.sealed ?? null;
    },
    async close() {
      await pool.end();
    },
  };
}

declare global {
  // one reader per process (and per test worker), opened on first use
  var __sunlineChunkReader: { url: string; reader: ChunkReader } | undefined;
}

function reader(): ChunkReader {
  const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
  const current = globalThis.__sunlineChunkReader;
  if (current && current.url === url) return current.reader;
  // A test that switches databases gets a reader for the new one.
  if (current) void current.reader.close();
  const created = isPostgresUrl(url) ? postgresReader(url) : sqliteReader(url);
  globalThis.__sunlineChunkReader = { url, reader: created };
  return created;
}

/** One sealed attachment chunk, or null when there is none at that index. */
export function readAttachmentChunk(attachmentId: string, index: number): Promise<Uint8Array | null> {
  return reader().readChunk(attachmentId, index);
}
