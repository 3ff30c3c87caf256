// Pure hashing of the audit chain, shared by the appender and the verifier (no I/O here).
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  at: Date;
  actorKind: string;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details: string;
};

/**
 * hash = SHA-256(prevHash ‖ canonical JSON of the event's fields). Every field is covered, with a
 * fixed key order, so editing any column, deleting a row or reordering rows breaks the chain.
 */
export function hashAuditEvent(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at.toISOString(),
    e.actorKind,
    e.actorUserId,
    e.action,
    e.objectType,
    e.objectId,
    e.details,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}
