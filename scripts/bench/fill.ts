// The benchmarks' organisation: a large company's directory (100,000 people in 100 departments by
// default) and its hotline history (20,000 cases, a third assigned, 5,000 remediation actions),
// written in bulk. The cases' sealed fields are placeholders: they fill the queue and its counts,
// and are never opened (a benchmark that reads a case files a real one). Used by `npm run bench`
// (module functions) and `npm run bench:http` (pages), so both measure the same data.
import { performance } from "node:perf_hooks";
import type { Db } from "../../app/modules/db/db.server";
import type { RoleKey } from "../../app/modules/auth/permissions";

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
const SURNAMES_EN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰"];
const GIVEN_EN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Yong", "Yan", "Jie"];
const STAGES = ["NEW", "TRIAGE", "INVESTIGATION", "FINDINGS", "CLOSED"] as const;
const CATEGORIES = ["GIFTS", "MISAPPROPRIATION", "FICTITIOUS_TRANSACTIONS", "OUTSIDE_COMPETITION", "CONFIDENTIAL_INFORMATION", "OTHER"] as const;
const DAY_MS = 86_400_000;

export const BENCH_DEPARTMENTS = 100;

export type BenchFill = { leadId: string; investigatorIds: string[] };

/** The employee number of the i-th person of the fill (B000000, B000001, …). */
export const benchEmployeeNumber = (i: number) => `B${String(i).padStart(6, "0")}`;

export async function fillOrganisation({ db, people, cases, log = console.log }: { db: Db; people: number; cases: number; log?: (line: string) => void }): Promise<BenchFill> {
  let t0 = performance.now();
  await db.department.createMany({
    data: Array.from({ length: BENCH_DEPARTMENTS }, (_, i) => ({ code: `B${i}`, nameZh: `部门${i}`, nameEn: `Department ${i}` })),
  });
  const departments = await db.department.findMany({ select: { id: true } });
  for (let start = 0; start < people; start += 2_000) {
    await db.person.createMany({
      data: Array.from({ length: Math.min(2_000, people - start) }, (_, k) => {
        const i = start + k;
        const nameZh = SURNAMES[i % 10] + GIVEN[Math.floor(i / 10) % 10] + GIVEN[Math.floor(i / 100) % 10];
        const nameEn = `${GIVEN_EN[Math.floor(i / 10) % 10]}${GIVEN_EN[Math.floor(i / 100) % 10].toLowerCase()} ${SURNAMES_EN[i % 10]}`;
        const employeeNumber = benchEmployeeNumber(i);
        const email = `${employeeNumber.toLowerCase()}@bench.example`;
        return {
          employeeNumber,
          nameZh,
          nameEn,
          email,
          departmentId: departments[i % BENCH_DEPARTMENTS].id,
          searchText: [employeeNumber, nameZh, nameEn, email].join(" ").toLowerCase(),
        };
      }),
    });
  }
  log(`filled ${people} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const roleIds = new Map((await db.role.findMany({ select: { id: true, key: true } })).map((r) => [r.key, r.id]));
  const benchUser = async (email: string, role: RoleKey) => (await db.user.create({ data: { email, roles: { create: { roleId: roleIds.get(role)! } } } })).id;
  const leadId = await benchUser("bench-lead@bench.example", "compliance_lead");
  const investigatorIds = await Promise.all(Array.from({ length: 20 }, (_, i) => benchUser(`bench-inv${i}@bench.example`, "investigator")));

  t0 = performance.now();
  const nowMs = Date.now();
  for (let start = 0; start < cases; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, cases - start) }, (_, k) => {
      const i = start + k;
      const receivedAt = new Date(nowMs - (i % 700) * DAY_MS);
      return {
        id: `bench-case-${i}`,
        reference: `B${String(i).padStart(7, "0")}`,
        receiptHash: "x",
        wrappedKey: "x",
        channel: "WEB" as const,
        category: CATEGORIES[i % CATEGORIES.length],
        status: STAGES[i % STAGES.length],
        severity: i % 6 === 0 ? null : (i % 5) + 1,
        urgent: i % 50 === 0,
        identityMode: "ANONYMOUS" as const,
        sealedAnswers: "x",
        submissionKey: `bench-submission-${i}`,
        receivedAt,
        acknowledgeDueAt: new Date(receivedAt.getTime() + 7 * DAY_MS),
        acknowledgedAt: i % 3 === 0 ? null : receivedAt,
        feedbackDueAt: new Date(receivedAt.getTime() + 90 * DAY_MS),
      };
    });
    await db.report.createMany({ data: batch });
    await db.caseAssignment.createMany({
      data: batch.filter((_, k) => k % 3 === 0).map((r, k) => ({ reportId: r.id, userId: investigatorIds[k % investigatorIds.length], assignedByUserId: leadId })),
    });
    await db.caseExclusion.createMany({ data: batch.filter((_, k) => k % 97 === 0).map((r) => ({ reportId: r.id, userId: leadId, reason: "REPORTER_EXCLUDED" as const })) });
  }
  const owners = await db.person.findMany({ select: { id: true }, take: 500 });
  await db.remediationAction.createMany({
    data: Array.from({ length: Math.min(5_000, cases) }, (_, i) => ({
      reportId: `bench-case-${(i * 4) % cases}`,
      title: `Action ${i}`,
      ownerPersonId: owners[i % owners.length].id,
      dueDate: new Date(nowMs + ((i % 400) - 200) * DAY_MS),
      status: (["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const)[i % 4],
      createdByUserId: leadId,
    })),
  });
  log(`filled ${cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { leadId, investigatorIds };
}
