// One frame for every write a signed-in person makes on an aggregate (a case today; a campaign or a
// training assignment next). In one transaction it
//   1. takes the aggregate's write lock, so concurrent writes to it run one after the other and each
//      reads what the one before committed (PostgreSQL: a row lock; SQLite: the write lock that
//      BEGIN IMMEDIATE already holds),
//   2. reads the account's permissions and opens the aggregate as that account may see it — one it
//      may not see is refused exactly like one that does not exist,
//   3. computes what the account may do on it and refuses a write it may not make,
//   4. runs the write, which records what it changed on the aggregate's history and in the audit log
//      through `step.record`, in the same transaction.
// Nothing is left behind by a refused or failed write. ADR 0027.
import { db, type Tx } from "./db.server";
import { viewerIn } from "../auth/permissions.server";
import type { AuditActor } from "../audit/audit.server";

export type Viewer = { id: string; permissions: Set<string> };

/** Content-free details of a history entry: ids, enum values, counts. */
export type RecordDetails = Record<string, string | number | boolean | null>;

/** How the frame reaches one kind of aggregate. */
export type Aggregate<Row, Can extends Record<string, boolean>> = {
  /** Takes the write lock of the aggregate for the rest of the transaction; false when it does not exist. */
  lock(tx: Tx, now: Date): Promise<boolean>;
  /** The aggregate as `viewer` may see it (read after the lock: the latest committed state), or null. */
  open(tx: Tx, viewer: Viewer, now: Date): Promise<Row | null>;
  capabilities(tx: Tx, viewer: Viewer, row: Row, now: Date): Promise<Can>;
  /** Writes one entry of the aggregate's history and its audit event. */
  record(tx: Tx, row: Row, entry: { actor: AuditActor; type: string; details: RecordDetails; at: Date }): Promise<void>;
  /** The errors the frame refuses with: an unseen aggregate answers as a missing one. */
  refuse: { notFound(): Error; forbidden(capability: keyof Can): Error };
};

export type GuardedStep<Row, Can> = {
  tx: Tx;
  row: Row;
  can: Can;
  viewer: Viewer;
  actor: AuditActor;
  now: Date;
  /** One entry on the aggregate's history and in the audit log, by the acting account, at `now`. */
  record(type: string, details?: RecordDetails): Promise<void>;
};

export type GuardedWrite<Row, Can extends Record<string, boolean>, T> = {
  aggregate: Aggregate<Row, Can>;
  /** The acting account, by id: its permissions are read in the transaction. */
  actorUserId: string;
  /** What the write needs; null when the aggregate's own rules (checked in `run`) decide. */
  capability: keyof Can | null;
  run(step: GuardedStep<Row, Can>): Promise<T>;
  now?: Date;
  /** Longest the transaction may run (a write carrying files needs longer). */
  timeoutMs?: number;
};

export async function guardedWrite<Row, Can extends Record<string, boolean>, T>(write: GuardedWrite<Row, Can, T>): Promise<T> {
  const { aggregate } = write;
  const now = write.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      if (!(await aggregate.lock(tx, now))) throw aggregate.refuse.notFound();
      const viewer = await viewerIn(tx, write.actorUserId);
      const row = viewer ? await aggregate.open(tx, viewer, now) : null;
      if (!viewer || !row) throw aggregate.refuse.notFound();
      const can = await aggregate.capabilities(tx, viewer, row, now);
      if (write.capability !== null && !can[write.capability]) throw aggregate.refuse.forbidden(write.capability);
      const actor: AuditActor = { kind: "USER", userId: viewer.id };
      return write.run({
        tx,
        row,
        can,
        viewer,
        actor,
        now,
        record: (type, details = {}) => aggregate.record(tx, row, { actor, type, details, at: now }),
      });
    },
    { timeout: write.timeoutMs ?? 30_000, maxWait: 30_000 },
  );
}
