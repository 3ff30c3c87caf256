// Directory import (CSV). Preview and commit run the same plan: parse, check every row against the
// file and the directory, decide create / update / unchanged / error. Preview writes nothing;
// commit re-plans inside one transaction (the preview is never trusted: the directory may have
// changed, the form may have been altered) and applies everything or nothing. The directory is read
// in bulk for the file's keys (chunked IN lists), never row by row.
import { db, Prisma, type Db, type Tx } from "../db/db.server";
import { chunked, inChunks } from "../db/chunks";
import { appendAuditEvent } from "../audit/audit.server";
import { invalidateUserSessions } from "../auth/session.server";
import { getSetting } from "../settings/settings.server";
import { dateInZone, startOfDayInZone } from "../time/dates";
import { CSV_COLUMNS, parseDirectoryCsv, type CsvColumn, type CsvFileError, type CsvRow, type DirectoryRecord, type RowError } from "./csv";
import { buildSearchText } from "./people.schema";

export type RowOutcome = "create" | "update" | "unchanged" | "error";
export type ImportCounts = { rows: number; create: number; update: number; unchanged: number; error: number };

export type PlannedRow = {
  line: number;
  raw: CsvRow["raw"];
  outcome: RowOutcome;
  errors: RowError[];
  /** For updates: the columns whose values change. */
  changes: CsvColumn[];
};

export type ImportPlanResult = { ok: true; rows: PlannedRow[]; counts: ImportCounts } | { ok: false; error: CsvFileError };

const TEXT_COLUMNS = ["nameZh", "nameEn", "email", "jobTitle", "searchText"] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];
/** Rows per CASE update: 5 columns × 2 parameters × 300 rows stays far below both databases' limits. */
const TEXT_CHUNK = 300;

/** One statement for a chunk of rows' text columns; plain text parameters, the same SQL on both databases. */
async function updateText(tx: Tx, rows: { id: string; values: Partial<Record<TextColumn, string | null>> }[]) {
  const sets = TEXT_COLUMNS.flatMap((column) => {
    const changing = rows.filter((r) => column in r.values);
    if (changing.length === 0) return [];
    const name = Prisma.raw(`"${column}"`);
    const cases = Prisma.join(
      changing.map((r) => Prisma.sql`WHEN ${r.id} THEN ${r.values[column]}`),
      " ",
    );
    return [Prisma.sql`${name} = CASE "id" ${cases} ELSE ${name} END`];
  });
  if (sets.length === 0) return;
  await tx.$executeRaw`UPDATE "Person" SET ${Prisma.join(sets, ", ")} WHERE "id" IN (${Prisma.join(rows.map((r) => r.id))})`;
}

const existingSelect = {
  id: true,
  employeeNumber: true,
  nameZh: true,
  nameEn: true,
  email: true,
  departmentId: true,
  managerId: true,
  kind: true,
  locale: true,
  status: true,
  hireDate: true,
  jobTitle: true,
  isManager: true,
  manager: { select: { employeeNumber: true } },
  user: { select: { id: true, status: true } },
} as const;

type Client = Db | Tx;
type Existing = Awaited<ReturnType<typeof loadExisting>>[number];

function loadExisting(client: Client, numbers: string[]) {
  return inChunks(numbers, (chunk) => client.person.findMany({ where: { employeeNumber: { in: chunk } }, select: existingSelect }));
}

type Internal = {
  row: CsvRow;
  planned: PlannedRow;
  existing: Existing | null;
  departmentId?: string | null;
  /** True for the first row carrying its employee number (the one that counts). */
  primary: boolean;
};

/** Everything a commit needs beyond the public rows. */
type Plan = { result: ImportPlanResult & { ok: true }; internals: Internal[]; timeZone: string; hasManagerColumn: boolean };

async function plan(client: Client, text: string, actorPersonId: string | null): Promise<Plan | { result: ImportPlanResult & { ok: false } }> {
  const parsed = parseDirectoryCsv(text);
  if (!parsed.ok) return { result: parsed };
  const timeZone = await getSetting("org.timeZone", client);
  const has = (c: CsvColumn) => parsed.columns.includes(c);
  const hasManagerColumn = has("manager_employee_number");

  const seenNumbers = new Set<string>();
  const internals: Internal[] = parsed.rows.map((row) => {
    const number = row.values.employeeNumber;
    const primary = number !== undefined && !seenNumbers.has(number);
    if (number !== undefined) seenNumbers.add(number);
    return {
      row,
      primary,
      existing: null,
      planned: { line: row.line, raw: row.raw, outcome: "error", errors: [...row.errors], changes: [] },
    };
  });
  const byNumber = new Map(internals.filter((i) => i.primary).map((i) => [i.row.values.employeeNumber!, i]));

  // Bulk reads: the file's people, departments, email holders.
  const numbers = [...byNumber.keys()];
  const existing = await loadExisting(client, numbers);
  for (const person of existing) byNumber.get(person.employeeNumber)!.existing = person;

  const codes = [...new Set(internals.map((i) => i.row.values.departmentCode).filter((c): c is string => !!c))];
  const departments = new Map(
    (await inChunks(codes, (chunk) => client.department.findMany({ where: { code: { in: chunk } }, select: { id: true, code: true, active: true } }))).map(
      (d) => [d.code, d],
    ),
  );

  const emails = [...new Set(internals.map((i) => i.row.values.email).filter((e): e is string => !!e))];
  const emailHolders = new Map(
    (await inChunks(emails, (chunk) => client.person.findMany({ where: { email: { in: chunk } }, select: { employeeNumber: true, email: true } }))).map(
      (p) => [p.email!, p.employeeNumber],
    ),
  );

  // The reporting lines after the import: a file row's manager comes from the file (or stays as it
  // is when the file has no manager column); anyone else's from the directory, read level by level
  // up the chains the file points into, so a loop through people outside the file is caught too.
  const managerOf = new Map<string, string | null>();
  for (const [number, i] of byNumber) {
    const fromFile = i.row.values.managerNumber;
    managerOf.set(number, hasManagerColumn ? (fromFile ?? null) : (i.existing?.manager?.employeeNumber ?? null));
  }
  const unknownNumbers = new Set<string>();
  const unseen = (n: string | null | undefined): n is string => !!n && !managerOf.has(n) && !unknownNumbers.has(n);
  let frontier = [...new Set([...managerOf.values()].filter(unseen))];
  for (let level = 0; frontier.length > 0 && level < 10_000; level++) {
    const found = await inChunks(frontier, (chunk) =>
      client.person.findMany({ where: { employeeNumber: { in: chunk } }, select: { employeeNumber: true, manager: { select: { employeeNumber: true } } } }),
    );
    for (const p of found) managerOf.set(p.employeeNumber, p.manager?.employeeNumber ?? null);
    for (const n of frontier) if (!managerOf.has(n)) unknownNumbers.add(n);
    frontier = [...new Set(found.map((p) => p.manager?.employeeNumber).filter(unseen))];
  }

  const inLoop = new Set<string>();
  const done = new Set<string>();
  for (const start of byNumber.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let cursor: string | null | undefined = start;
    while (cursor && !done.has(cursor)) {
      const at = onPath.get(cursor);
      if (at !== undefined) {
        for (const n of path.slice(at)) inLoop.add(n);
        break;
      }
      onPath.set(cursor, path.length);
      path.push(cursor);
      cursor = managerOf.get(cursor);
    }
    for (const n of path) done.add(n);
  }

  for (const i of internals) {
    const v = i.row.values;
    const errors = i.planned.errors;
    const fail = (column: CsvColumn, code: RowError["code"]) => errors.push({ column, code });
    if (v.departmentCode) {
      const department = departments.get(v.departmentCode);
      if (!department) fail("department_code", "departmentNotFound");
      else if (!department.active && department.id !== i.existing?.departmentId) fail("department_code", "departmentInactive");
      else i.departmentId = department.id;
    } else if (v.departmentCode === null) {
      i.departmentId = null;
    }
    if (v.managerNumber && unknownNumbers.has(v.managerNumber)) {
      fail("manager_employee_number", "managerNotFound");
    }
    if (i.primary && v.employeeNumber && inLoop.has(v.employeeNumber) && has("manager_employee_number")) {
      fail("manager_employee_number", "managerLoop");
    }
    if (v.email) {
      const holder = emailHolders.get(v.email);
      if (holder && holder !== v.employeeNumber) {
        // Taken, unless the holder is in this file and gives the address up.
        const holderRow = byNumber.get(holder);
        const holderKeeps = !holderRow || holderRow.row.values.email === undefined || holderRow.row.values.email === v.email || holderRow.row.errors.length > 0;
        if (holderKeeps) fail("email", "emailTaken");
      }
    }
    if (actorPersonId && i.existing?.id === actorPersonId && v.status === "INACTIVE" && i.existing.status === "ACTIVE") {
      fail("status", "selfDeactivate");
    }
    if (errors.length > 0) {
      // In the file's column order, so the messages read left to right like the row.
      errors.sort((a, b) => CSV_COLUMNS.indexOf(a.column) - CSV_COLUMNS.indexOf(b.column));
      i.planned.outcome = "error";
      continue;
    }
    if (!i.existing) {
      i.planned.outcome = "create";
      continue;
    }
    i.planned.changes = changedColumns(i.existing, v, i.departmentId, timeZone);
    i.planned.outcome = i.planned.changes.length > 0 ? "update" : "unchanged";
  }

  const rows = internals.map((i) => i.planned);
  const counts: ImportCounts = { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { result: { ok: true, rows, counts }, internals, timeZone, hasManagerColumn };
}

function changedColumns(e: Existing, v: DirectoryRecord, departmentId: string | null | undefined, timeZone: string): CsvColumn[] {
  const changes: CsvColumn[] = [];
  const differs = <T>(value: T | undefined, current: T) => value !== undefined && value !== current;
  if (differs(v.nameZh, e.nameZh)) changes.push("name_zh");
  if (differs(v.nameEn, e.nameEn)) changes.push("name_en");
  if (differs(v.email, e.email)) changes.push("email");
  if (differs(departmentId, e.departmentId)) changes.push("department_code");
  if (differs(v.managerNumber, e.manager?.employeeNumber ?? null)) changes.push("manager_employee_number");
  if (differs(v.kind, e.kind)) changes.push("kind");
  if (differs(v.locale, e.locale)) changes.push("locale");
  if (differs(v.status, e.status)) changes.push("status");
  // Compared as calendar days in the org zone, whatever instant of the day an older write stored.
  if (differs(v.hireDate, e.hireDate ? dateInZone(e.hireDate, timeZone) : null)) changes.push("hire_date");
  if (differs(v.jobTitle, e.jobTitle)) changes.push("job_title");
  if (differs(v.isManager, e.isManager)) changes.push("is_manager");
  return changes;
}

/** Checks the file against the directory and says what a commit would do. Writes nothing. */
export async function previewDirectoryImport({ text, actorPersonId }: { text: string; actorPersonId: string | null }): Promise<ImportPlanResult> {
  return (await plan(db, text, actorPersonId)).result;
}

export type CommitResult = { ok: true; counts: ImportCounts } | { ok: false; refused: ImportPlanResult };

/**
 * Applies the file in one transaction: creates, updates, then reporting lines (so a manager may
 * appear after their reports), then one audit event with the counts. Refused, with nothing written,
 * when any row has an error.
 */
export async function commitDirectoryImport({ actorUserId, actorPersonId, text }: { actorUserId: string; actorPersonId: string | null; text: string }): Promise<CommitResult> {
  const outcome = await db.$transaction(
    async (tx) => {
      const p = await plan(tx, text, actorPersonId);
      if (!p.result.ok || p.result.counts.error > 0) return { ok: false as const, refused: p.result, signOut: [] as string[] };
      const { internals, timeZone, hasManagerColumn } = p as Plan;
      const counts = p.result.counts;
      const hireDate = (d: string | null | undefined) => (d ? startOfDayInZone(d, timeZone) : d);

      const creates = internals.filter((i) => i.planned.outcome === "create");
      const updates = internals.filter((i) => i.planned.outcome === "update");

      // An address may move between two people of the file: free every changing address first.
      const releasing = updates.filter((i) => i.planned.changes.includes("email") && i.existing!.email).map((i) => i.existing!.id);
      for (const ids of chunked(releasing)) await tx.person.updateMany({ where: { id: { in: ids } }, data: { email: null } });

      // Ids by employee number: the file's existing people, then managers outside the file.
      const idOf = new Map<string, string>();
      for (const i of internals) if (i.primary && i.existing) idOf.set(i.existing.employeeNumber, i.existing.id);
      const outside = [...new Set(internals.map((i) => i.row.values.managerNumber).filter((m): m is string => !!m && !idOf.has(m)))];
      for (const r of await inChunks(outside, (chunk) => tx.person.findMany({ where: { employeeNumber: { in: chunk } }, select: { id: true, employeeNumber: true } }))) {
        idOf.set(r.employeeNumber, r.id);
      }
      const managerIdOf = (number: string | null | undefined) => (number ? idOf.get(number)! : null);

      // New people are inserted level by level down the reporting lines (one createMany per level
      // and chunk), so each is written with its manager's id even when the manager comes later in
      // the file. The plan has refused loops, so every round makes progress.
      let pending = creates;
      while (pending.length > 0) {
        const ready = pending.filter((i) => !hasManagerColumn || !i.row.values.managerNumber || idOf.has(i.row.values.managerNumber));
        if (ready.length === 0) throw new Error("directory import: reporting lines do not resolve");
        for (const batch of chunked(ready)) {
          await tx.person.createMany({
            data: batch.map(({ row: { values: v }, departmentId }) => ({
              employeeNumber: v.employeeNumber!,
              nameZh: v.nameZh!,
              nameEn: v.nameEn!,
              email: v.email ?? null,
              departmentId: departmentId ?? null,
              managerId: hasManagerColumn ? managerIdOf(v.managerNumber) : null,
              kind: v.kind ?? "EMPLOYEE",
              locale: v.locale ?? "zh_CN",
              status: v.status ?? "ACTIVE",
              hireDate: hireDate(v.hireDate) ?? null,
              jobTitle: v.jobTitle ?? null,
              isManager: v.isManager ?? false,
              searchText: buildSearchText({ employeeNumber: v.employeeNumber!, nameZh: v.nameZh!, nameEn: v.nameEn!, email: v.email ?? null }),
            })),
          });
          const created = await tx.person.findMany({
            where: { employeeNumber: { in: batch.map((i) => i.row.values.employeeNumber!) } },
            select: { id: true, employeeNumber: true },
          });
          for (const r of created) idOf.set(r.employeeNumber, r.id);
        }
        const done = new Set(ready);
        pending = pending.filter((i) => !done.has(i));
      }

      // Updates write only what changed. Per-row text (names, email, job title, search text) is
      // written a chunk of rows per statement (UPDATE … SET col = CASE id WHEN … END); the other
      // changes (department, manager, status, …) are usually shared by many rows, so rows with the
      // same change share one updateMany, which also stamps updatedAt for every updated row.
      const signOut: string[] = [];
      const now = new Date();
      const textRows: { id: string; values: Partial<Record<TextColumn, string | null>> }[] = [];
      const groups = new Map<string, { data: Prisma.PersonUncheckedUpdateManyInput; ids: string[] }>();
      for (const { row: { values: v }, existing, departmentId, planned } of updates) {
        const e = existing!;
        const changed = new Set(planned.changes);
        const text: Partial<Record<TextColumn, string | null>> = {};
        if (changed.has("name_zh")) text.nameZh = v.nameZh!;
        if (changed.has("name_en")) text.nameEn = v.nameEn!;
        if (changed.has("email")) text.email = v.email ?? null;
        if (changed.has("job_title")) text.jobTitle = v.jobTitle ?? null;
        if (changed.has("name_zh") || changed.has("name_en") || changed.has("email")) {
          text.searchText = buildSearchText({
            employeeNumber: e.employeeNumber,
            nameZh: v.nameZh ?? e.nameZh,
            nameEn: v.nameEn ?? e.nameEn,
            email: v.email === undefined ? e.email : v.email,
          });
        }
        if (Object.keys(text).length > 0) textRows.push({ id: e.id, values: text });

        const data: Prisma.PersonUncheckedUpdateManyInput = { updatedAt: now };
        if (changed.has("department_code")) data.departmentId = departmentId;
        if (changed.has("manager_employee_number")) data.managerId = managerIdOf(v.managerNumber);
        if (changed.has("kind")) data.kind = v.kind;
        if (changed.has("locale")) data.locale = v.locale;
        if (changed.has("status")) data.status = v.status;
        if (changed.has("hire_date")) data.hireDate = hireDate(v.hireDate);
        if (changed.has("is_manager")) data.isManager = v.isManager;
        const key = JSON.stringify(data);
        const group = groups.get(key) ?? { data, ids: [] };
        group.ids.push(e.id);
        groups.set(key, group);

        if (v.status === "INACTIVE" && e.status === "ACTIVE" && e.user) {
          // As on the person page: leaving the directory ends the account's access.
          if (e.user.status === "ACTIVE") await tx.user.update({ where: { id: e.user.id }, data: { status: "DISABLED" } });
          signOut.push(e.user.id);
        }
      }
      for (const batch of chunked(textRows, TEXT_CHUNK)) await updateText(tx, batch);
      for (const { data, ids } of groups.values()) {
        for (const batch of chunked(ids)) await tx.person.updateMany({ where: { id: { in: batch } }, data });
      }

      await appendAuditEvent(tx, {
        actor: { kind: "USER", userId: actorUserId },
        action: "directory.import",
        objectType: "Person",
        details: { rows: counts.rows, created: counts.create, updated: counts.update, unchanged: counts.unchanged, accountsDisabled: signOut.length },
      });
      return { ok: true as const, counts, signOut };
    },
    // A large file is thousands of statements: far beyond the default 5 s interactive limit.
    { timeout: 180_000, maxWait: 30_000 },
  );
  for (const userId of outcome.signOut) await invalidateUserSessions(userId);
  return outcome.ok ? { ok: true, counts: outcome.counts } : { ok: false, refused: outcome.refused };
}
