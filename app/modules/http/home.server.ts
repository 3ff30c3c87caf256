// What each role's home page shows: small counts, each fetched only for a role that may see it.
import { db } from "../db/db.server";
import { hasPermission } from "../auth/permissions";
import type { CurrentUser } from "../auth/session.server";
import { countCasesNeedingViewer } from "../cases/queue.server";

export async function getHomeSummary(user: CurrentUser) {
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(user.permissions, p);
  const [profile, admin, auditEvents, casesWaiting] = await Promise.all([
    user.personId
      ? db.person.findUnique({
          where: { id: user.personId },
          select: {
            employeeNumber: true,
            department: { select: { nameZh: true, nameEn: true } },
            manager: { select: { nameZh: true, nameEn: true } },
          },
        })
      : null,
    can("manage:people:any")
      ? Promise.all([
          db.person.count({ where: { status: "ACTIVE" } }),
          db.department.count({ where: { active: true } }),
          db.outboxEmail.count({ where: { status: "QUEUED" } }),
          db.outboxEmail.count({ where: { status: "FAILED" } }),
        ]).then(([activePeople, departments, outboxQueued, outboxFailed]) => ({ activePeople, departments, outboxQueued, outboxFailed }))
      : null,
    can("read:audit-log:any") ? db.auditEvent.count() : null,
    countCasesNeedingViewer(user),
  ]);
  return { profile, admin, auditEvents, casesWaiting };
}
