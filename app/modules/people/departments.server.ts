// Departments: a tree through parentId. Writes are one transaction with their audit event.
import { db, type Db, type Tx } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { DirectoryError, isUniqueViolation, notFoundError } from "./errors";
import type { DepartmentInput } from "./people.schema";

export type DepartmentNode = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: string | null;
  active: boolean;
  depth: number;
};

/**
 * Every department in tree order (parents before their children, siblings by code), with depth.
 * Departments number in the tens or hundreds even for a large company, so they are read whole;
 * a department whose parent is missing or lies on a (corrupt) cycle is still listed, at the root.
 */
export async function departmentTree(client: Db | Tx = db): Promise<DepartmentNode[]> {
  const all = await client.department.findMany({
    select: { id: true, code: true, nameZh: true, nameEn: true, parentId: true, active: true },
    orderBy: { code: "asc" },
  });
  const ids = new Set(all.map((d) => d.id));
  const children = new Map<string | null, typeof all>();
  for (const d of all) {
    const key = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    const list = children.get(key) ?? [];
    list.push(d);
    children.set(key, list);
  }
  const out: DepartmentNode[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const d of children.get(parent) ?? []) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push({ ...d, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(null, 0);
  for (const d of all) {
    if (!seen.has(d.id)) {
      seen.add(d.id);
      out.push({ ...d, depth: 0 });
      visit(d.id, 1);
    }
  }
  return out;
}

/** Active people per department in one grouped query. */
export async function activePeopleByDepartment(client: Db | Tx = db): Promise<Map<string, number>> {
  const groups = await client.person.groupBy({
    by: ["departmentId"],
    where: { status: "ACTIVE", departmentId: { not: null } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.departmentId as string, g._count._all]));
}

export const DEPARTMENT_PAGE_SIZE = 100;

export async function listDepartments(page: number) {
  const [tree, counts] = await Promise.all([departmentTree(), activePeopleByDepartment()]);
  const start = (page - 1) * DEPARTMENT_PAGE_SIZE;
  return {
    total: tree.length,
    rows: tree.slice(start, start + DEPARTMENT_PAGE_SIZE).map((d) => ({ ...d, activePeople: counts.get(d.id) ?? 0 })),
  };
}

export async function getDepartment(id: string) {
  const row = await db.department.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      nameZh: true,
      nameEn: true,
      parentId: true,
      active: true,
      parent: { select: { code: true, nameZh: true, nameEn: true } },
    },
  });
  if (!row) throw notFoundError("department");
  const [activePeople, activeChildren] = await Promise.all([
    db.person.count({ where: { departmentId: id, status: "ACTIVE" } }),
    db.department.count({ where: { parentId: id, active: true } }),
  ]);
  return { ...row, activePeople, activeChildren };
}

async function checkParent(tx: Tx, departmentId: string | null, parentId: string | null, parentChanged: boolean) {
  if (!parentId) return;
  const parent = await tx.department.findUnique({ where: { id: parentId }, select: { id: true, active: true } });
  if (!parent) throw new DirectoryError("departmentNotFound", "parentId");
  if (parentChanged && !parent.active) throw new DirectoryError("parentInactive", "parentId");
  if (!departmentId) return;
  // Walk up from the new parent: meeting the department itself means the move would close a loop.
  let cursor: string | null = parentId;
  for (let steps = 0; cursor && steps < 10_000; steps++) {
    if (cursor === departmentId) throw new DirectoryError("departmentCycle", "parentId");
    const next: { parentId: string | null } | null = await tx.department.findUnique({ where: { id: cursor }, select: { parentId: true } });
    cursor = next?.parentId ?? null;
  }
}

async function checkCodeFree(tx: Tx, code: string, exceptId: string | null) {
  const holder = await tx.department.findUnique({ where: { code }, select: { id: true } });
  if (holder && holder.id !== exceptId) throw new DirectoryError("codeTaken", "code");
}

function mapUnique<T>(work: Promise<T>): Promise<T> {
  return work.catch((error) => {
    if (isUniqueViolation(error)) throw new DirectoryError("codeTaken", "code");
    throw error;
  });
}

export async function createDepartment({ actorUserId, input }: { actorUserId: string; input: DepartmentInput }): Promise<string> {
  return mapUnique(
    db.$transaction(async (tx) => {
      await checkCodeFree(tx, input.code, null);
      await checkParent(tx, null, input.parentId, true);
      const row = await tx.department.create({
        data: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, parentId: input.parentId },
        select: { id: true },
      });
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "department.create",
        objectType: "Department",
        objectId: row.id,
        details: { parentId: input.parentId },
      });
      return row.id;
    }),
  );
}

export async function updateDepartment({ actorUserId, departmentId: id, input }: { actorUserId: string; departmentId: string; input: DepartmentInput }): Promise<void> {
  await mapUnique(
    db.$transaction(async (tx) => {
      const current = await tx.department.findUnique({ where: { id } });
      if (!current) throw notFoundError("department");
      if (input.parentId === id) throw new DirectoryError("departmentCycle", "parentId");
      await checkCodeFree(tx, input.code, id);
      await checkParent(tx, id, input.parentId, input.parentId !== current.parentId);
      const fields = (["code", "nameZh", "nameEn", "parentId"] as const).filter((f) => current[f] !== input[f]);
      if (fields.length === 0) return;
      await tx.department.update({
        where: { id },
        data: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, parentId: input.parentId },
      });
      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "department.update",
        objectType: "Department",
        objectId: id,
        details: { fields },
      });
    }),
  );
}

export async function setDepartmentActive({ actorUserId, departmentId: id, active }: { actorUserId: string; departmentId: string; active: boolean }): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.department.findUnique({ where: { id }, select: { active: true, parentId: true } });
    if (!current) throw notFoundError("department");
    if (current.active === active) return;
    if (!active) {
      // People and sub-departments would be left pointing at a department nobody can choose.
      if ((await tx.person.count({ where: { departmentId: id, status: "ACTIVE" } })) > 0) throw new DirectoryError("departmentHasPeople");
      if ((await tx.department.count({ where: { parentId: id, active: true } })) > 0) throw new DirectoryError("departmentHasChildren");
    } else if (current.parentId) {
      const parent = await tx.department.findUnique({ where: { id: current.parentId }, select: { active: true } });
      if (parent && !parent.active) throw new DirectoryError("parentInactive");
    }
    await tx.department.update({ where: { id }, data: { active } });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: active ? "department.reactivate" : "department.deactivate",
      objectType: "Department",
      objectId: id,
    });
  });
}
