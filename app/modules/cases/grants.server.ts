// Auditors' grants (ADR 0015): a compliance lead lets one auditor read one case's content until a
// date, for a reason, and may revoke it. The access filter (access.server.ts) checks the grant's
// dates itself, so a grant that runs out stops working at once, with no sweep. Each grant and
// revocation is one transaction with its case event and audit entry (recordCaseEvent) and, for a
// grant, the auditor's content-free email; every read under a grant is audited by openCaseKey.
import { db } from "../db/db.server";
import { getEnv } from "../config/env.server";
import { getSetting } from "../settings/settings.server";
import { holdingPermission } from "../auth/permissions.server";
import { emailRecipient, RECIPIENT_SELECT } from "../mail/recipients.server";
import { addDaysToDate, dateInZone, startOfNextDay } from "../time/dates";
import { activeGrantWhere } from "./access.server";
import { CASE_AUDITORS } from "../auth/permissions";
import { writeCase } from "./case-write.server";
import { USER_NAME_SELECT, userDisplayName } from "./names.server";
import type { AppLocale } from "../../i18n/locales";
import { DomainError } from "../http/domain-error";
import { GRANT_MAX_DAYS } from "./grant-form";

/** A case has a handful of auditors at most; bounded all the same. */
const MAX_LISTED = 100;

/** Why a grant or revocation was refused; `code` is a key of `cases.grants.errors`. */
export class GrantError extends DomainError<"notEligible" | "untilPast" | "untilTooFar"> {
  constructor(code: "notEligible" | "untilPast" | "untilTooFar") {
    super("grants", code, { field: code === "notEligible" ? "auditorId" : "until" });
    this.name = "GrantError";
  }
}

/** The last day a grant runs (its "until" date, in the org zone): the day before it expires. */
function untilDate(expiresAt: Date, timeZone: string): string {
  return dateInZone(new Date(expiresAt.getTime() - 1), timeZone);
}

/** The dates the form offers: from today to the longest grant, in the org zone. */
export async function grantDateBounds(now = new Date()): Promise<{ min: string; max: string }> {
  const today = dateInZone(now, await getSetting("org.timeZone"));
  return { min: today, max: addDaysToDate(today, GRANT_MAX_DAYS) };
}

export type ActiveGrant = { id: string; auditorId: string; auditor: string; grantedBy: string; until: string; reason: string; createdAt: Date };

/** The case's running grants (not revoked, not expired), soonest to expire first. */
export async function listActiveGrants({ reportId, locale, now = new Date() }: { reportId: string; locale: AppLocale; now?: Date }): Promise<ActiveGrant[]> {
  const timeZone = await getSetting("org.timeZone");
  const rows = await db.caseGrant.findMany({
    where: { reportId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: MAX_LISTED,
    select: { id: true, userId: true, reason: true, expiresAt: true, createdAt: true, user: { select: USER_NAME_SELECT }, grantedBy: { select: USER_NAME_SELECT } },
  });
  return rows.map((r) => ({
    id: r.id,
    auditorId: r.userId,
    auditor: userDisplayName(r.user, locale),
    grantedBy: userDisplayName(r.grantedBy, locale),
    until: untilDate(r.expiresAt, timeZone),
    reason: r.reason,
    createdAt: r.createdAt,
  }));
}

/** The grant an auditor reads the case under now (the one that runs longest), or null. */
export async function viewerGrant({ reportId, userId, now = new Date() }: { reportId: string; userId: string; now?: Date }): Promise<{ until: string; reason: string } | null> {
  const row = await db.caseGrant.findFirst({
    where: { reportId, ...activeGrantWhere(userId, now) },
    orderBy: { expiresAt: "desc" },
    select: { expiresAt: true, reason: true },
  });
  return row ? { until: untilDate(row.expiresAt, await getSetting("org.timeZone")), reason: row.reason } : null;
}

/** Who may be granted this case: active auditors the case does not exclude. */
function grantableWhere(reportId: string) {
  return { ...holdingPermission(CASE_AUDITORS), caseExclusions: { none: { reportId } } };
}

export async function listGrantableAuditors({ reportId, locale }: { reportId: string; locale: AppLocale }): Promise<{ id: string; name: string }[]> {
  const users = await db.user.findMany({ where: grantableWhere(reportId), select: USER_NAME_SELECT, orderBy: { email: "asc" }, take: MAX_LISTED });
  const collator = new Intl.Collator(locale);
  return users.map((u) => ({ id: u.id, name: userDisplayName(u, locale) })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Grants `userId` (an auditor) the reading of the case through the end of `until` (org zone). A running grant
 * of the same auditor is replaced (revoked in the same transaction); the same grant posted twice
 * (a double click) is saved once.
 */
export async function grantCaseAccess(input: { reportId: string; actorUserId: string; userId: string; until: string; reason: string; now?: Date }): Promise<{ grantId: string; created: boolean }> {
  const now = input.now ?? new Date();
  const timeZone = await getSetting("org.timeZone");
  const today = dateInZone(now, timeZone);
  if (input.until < today) throw new GrantError("untilPast");
  if (input.until > addDaysToDate(today, GRANT_MAX_DAYS)) throw new GrantError("untilTooFar");
  const expiresAt = startOfNextDay(input.until, timeZone);
  return writeCase({ reportId: input.reportId, actorUserId: input.actorUserId, action: "grantAccess", now, run: async (step) => {
      const { tx } = step;
      const auditor = await tx.user.findFirst({ where: { id: input.userId, ...grantableWhere(input.reportId) }, select: RECIPIENT_SELECT });
      if (!auditor) throw new GrantError("notEligible");
      const running = await tx.caseGrant.findMany({ where: { reportId: input.reportId, ...activeGrantWhere(auditor.id, now) }, select: { id: true, expiresAt: true, reason: true } });
      const same = running.find((g) => g.expiresAt.getTime() === expiresAt.getTime() && g.reason === input.reason);
      if (same) return { grantId: same.id, created: false };
      for (const old of running) {
        await tx.caseGrant.update({ where: { id: old.id }, data: { revokedAt: now, revokedById: input.actorUserId }, select: { id: true } });
        await step.record("grant.revoked", { userId: auditor.id, grantId: old.id, replaced: true });
      }
      const grant = await tx.caseGrant.create({
        data: { reportId: input.reportId, userId: auditor.id, grantedById: input.actorUserId, reason: input.reason, expiresAt, createdAt: now },
        select: { id: true },
      });
      await step.record("grant.added", { userId: auditor.id, grantId: grant.id, until: input.until });
      await emailRecipient(tx, { user: auditor, template: "caseAccessGranted", params: { url: `${getEnv().APP_URL}/cases/${input.reportId}`, until: input.until } });
      return { grantId: grant.id, created: true };
  } });
}

/** Ends a running grant now. False when there was none to end (already revoked or expired: a second click). */
export async function revokeCaseAccess(input: { reportId: string; actorUserId: string; grantId: string; now?: Date }): Promise<boolean> {
  return writeCase({ reportId: input.reportId, actorUserId: input.actorUserId, action: "revokeAccess", now: input.now, run: async (step) => {
    const { tx, now } = step;
    const grant = await tx.caseGrant.findFirst({ where: { id: input.grantId, reportId: input.reportId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true, userId: true } });
    if (!grant) return false;
    const ended = await tx.caseGrant.updateMany({ where: { id: grant.id, revokedAt: null }, data: { revokedAt: now, revokedById: input.actorUserId } });
    if (ended.count !== 1) return false;
    await step.record("grant.revoked", { userId: grant.userId, grantId: grant.id });
    return true;
  } });
}
