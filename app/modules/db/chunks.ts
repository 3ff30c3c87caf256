// Bulk reads and writes in pieces. A statement's bound parameters are limited (SQLite 32 766,
// PostgreSQL 65 535) and a long `IN (...)` list or a many-row write is slow to plan, so code that
// handles a whole file or a whole table's keys goes through these, never a hand-written loop.

/** Rows or keys per statement: far below both databases' parameter limits even with several columns. */
export const CHUNK_SIZE = 500;

/** `items` cut into consecutive pieces of at most `size` (the last may be shorter; none is empty). */
export function chunked<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be a positive integer");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One query per piece of `keys` (e.g. `where: { id: { in: piece } }`), the results concatenated in order. */
export async function inChunks<K, R>(keys: readonly K[], load: (piece: K[]) => Promise<R[]>, size = CHUNK_SIZE): Promise<R[]> {
  const out: R[] = [];
  for (const piece of chunked(keys, size)) out.push(...(await load(piece)));
  return out;
}

