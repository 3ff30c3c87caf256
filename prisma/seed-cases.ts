// Demo cases for the seeded company: a handful of reports at every stage of the workflow, written
// through the app's own modules (submitReport, assignment, the workflow steps, messages,
// remediation), so the timeline, the audit log and the outbox hold exactly what the app writes.
// The receipt of one report is returned so the demo can show the reporter's follow-up.
import { randomBytes } from "node:crypto";
import { db } from "../app/modules/db/db.server";
import { loadCurrentUser, type CurrentUser } from "../app/modules/auth/session.server";
import { submitReport, type SubmitReportInput, type ReportChannel } from "../app/modules/hotline/reports.server";
import { formatReceipt } from "../app/modules/hotline/receipt";
import { assignHandler } from "../app/modules/cases/assignment.server";
import { postCaseMessage } from "../app/modules/cases/messages.server";
import { addRemediationAction, changeRemediationStatus } from "../app/modules/cases/remediation.server";
import {
  approveFindings,
  closeCase,
  recordFindings,
  saveInvestigation,
  saveTriage,
  startInvestigation,
} from "../app/modules/cases/workflow.server";
import { dateInZone } from "../app/modules/time/dates";
import { getSetting } from "../app/modules/settings/settings.server";

async function account(email: string): Promise<CurrentUser> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const current = await loadCurrentUser(user.id);
  if (!current) throw new Error(`demo account ${email} is not active`);
  return current;
}

async function file(input: Omit<SubmitReportInput, "submissionKey">, opts: { channel?: ReportChannel; intakeBy?: CurrentUser } = {}) {
  const result = await submitReport({
    input: { ...input, submissionKey: randomBytes(18).toString("base64url") },
    channel: opts.channel ?? "WEB",
    intakeByUserId: opts.intakeBy?.id ?? null,
  });
  if (result.kind !== "created") throw new Error("demo report was not created");
  return result;
}

export async function seedDemoCases(): Promise<{ cases: number; demoReceipt: string }> {
  const lead = await account("compliance1@demo.sunline.local");
  const investigator1 = await account("investigator1@demo.sunline.local");
  const investigator2 = await account("investigator2@demo.sunline.local");
  const timeZone = await getSetting("org.timeZone");
  const inDays = (days: number) => dateInZone(new Date(Date.now() + days * 86_400_000), timeZone);
  // The actions' owner: the head of Procurement.
  const owner = await db.person.findFirstOrThrow({
    where: { status: "ACTIVE", kind: "EMPLOYEE", isManager: true, department: { code: "PRO" } },
    select: { id: true },
    orderBy: { employeeNumber: "asc" },
  });

  // 1. New, anonymous, on the web: waiting for triage. Its receipt is the demo's follow-up example.
  const fresh = await file({
    category: "GIFTS",
    answers: {
      whatHappened: "采购部一位同事在供应商年会后收到一台新款手机，之后该供应商的报价未经比价即被接受。",
      when: "2026年10月下旬",
      where: "上海总部采购部",
      involved: "采购部负责包装材料的同事",
      howKnown: "亲眼看到手机包装盒，并听到相关谈话",
    },
  });
  await postCaseMessage({
    reportId: fresh.reportId,
    thread: "REPORTER",
    author: { kind: "REPORTER" },
    body: "补充：报价单的日期是11月3日，我可以提供截图。",
  });

  // 2. Taken by phone by an investigator, assigned and triaged.
  const phoned = await file(
    {
      category: "MISAPPROPRIATION",
      answers: { whatHappened: "A caller says fuel cards of the logistics team are used for private cars at weekends.", when: "Since September" },
    },
    { channel: "PHONE", intakeBy: investigator1 },
  );
  await assignHandler({ reportId: phoned.reportId, actorUserId: lead.id, userId: investigator1.id });
  await saveTriage({ actorUserId: investigator1.id, reportId: phoned.reportId, input: { severity: "3", category: "MISAPPROPRIATION" } });

  // 3. Under investigation, confidential reporter, a conversation with the reporter and an action.
  const invoices = await file({
    category: "FICTITIOUS_TRANSACTIONS",
    identityMode: "CONFIDENTIAL",
    identity: { name: "王女士", contact: "wang.reporter@example.com" },
    answers: {
      whatHappened: "华东区有三张服务发票对应的培训从未举办，款项付给了一家新注册的咨询公司。",
      when: "2026年第三季度",
      where: "华东销售区",
      othersAware: "财务部的一位同事也注意到了",
    },
  });
  await assignHandler({ reportId: invoices.reportId, actorUserId: lead.id, userId: investigator2.id });
  await saveTriage({ actorUserId: lead.id, reportId: invoices.reportId, input: { severity: "2", category: "FICTITIOUS_TRANSACTIONS" } });
  await startInvestigation({ actorUserId: investigator2.id, reportId: invoices.reportId, input: { plan: "调取三张发票的审批记录；核对培训签到表；查询咨询公司的工商登记。" } });
  await saveInvestigation({ actorUserId: investigator2.id, reportId: invoices.reportId, input: {
    plan: "调取三张发票的审批记录；核对培训签到表；查询咨询公司的工商登记。",
    evidence: "已取得审批记录，签到表缺失。",
  } });
  await postCaseMessage({
    reportId: invoices.reportId,
    thread: "REPORTER",
    author: { kind: "HANDLER", userId: investigator2.id },
    body: "感谢您的举报。请问您是否知道这些培训原定的日期？",
  });
  await postCaseMessage({ reportId: invoices.reportId, thread: "REPORTER", author: { kind: "REPORTER" }, body: "原定在8月和9月的第二个周五。" });
  await postCaseMessage({
    reportId: invoices.reportId,
    thread: "INTERNAL",
    author: { kind: "HANDLER", userId: investigator2.id },
    body: "与财务部约谈安排在下周二。",
  });
  await addRemediationAction({ reportId: invoices.reportId, actorUserId: investigator2.id, title: "服务类采购增加交付验收环节", ownerPersonId: owner.id, dueDate: inDays(45) });

  // 4. Urgent, most severe: the auditors see it too.
  const leak = await file({
    category: "CONFIDENTIAL_INFORMATION",
    answers: { whatHappened: "A product roadmap marked confidential was posted in an external chat group.", when: "Yesterday evening" },
  });
  await assignHandler({ reportId: leak.reportId, actorUserId: lead.id, userId: investigator1.id });
  await saveTriage({ actorUserId: lead.id, reportId: leak.reportId, input: { severity: "1", category: "CONFIDENTIAL_INFORMATION", urgent: "on" } });

  // 5. Closed: findings approved, lessons written, one action done.
  const closed = await file({
    category: "OUTSIDE_COMPETITION",
    identityMode: "NAMED",
    identity: { name: "Li Ming", contact: "li.ming@example.com" },
    answers: { whatHappened: "A warehouse supervisor's spouse owns the packaging supplier that won the last two tenders." },
  });
  await assignHandler({ reportId: closed.reportId, actorUserId: lead.id, userId: investigator1.id });
  await saveTriage({ actorUserId: investigator1.id, reportId: closed.reportId, input: { severity: "3", category: "OUTSIDE_COMPETITION" } });
  await startInvestigation({ actorUserId: investigator1.id, reportId: closed.reportId, input: { plan: "Check the declarations of interest and the tender files." } });
  await recordFindings({ actorUserId: investigator1.id, reportId: closed.reportId, input: {
    outcome: "PARTLY_SUBSTANTIATED",
    cause: "The relationship was not declared; the tenders themselves were scored correctly.",
    lossAmount: "0",
    responsible: "The warehouse supervisor",
    sanction: "Written warning; declaration of interest to be filed.",
  } });
  await approveFindings({ actorUserId: lead.id, reportId: closed.reportId });
  const actionId = await addRemediationAction({ reportId: closed.reportId, actorUserId: investigator1.id, title: "Annual declaration of interests for warehouse staff", ownerPersonId: owner.id, dueDate: inDays(-10), confirmPastDue: true });
  await changeRemediationStatus({ reportId: closed.reportId, actorUserId: investigator1.id, actionId, status: "DONE" });
  await postCaseMessage({
    reportId: closed.reportId,
    thread: "REPORTER",
    author: { kind: "HANDLER", userId: investigator1.id },
    body: "Thank you. The investigation is complete and measures have been taken.",
    countsAsFeedback: true,
  });
  await closeCase({ actorUserId: investigator1.id, reportId: closed.reportId, input: { lessons: "Declarations of interest must be renewed every year, not only at hiring." } });

  return { cases: 5, demoReceipt: formatReceipt(fresh.receipt) };
}
