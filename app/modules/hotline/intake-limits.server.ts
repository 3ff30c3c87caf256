// Site-wide limits on reports through the web form (ADR 0016): a ceiling of
// `hotline.reportsPerHour` in any hour, and past `hotline.digestAbovePerHour` one digest mail an
// hour to the leads instead of a mail per report. Counted in HotlineIntakeWindow rows, one per ten
// minutes, summed over the last hour: nothing about any client is kept (the form is anonymous, and
// a per-address limit would need the address we refuse to see), and several instances share the
// count because it is a row in the database, incremented in the report's own transaction.
import { db, type Tx } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { holdingPermission } from "../auth/permissions.server";
import { CASE_TRIAGERS } from "../auth/permissions";
import { emailRecipients, RECIPIENT_SELECT } from "../mail/recipients.server";
import { getSettings, type Settings } from "../settings/settings.server";
import { DomainError } from "../http/domain-error";

const WINDOW_MS = 10 * 60_000;
const HOUR_MS = 60 * 60_000;

/** The web form takes no more reports for now. Nothing was written. */
export class HotlineBusyError extends DomainError<"busy"> {
  constructor() {
    super("hotline", "busy", { status: 429 });
  }
}

const windowStart = (now: Date) => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
/** The windows that make up "the last hour": this one and the five before it. */
const hourFloor = (now: Date) => new Date(windowStart(now).getTime() - HOUR_MS + WINDOW_MS);

async function reportsInLastHour(client: Tx | typeof db, now: Date): Promise<number> {
  const sum = await client.hotlineIntakeWindow.aggregate({ _sum: { reports: true }, where: { start: { gte: hourFloor(now) } } });
  return sum._sum.reports ?? 0;
}

/**
 * A cheap look before the costly work (hashing the receipt, cleaning files): throws
 * HotlineBusyError when the ceiling is already reached. The count that decides is `countReport`.
 */
export async function assertIntakeOpen(now = new Date()): Promise<void> {
  const [settings, count] = await Promise.all([getSettings(), reportsInLastHour(db, now)]);
  if (count >= settings["hotline.reportsPerHour"]) throw new HotlineBusyError();
}

/**
 * Counts one web report in the caller's transaction and says how it is announced. The increment is
 * one native upsert on the window's row, so concurrent reports (on any instance) queue on that row
 * and each sees the ones before it; a refused report rolls its own increment back with the rest.
 * Throws HotlineBusyError past the ceiling.
 */
export async function countReport(tx: Tx, { settings, now }: { settings: Settings; now: Date }): Promise<{ digest: boolean }> {
  const start = windowStart(now);
  await tx.hotlineIntakeWindow.upsert({ where: { start }, create: { start, reports: 1 }, update: { reports: { increment: 1 } }, select: { start: true } });
  const count = await reportsInLastHour(tx, now);
  if (count > settings["hotline.reportsPerHour"]) throw new HotlineBusyError();
  return { digest: count > settings["hotline.digestAbovePerHour"] };
}

/** The report mailed nobody: the next digest counts it. */
export async function leaveForDigest(tx: Tx, now: Date): Promise<void> {
  await tx.hotlineIntakeWindow.update({ where: { start: windowStart(now) }, data: { unmailed: { increment: 1 } }, select: { start: true } });
}

/**
 * The hourly sweep: one content-free mail to each lead saying how many reports came in without a
 * mail of their own, then the count is taken off the windows (by what was read, so reports
 * counted meanwhile wait for the next digest). Windows older than two hours with nothing left to
 * announce are deleted.
 */
export async function sendReportDigest({ now }: { now: Date }): Promise<number> {
  const total = await db.$transaction(async (tx) => {
    const windows = await tx.hotlineIntakeWindow.findMany({ where: { unmailed: { gt: 0 } }, select: { start: true, unmailed: true } });
    const count = windows.reduce((n, w) => n + w.unmailed, 0);
    if (count === 0) return 0;
    for (const w of windows) await tx.hotlineIntakeWindow.update({ where: { start: w.start }, data: { unmailed: { decrement: w.unmailed } }, select: { start: true } });
    const leads = await tx.user.findMany({ where: holdingPermission(CASE_TRIAGERS), select: RECIPIENT_SELECT, orderBy: { id: "asc" } });
    const url = `${getEnv().APP_URL}/cases`;
    await emailRecipients(tx, { users: leads, template: "newReportsDigest", params: { count, url } });
    return count;
  });
  await db.hotlineIntakeWindow.deleteMany({ where: { start: { lt: new Date(now.getTime() - 2 * HOUR_MS) }, unmailed: 0 } });
  return total;
}
