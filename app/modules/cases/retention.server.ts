// Retention: a daily sweep purges closed cases "hotline.retentionMonths" months
// after closing (calendar months in the organisation's zone), unless they are on legal hold.
//
// A purge deletes every row holding case content — messages, files (their chunks cascade),
// remediation actions and their notes, identity requests, the reporter's sessions, the exclusions
// (which name involved people) — blanks the sealed columns, and throws away the wrapped report key
// and the receipt hash: whatever sealed bytes a backup still holds can no longer be opened, and the
// receipt opens nothing. What stays is the content-free record: the Report row's reference,
// category, channel, status, severity, outcome and dates, its assignments, and the timeline and
// audit events, plus a "purged" event (audited as "case.purged").
//
// One transaction per case, conditional on purgedAt still being null and the hold still off, so two
// instances sweeping at once purge (and record) each case once, and a hold set meanwhile wins.
import { db, isPostgresUrl, type Prisma, type Tx } from "../db/db.server";
import { getSettings } from "../settings/settings.server";
import { logError } from "../http/log.server";
import { addCalendarMonths } from "../time/calendar";
import { recordCaseEvent } from "./events.server";

export const PURGE_PAGE_SIZE = 100;

/** The latest closing time a case may have to be purged at `now` (closedAt + period ≤ now). */
export function retentionCutoff({ now, retentionMonths, timeZone }: { now: Date; retentionMonths: number; timeZone: string }): Date {
  return addCalendarMonths(now, -retentionMonths, timeZone);
}

function purgeableWhere(closedBefore: Date): Prisma.ReportWhereInput {
  return { status: "CLOSED", legalHold: false, purgedAt: null, closedAt: { not: null, lte: closedBefore } };
}

/** Deletes the content of one case. False when it is no longer purgeable (another instance did it, a hold, a reopen). */
export async function purgeCase(tx: Tx, { reportId, closedBefore, now }: { reportId: string; closedBefore: Date; now: Date }): Promise<boolean> {
  const claimed = await tx.report.updateMany({
    where: { id: reportId, ...purgeableWhere(closedBefore) },
    data: {
      purgedAt: now,
      sealedAnswers: "",
      sealedIdentity: null,
      sealedInvolved: null,
      sealedInvestigation: null,
      sealedFindings: null,
      sealedLessons: null,
      // Crypto-shredding: without the wrapped key no copy of the sealed bytes opens again.
      wrappedKey: "",
      receiptHash: "",
    },
  });
  if (claimed.count !== 1) return false;
  const counts = {
    messages: (await tx.caseMessage.deleteMany({ where: { reportId } })).count,
    // Files attached to messages went with them (cascade); these are the report's own and any left.
    files: (await tx.caseAttachment.deleteMany({ where: { reportId } })).count,
    actions: (await tx.remediationAction.deleteMany({ where: { reportId } })).count,
    identityRequests: (await tx.identityRequest.deleteMany({ where: { reportId } })).count,
    sessions: (await tx.reporterSession.deleteMany({ where: { reportId } })).count,
    exclusions: (await tx.caseExclusion.deleteMany({ where: { reportId } })).count,
  };
  await recordCaseEvent(tx, { reportId, actor: { kind: "SYSTEM" }, type: "purged", details: counts, at: now });
  return true;
}

const onSqlite = () => !isPostgresUrl(process.env.DATABASE_URL ?? "file:");

/**
 * SQLite keeps recently written pages in the WAL until a checkpoint: after a purge, copy the zeroed
 * pages (every connection runs with secure_delete, db.server.ts) into the main file and empty the
 * WAL, so the old wrapped key and ciphertexts are gone from both. PostgreSQL's dead tuples go at the
 * next VACUUM, and its copies (WAL archives, backups) cannot be opened once the key is gone.
 */
async function checkpointAfterPurge(): Promise<void> {
  if (!onSqlite()) return;
  try {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (e) {
    // Busy (a transaction is open on the connection): SQLite's own automatic checkpoints follow soon.
    logError("retention.checkpoint", e);
  }
}

/** The sweep: purges every case past its retention period, one transaction each. Returns how many. */
export async function purgeExpiredCases({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const settings = await getSettings();
  const closedBefore = retentionCutoff({ now, retentionMonths: settings["hotline.retentionMonths"], timeZone: settings["org.timeZone"] });
  let purged = 0;
  let after: string | null = null;
  for (;;) {
    const page: Array<{ id: string }> = await db.report.findMany({
      where: { ...purgeableWhere(closedBefore), ...(after ? { id: { gt: after } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
      take: PURGE_PAGE_SIZE,
    });
    for (const { id } of page) {
      const done = await db.$transaction((tx) => purgeCase(tx, { reportId: id, closedBefore, now }), { timeout: 120_000, maxWait: 30_000 });
      if (done) purged += 1;
    }
    if (page.length < PURGE_PAGE_SIZE) break;
    after = page[page.length - 1].id;
  }
  if (purged > 0) await checkpointAfterPurge();
  return purged;
}
