// Reminders before a case's clocks run out. An hourly sweep finds open cases
// whose acknowledgement or feedback is due within "hotline.reminderDays" days (or already overdue)
// and emails their assignees — or, while nobody is assigned, those who triage — once per clock.
// The email is content-free: which clock, its due time in the organisation's zone, the link.
//
// Exactly once, even with several instances sweeping at the same moment: the reminder's timestamp is
// set by a conditional UPDATE (…ReminderAt still null) in the transaction that queues the emails,
// so only the instance whose UPDATE changed the row sends anything.
import { db, type Prisma } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { getSettings } from "../settings/settings.server";
import { emailRecipients } from "../mail/recipients.server";
import { addCalendarDays } from "../time/calendar";
import { dateTimeInZone } from "../time/dates";
import { recordCaseEvent } from "./events.server";
import { caseHandlersToNotify } from "./messages.server";

export type CaseClock = "acknowledge" | "feedback";

/** Cases looked at per query: bounded memory and short transactions however many are due. */
export const REMINDER_PAGE_SIZE = 100;

/** The columns of each clock: when it is due, when it was met, when its reminder went out. */
const CLOCK_COLUMNS = {
  acknowledge: { due: "acknowledgeDueAt", done: "acknowledgedAt", reminder: "acknowledgeReminderAt" },
  feedback: { due: "feedbackDueAt", done: "feedbackGivenAt", reminder: "feedbackReminderAt" },
} as const;

/** An open case whose clock is running (not met) and has had no reminder yet. */
function pendingWhere(clock: CaseClock, dueBefore: Date): Prisma.ReportWhereInput {
  const c = CLOCK_COLUMNS[clock];
  return { status: { not: "CLOSED" }, purgedAt: null, [c.done]: null, [c.reminder]: null, [c.due]: { lte: dueBefore } };
}

/** "2026-09-07 22:00 (Asia/Shanghai)": the due time as the organisation's clocks show it. */
export function formatDueInZone(at: Date, timeZone: string): string {
  return `${dateTimeInZone(at, timeZone)} (${timeZone})`;
}

/**
 * Queues the reminder of one clock of one case, unless another sweep already did or the clock
 * stopped meanwhile. Returns the number of emails queued, or null when this sweep sent nothing.
 */
async function remindOne(reportId: string, clock: CaseClock, dueBefore: Date, timeZone: string, now: Date): Promise<number | null> {
  const c = CLOCK_COLUMNS[clock];
  const appUrl = getEnv().APP_URL;
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.report.updateMany({ where: { id: reportId, ...pendingWhere(clock, dueBefore) }, data: { [c.reminder]: now } });
      if (claimed.count !== 1) return null;
      const row = await tx.report.findUniqueOrThrow({ where: { id: reportId }, select: { acknowledgeDueAt: true, feedbackDueAt: true } });
      const dueAt = clock === "acknowledge" ? row.acknowledgeDueAt : row.feedbackDueAt;
      const due = formatDueInZone(dueAt, timeZone);
      const overdue = dueAt.getTime() <= now.getTime();
      const recipients = await caseHandlersToNotify(tx, reportId);
      await emailRecipients(tx, { users: recipients, template: "caseClockDue", params: { url: `${appUrl}/cases/${reportId}`, clock, due, overdue } });
      await recordCaseEvent(tx, { reportId, actor: { kind: "SYSTEM" }, type: "reminder.sent", details: { clock, overdue, recipients: recipients.length }, at: now });
      return recipients.length;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

export type ReminderResult = { cases: number; emails: number };

/** The sweep: every clock due within the reminder lead time (or overdue) gets its one reminder. */
export async function sendClockReminders({ now = new Date() }: { now?: Date } = {}): Promise<ReminderResult> {
  const settings = await getSettings();
  const timeZone = settings["org.timeZone"];
  const dueBefore = addCalendarDays(now, settings["hotline.reminderDays"], timeZone);
  const result: ReminderResult = { cases: 0, emails: 0 };
  for (const clock of Object.keys(CLOCK_COLUMNS) as CaseClock[]) {
    // Keyset pagination by id: a case another instance reminded meanwhile is simply skipped.
    let after: string | null = null;
    for (;;) {
      const page: Array<{ id: string }> = await db.report.findMany({
        where: { ...pendingWhere(clock, dueBefore), ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take: REMINDER_PAGE_SIZE,
      });
      for (const { id } of page) {
        const emails = await remindOne(id, clock, dueBefore, timeZone, now);
        if (emails === null) continue;
        result.cases += 1;
        result.emails += emails;
      }
      if (page.length < REMINDER_PAGE_SIZE) break;
      after = page[page.length - 1].id;
    }
  }
  return result;
}
