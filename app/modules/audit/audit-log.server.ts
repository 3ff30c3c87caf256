// The auditors' view of the audit log (/audit/log): filtered, paginated, newest first, with the
// actors' names resolved in one query per page. Dates in filters are days in the org time zone.
import { z } from "zod";
import { db } from "../db/db.server";
import { pageWindow } from "../http/pagination";
import { isIsoDate, startOfDayInZone, startOfNextDay } from "../time/dates";
import { appendAuditEvent } from "./audit.server";
import { formatAuditHead, readAuditHead, verifyAuditChain } from "./verify.server";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((v) => v || undefined);

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), "date");

export const AuditLogFilterSchema = z.object({
  action: optionalText(100),
  objectType: optionalText(100),
  objectId: optionalText(200),
  actor: optionalText(254)
    .refine((v) => v === undefined || z.string().email().safeParse(v).success, "email")
    .transform((v) => v?.toLowerCase()),
  from: optionalDate,
  to: optionalDate,
});
export type AuditLogFilter = z.infer<typeof AuditLogFilterSchema>;

/** The filter fields as they appear in the query string. */
export const AUDIT_FILTER_FIELDS = ["action", "objectType", "objectId", "actor", "from", "to"] as const;

export async function listAuditEvents({ filter, ...opts }: { filter: AuditLogFilter; page: number; timeZone: string }) {
  let actorUserId: string | undefined;
  if (filter.actor) {
    const user = await db.user.findUnique({ where: { email: filter.actor }, select: { id: true } });
    if (!user) return { rows: [], total: 0 };
    actorUserId = user.id;
  }
  const at: { gte?: Date; lt?: Date } = {};
  if (filter.from) at.gte = startOfDayInZone(filter.from, opts.timeZone);
  // "to" is inclusive: everything before the next day begins.
  if (filter.to) at.lt = startOfNextDay(filter.to, opts.timeZone);
  const where = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(actorUserId ? { actorUserId } : {}),
    ...(at.gte || at.lt ? { at } : {}),
  };
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { seq: "desc" },
      ...pageWindow(opts.page),
      select: { seq: true, at: true, actorKind: true, actorUserId: true, action: true, objectType: true, objectId: true, details: true },
    }),
    db.auditEvent.count({ where }),
  ]);
  // AuditEvent has no foreign key to User (the log outlives accounts): one query for the page's actors.
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
  const users = actorIds.length
    ? await db.user.findMany({
        where: { id: { in: actorIds } },
        select: { id: true, email: true, person: { select: { nameZh: true, nameEn: true } } },
      })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = events.map((e) => {
    const user = e.actorUserId ? byId.get(e.actorUserId) : undefined;
    return {
      ...e,
      actor: user ? { email: user.email, nameZh: user.person?.nameZh ?? null, nameEn: user.person?.nameEn ?? null } : null,
    };
  });
  return { rows, total };
}

/** The head line auditors copy and keep outside Sunline (the same line `npm run audit:head` prints). */
export async function auditHeadLine(): Promise<string> {
  return formatAuditHead(await readAuditHead(db));
}

/** Verifies the whole chain for an auditor and records that it was checked, and with what result. */
export async function verifyChainForAuditor(actorUserId: string) {
  const result = await verifyAuditChain(db);
  await db.$transaction(async (tx) => {
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: "audit.verify",
      objectType: "AuditChain",
      details: result.ok ? { ok: true, count: result.count } : { ok: false, seq: result.seq, reason: result.reason },
    });
  });
  return result;
}
