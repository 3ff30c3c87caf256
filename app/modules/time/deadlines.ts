// Where a deadline stands (the case clocks on the queue and the case header, the reminder sweep).
// Pure and client-safe.

export type ClockState = "met" | "overdue" | "dueSoon" | "running";

/** Within this much of its due time a running clock shows as "due soon" (and reminders go out). */
export const DUE_SOON_MS = 2 * 24 * 3_600_000;

/** Where a clock stands: met when done (whenever that was), else overdue, due soon or running. */
export function clockState(dueAt: Date | string, doneAt: Date | string | null, now: Date = new Date()): ClockState {
  if (doneAt !== null) return "met";
  const due = new Date(dueAt).getTime();
  if (due <= now.getTime()) return "overdue";
  return due - now.getTime() <= DUE_SOON_MS ? "dueSoon" : "running";
}
