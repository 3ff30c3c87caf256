// The append-only audit log (ADR 0005). appendAuditEvent must be called with the transaction that
// makes the change it records, so the change and its record commit or roll back together.
import type { Tx } from "../db/db.server";
import { hashAuditEvent } from "./audit-chain";

export type AuditActor =
  | { kind: "USER"; userId: string }
  | { kind: "SYSTEM" }
  /** An anonymous reporter: never an address, agent or cookie, only the kind. */
  | { kind: "REPORTER" };

export type AuditEntry = {
  actor: AuditActor;
  /** dotted verb, e.g. "person.create", "auth.login.failed", "case.read" */
  action: string;
  objectType: string;
  objectId?: string | null;
  /** Content-free details: ids, field names, counts. Never report content or client addresses. */
  details?: Record<string, unknown>;
};

export async function appendAuditEvent(tx: Tx, entry: AuditEntry) {
  // Taking the head first serialises appenders: on PostgreSQL the UPDATE row-locks the head until
  // this transaction ends; on SQLite the transaction holds the database write lock. Incrementing in
  // SQL (not read-then-write) means a concurrent appender waits here and then sees our new head.
  // RETURNING hands back the new head in the same round trip (SQLite ≥ 3.35 and PostgreSQL alike).
  const [row] = await tx.$queryRaw<{ lastSeq: number | bigint; lastHash: string }[]>`
    UPDATE "AuditChainHead" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = 1 RETURNING "lastSeq", "lastHash"`;
  if (!row) throw new Error("AuditChainHead row is missing (the init migration inserts it)");
  const head = { lastSeq: Number(row.lastSeq), lastHash: row.lastHash };
  const fields = {
    seq: head.lastSeq,
    // Millisecond precision is what both databases store, so the verifier recomputes the same hash.
    at: new Date(Math.floor(Date.now())),
    actorKind: entry.actor.kind,
    actorUserId: entry.actor.kind === "USER" ? entry.actor.userId : null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  const hash = hashAuditEvent(head.lastHash, fields);
  await tx.auditChainHead.update({ where: { id: 1 }, data: { lastHash: hash } });
  return tx.auditEvent.create({ data: { ...fields, prevHash: head.lastHash, hash } });
}
