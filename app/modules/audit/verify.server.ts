// Verifies the audit chain (ADR 0005): walks every event in seq order, a bounded batch at a time
// (keyset pagination on the primary key, never the whole table in memory), recomputes each hash
// from the previous one and compares the head row with the last event. Used by
// `npm run audit:verify` and the auditors' log viewer. Rows outside 1..head (forged at seq 0 or below,
// or past the head) break it too, and an exported head (`npm run audit:head`) can be required.
import type { Db } from "../db/db.server";
import { GENESIS_HASH, hashAuditEvent } from "./audit-chain";

export type ChainBreakReason =
  /** seq `seq` is missing: a row was deleted (or the chain does not start at 1). */
  | "missing"
  /** the event's prevHash is not the previous event's hash: rows were swapped, replaced or re-linked. */
  | "prev-hash"
  /** the event's content no longer matches its hash: a column was edited. */
  | "hash"
  /** the head row disagrees with the last event: events were removed from (or forged at) the end. */
  | "head"
  /** a row exists outside 1..head (seq 0, negative, or past the head): it was written around the chain. */
  | "outside"
  /** the chain no longer holds the head an operator exported earlier: it was cut below it or rewritten. */
  | "expected-head";

/** The chain's head as `npm run audit:head` prints it, for a copy kept outside the database. */
export type AuditHead = { seq: number; hash: string };

export function formatAuditHead(head: AuditHead): string {
  return `${head.seq}:${head.hash}`;
}

export function parseAuditHead(text: string): AuditHead | null {
  const m = /^(\d+):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2].toLowerCase() } : null;
}

export async function readAuditHead(db: Db): Promise<AuditHead> {
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  return head ? { seq: head.lastSeq, hash: head.lastHash } : { seq: 0, hash: GENESIS_HASH };
}

export type ChainVerification =
  | { ok: true; count: number; lastSeq: number }
  | { ok: false; seq: number; reason: ChainBreakReason; count: number };

export const VERIFY_BATCH_SIZE = 1000;

/** The first break in the chain, or ok with the number of events checked. */
export async function verifyAuditChain(
  db: Db,
  opts: { batchSize?: number; expectHead?: AuditHead } = {},
): Promise<ChainVerification> {
  const take = opts.batchSize ?? VERIFY_BATCH_SIZE;
  // The head is read first and bounds the walk: events appended while we walk are not ours to judge
  // (and would otherwise look like a head that lags behind the table).
  const head = await db.auditChainHead.findUnique({ where: { id: 1 } });
  if (!head) return { ok: false, seq: 1, reason: "head", count: 0 };
  // The walk starts at 1, so a row forged at seq 0 or below would never be looked at, yet the log
  // viewer lists it like any other: the range is checked before the walk.
  const below = await db.auditEvent.findFirst({ where: { seq: { lt: 1 } }, orderBy: { seq: "asc" }, select: { seq: true } });
  if (below) return { ok: false, seq: below.seq, reason: "outside", count: 0 };
  // Whoever can write the database can also cut the end and move the head back; an exported head
  // kept elsewhere is what proves the history up to it.
  const expect = opts.expectHead;
  if (expect && expect.seq > head.lastSeq) return { ok: false, seq: head.lastSeq + 1, reason: "expected-head", count: 0 };
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { seq: { gt: prevSeq, lte: head.lastSeq } },
      orderBy: { seq: "asc" },
      take,
    });
    for (const e of batch) {
      const broken = (reason: ChainBreakReason, seq = e.seq) => ({ ok: false as const, seq, reason, count });
      if (e.seq !== prevSeq + 1) return broken("missing", prevSeq + 1);
      if (e.prevHash !== prevHash) return broken("prev-hash");
      if (hashAuditEvent(prevHash, e) !== e.hash) return broken("hash");
      if (expect && e.seq === expect.seq && e.hash !== expect.hash) return broken("expected-head");
      prevSeq = e.seq;
      prevHash = e.hash;
      count++;
    }
    if (batch.length < take) break;
  }
  // Events deleted from the end leave the head ahead of the last event: the first missing one broke.
  if (prevSeq < head.lastSeq) return { ok: false, seq: prevSeq + 1, reason: "missing", count };
  if (head.lastHash !== prevHash) return { ok: false, seq: prevSeq, reason: "head", count };
  // Rows past the head were written around appendAuditEvent. Max first, head second: an append that
  // commits in between moves both together, so only a forged row can be past the re-read head.
  const { _max } = await db.auditEvent.aggregate({ _max: { seq: true } });
  const current = await db.auditChainHead.findUnique({ where: { id: 1 } });
  const maxSeq = _max.seq ?? 0;
  if (!current || maxSeq > current.lastSeq) {
    return { ok: false, seq: (current?.lastSeq ?? prevSeq) + 1, reason: "head", count };
  }
  return { ok: true, count, lastSeq: prevSeq };
}
