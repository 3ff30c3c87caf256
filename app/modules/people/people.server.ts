// People: employees and supplier contacts. Every write is one transaction with its audit event and
// keeps Person.searchText in step, so the list search is one LIKE that behaves the same on SQLite
// and PostgreSQL. Managers are chosen by employee number, never from a list of the whole staff.
import { db, type Prisma, type Tx } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { invalidateUserSessions } from "../auth/session.server";
import { getSetting } from "../settings/settings.server";
import { anotherActiveAdmin } from "./accounts.server";
import { fromDbLocale, toDbLocale } from "../../i18n/locales";
import { pageWindow } from "../http/pagination";
import { dateInZone, startOfDayInZone } from "../time/dates";
import { DirectoryError, isUniqueViolation, notFoundError } from "./errors";
import { buildSearchText, type PersonInput, type PersonKindValue, type PersonStatusValue } from "./people.schema";

export type PeopleSort = "number" | "name";
export type PeopleFilters = {
  q: string;
  departmentId: string | null;
  status: PersonStatusValue | null;
  kind: PersonKindValue | null;
  sort: PeopleSort;
  /** Which name "name" sorts by: the one the reader sees. */
  nameField: "nameZh" | "nameEn";
  page: number;
};

/** Search terms: each must appear in searchText; a handful is plenty and keeps the query small. */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
}

export async function listPeople(f: PeopleFilters) {
  const where: Prisma.PersonWhereInput = {
    AND: [
      ...searchTerms(f.q).map((term) => ({ searchText: { contains: term } })),
      ...(f.departmentId ? [{ departmentId: f.departmentId }] : []),
      ...(f.status ? [{ status: f.status }] : []),
      ...(f.kind ? [{ kind: f.kind }] : []),
    ],
  };
  const orderBy: Prisma.PersonOrderByWithRelationInput[] =
    f.sort === "name" ? [{ [f.nameField]: "asc" }, { employeeNumber: "asc" }] : [{ employeeNumber: "asc" }];
  const [total, rows] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy,
      ...pageWindow(f.page),
      select: {
        id: true,
        employeeNumber: true,
        nameZh: true,
        nameEn: true,
        email: true,
        kind: true,
        status: true,
        department: { select: { code: true, nameZh: true, nameEn: true } },
        user: { select: { status: true } },
      },
    }),
  ]);
  return { total, rows };
}

export async function getPersonDetail(id: string) {
  const [row, timeZone] = await Promise.all([
    db.person.findUnique({
      where: { id },
      select: {
        id: true,
        employeeNumber: true,
        kind: true,
        nameZh: true,
        nameEn: true,
        email: true,
        departmentId: true,
        jobTitle: true,
        isManager: true,
        locale: true,
        status: true,
        hireDate: true,
        manager: { select: { id: true, employeeNumber: true, nameZh: true, nameEn: true } },
        _count: { select: { reports: true } },
        user: {
          select: {
            id: true,
            email: true,
            status: true,
            lastLoginAt: true,
            passwordHash: true,
            totpEnabledAt: true,
            roles: { select: { role: { select: { key: true } } } },
          },
        },
      },
    }),
    getSetting("org.timeZone"),
  ]);
  if (!row) throw notFoundError("person");
  const { user, hireDate, locale, _count, ...rest } = row;
  return {
    ...rest,
    locale: fromDbLocale(locale) ?? "zh-CN",
    hireDate: hireDate ? dateInZone(hireDate, timeZone) : null,
    reports: _count.reports,
    user: user
      ? {
          id: user.id,
          email: user.email,
          status: user.status,
          lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
          // Whether a password was ever chosen (the invitation was used); the hash never leaves here.
          hasPassword: user.passwordHash !== null,
          hasTotp: user.totpEnabledAt !== null,
          roles: user.roles.map((r) => r.role.key),
        }
      : null,
  };
}

/** The manager's id for an employee number, refusing unknown numbers, oneself and loops. */
async function resolveManager(tx: Tx, managerNumber: string | null, self: { id: string | null; employeeNumber: string }) {
  if (!managerNumber) return null;
  if (managerNumber === self.employeeNumber) throw new DirectoryError("managerSelf", "managerNumber");
  const manager = await tx.person.findUnique({ where: { employeeNumber: managerNumber }, select: { id: true } });
  if (!manager) throw new DirectoryError("managerNotFound", "managerNumber");
  if (self.id) {
    // Walk up from the new manager: reaching this person means they would manage themselves.
    let cursor: string | null = manager.id;
    for (let steps = 0; cursor && steps < 100_000; steps++) {
      if (cursor === self.id) throw new DirectoryError("managerLoop", "managerNumber");
      const up: { managerId: string | null } | null = await tx.person.findUnique({ where: { id: cursor }, select: { managerId: true } });
      cursor = up?.managerId ?? null;
    }
  }
  return manager.id;
}

async function checkDepartment(tx: Tx, departmentId: string | null, currentDepartmentId: string | null) {
  if (!departmentId) return;
  const department = await tx.department.findUnique({ where: { id: departmentId }, select: { active: true } });
  if (!department) throw new DirectoryError("departmentNotFound", "departmentId");
  // A person may stay in a department that was deactivated around them, but nobody joins one.
  if (!department.active && departmentId !== currentDepartmentId) throw new DirectoryError("departmentInactive", "departmentId");
}

async function checkUnique(tx: Tx, input: PersonInput, selfId: string | null) {
  const byNumber = await tx.person.findUnique({ where: { employeeNumber: input.employeeNumber }, select: { id: true } });
  if (byNumber && byNumber.id !== selfId) throw new DirectoryError("numberTaken", "employeeNumber");
  if (input.email) {
    const byEmail = await tx.person.findUnique({ where: { email: input.email }, select: { id: true } });
    if (byEmail && byEmail.id !== selfId) throw new DirectoryError("emailTaken", "email");
  }
}

function personData(input: PersonInput, managerId: string | null, timeZone: string) {
  return {
    employeeNumber: input.employeeNumber,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    email: input.email,
    departmentId: input.departmentId,
    managerId,
    kind: input.kind,
    locale: toDbLocale(input.locale),
    status: input.status,
    hireDate: input.hireDate ? startOfDayInZone(input.hireDate, timeZone) : null,
    jobTitle: input.jobTitle,
    isManager: input.isManager,
    searchText: buildSearchText(input),
  };
}

function mapConflict<T>(work: Promise<T>): Promise<T> {
  return work.catch((error) => {
    if (isUniqueViolation(error)) throw new DirectoryError("conflict");
    throw error;
  });
}

/**
 * Disables the person's account when they stop being active. The account's sessions are deleted
 * after the commit (invalidateUserSessions works outside transactions); until then the DISABLED
 * status already makes every one of them useless, since each request reloads the user.
 */
async function disableAccountOf(tx: Tx, personId: string, actorUserId: string, field: string | null): Promise<string | null> {
  const user = await tx.user.findUnique({
    where: { personId },
    select: { id: true, status: true, roles: { select: { role: { select: { key: true } } } } },
  });
  if (!user) return null;
  if (user.id === actorUserId) throw new DirectoryError("selfDisable", field);
  if (user.status === "ACTIVE") {
    if (user.roles.some((r) => r.role.key === "admin") && !(await anotherActiveAdmin(tx, user.id))) {
      throw new DirectoryError("lastAdmin", field);
    }
    await tx.user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
  }
  return user.id;
}

export async function createPerson({ actorUserId, input }: { actorUserId: string; input: PersonInput }): Promise<string> {
  return mapConflict(
    db.$transaction(async (tx) => {
      await checkUnique(tx, input, null);
      await checkDepartment(tx, input.departmentId, null);
      const managerId = await resolveManager(tx, input.managerNumber, { id: null, employeeNumber: input.employeeNumber });
      const timeZone = await getSetting("org.timeZone", tx);
      const row = await tx.person.create({ data: personData(input, managerId, timeZone), select: { id: true } });
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "person.create",
        objectType: "Person",
        objectId: row.id,
        details: { kind: input.kind, status: input.status },
      });
      return row.id;
    }),
  );
}

const COMPARED_FIELDS = [
  "employeeNumber",
  "nameZh",
  "nameEn",
  "email",
  "departmentId",
  "managerId",
  "kind",
  "locale",
  "status",
  "hireDate",
  "jobTitle",
  "isManager",
] as const;

export async function updatePerson({ actorUserId, personId: id, input }: { actorUserId: string; personId: string; input: PersonInput }): Promise<void> {
  const signOut = await mapConflict(
    db.$transaction(async (tx) => {
      const current = await tx.person.findUnique({ where: { id } });
      if (!current) throw notFoundError("person");
      await checkUnique(tx, input, id);
      await checkDepartment(tx, input.departmentId, current.departmentId);
      const managerId = await resolveManager(tx, input.managerNumber, { id, employeeNumber: input.employeeNumber });
      const timeZone = await getSetting("org.timeZone", tx);
      const data = personData(input, managerId, timeZone);
      const fields = COMPARED_FIELDS.filter((f) => {
        const before = current[f];
        const after = data[f];
        return before instanceof Date || after instanceof Date
          ? (before as Date | null)?.getTime() !== (after as Date | null)?.getTime()
          : before !== after;
      });
      if (fields.length === 0) return null;
      await tx.person.update({ where: { id }, data });
      const deactivated = current.status === "ACTIVE" && input.status === "INACTIVE";
      const userId = deactivated ? await disableAccountOf(tx, id, actorUserId, "status") : null;
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "person.update",
        objectType: "Person",
        objectId: id,
        details: { fields, ...(userId ? { accountDisabled: userId } : {}) },
      });
      return userId;
    }),
  );
  if (signOut) await invalidateUserSessions(signOut);
}

/**
 * Would giving the person `status` disable an active account? Deactivating a person disables their
 * account (setPersonStatus), so the page asks for the administrator's password as disabling the
 * account itself does.
 */
export async function statusChangeDisablesAccount({ personId, status }: { personId: string; status: PersonStatusValue }): Promise<boolean> {
  if (status !== "INACTIVE") return false;
  const person = await db.person.findUnique({ where: { id: personId }, select: { status: true, user: { select: { status: true } } } });
  return person?.status === "ACTIVE" && person.user?.status === "ACTIVE";
}

/** Deactivation also disables the person's account and ends its sessions. Reactivation leaves the
 * account disabled: giving access back is a separate, deliberate step on the account. */
export async function setPersonStatus({ actorUserId, personId: id, status }: { actorUserId: string; personId: string; status: PersonStatusValue }): Promise<void> {
  const signOut = await db.$transaction(async (tx) => {
    const current = await tx.person.findUnique({ where: { id }, select: { status: true } });
    if (!current) throw notFoundError("person");
    if (current.status === status) return null;
    await tx.person.update({ where: { id }, data: { status } });
    const userId = status === "INACTIVE" ? await disableAccountOf(tx, id, actorUserId, null) : null;
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: status === "INACTIVE" ? "person.deactivate" : "person.reactivate",
      objectType: "Person",
      objectId: id,
      details: userId ? { accountDisabled: userId } : {},
    });
    return userId;
  });
  if (signOut) await invalidateUserSessions(signOut);
}
