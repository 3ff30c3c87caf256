// Duplicate cases (a reporter who went back and sent the report again): the links of one case,
// shown in its header. Marking a duplicate is a workflow step (workflow.server.ts#markDuplicate).
// A linked case the viewer may not see is left out, as it is everywhere else (ADR 0011).
import { db } from "../db/db.server";
import { formatReference } from "../hotline/receipt";
import { visibleCasesWhere, type CaseViewer } from "./access.server";

/** At most this many duplicates are named in a header; the rest are counted. */
export const DUPLICATES_SHOWN = 20;

export type CaseLink = { id: string; reference: string };
export type CaseDuplicates = { duplicateOf: CaseLink | null; duplicates: CaseLink[]; moreDuplicates: number };

/** Three queries whatever the number of links: this case's original, its duplicates, their references. */
export async function caseDuplicates({ viewer, reportId }: { viewer: CaseViewer; reportId: string }): Promise<CaseDuplicates> {
  const [of, rows, total] = await Promise.all([
    db.caseDuplicate.findUnique({ where: { duplicateId: reportId }, select: { originalId: true } }),
    db.caseDuplicate.findMany({ where: { originalId: reportId }, orderBy: [{ createdAt: "asc" }, { duplicateId: "asc" }], take: DUPLICATES_SHOWN, select: { duplicateId: true } }),
    db.caseDuplicate.count({ where: { originalId: reportId } }),
  ]);
  const ids = [...(of ? [of.originalId] : []), ...rows.map((r) => r.duplicateId)];
  const visible = visibleCasesWhere(viewer);
  if (ids.length === 0 || !visible) return { duplicateOf: null, duplicates: [], moreDuplicates: 0 };
  const reports = await db.report.findMany({ where: { AND: [{ id: { in: ids } }, visible] }, select: { id: true, reference: true } });
  const link = (id: string): CaseLink | null => {
    const r = reports.find((x) => x.id === id);
    return r ? { id: r.id, reference: formatReference(r.reference) } : null;
  };
  const duplicates = rows.map((r) => link(r.duplicateId)).filter((l): l is CaseLink => l !== null);
  return { duplicateOf: of ? link(of.originalId) : null, duplicates, moreDuplicates: Math.max(0, total - rows.length) };
}
