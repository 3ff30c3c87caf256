// Closing tells the reporter: both ways of closing offer an outcome message, prefilled from the
// template in the organisation's default language (or the other one on request), sent sealed into
// the reporter's thread in the same transaction as the close — or not at all when the handler opts
// out; a refused close writes no message.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import type { CurrentUser } from "~/modules/auth/session.server";
import { submitReport } from "~/modules/hotline/reports.server";
import { listCaseMessages } from "~/modules/cases/messages.server";
import { reporterCaseKey } from "~/modules/cases/access.server";
import {
  approveFindings,
  closeCase,
  recordFindings,
  saveTriage,
  startInvestigation,
  WorkflowError,
  WorkflowValidationError,
} from "~/modules/cases/workflow.server";
import { loader, action } from "~/routes/cases.$id.workflow/route";
import { getMessages } from "~/i18n/messages";
import { callAction, callLoader, sessionCookieFor } from "../factories/requests";
import { assignDirectly, createCaseViewer, fileReport } from "../factories/cases";

const people = {} as Record<"lead" | "lead2" | "investigator", CurrentUser>;

beforeAll(async () => {
  people.lead = await createCaseViewer("compliance_lead");
  people.lead2 = await createCaseViewer("compliance_lead");
  people.investigator = await createCaseViewer("investigator");
});

async function caseWithApprovedFindings(approve = true): Promise<string> {
  const id = await fileReport({ answers: { whatHappened: "A car from a supplier" } });
  await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "3", category: "GIFTS" } });
  await assignDirectly(id, people.investigator.id, people.lead.id);
  await startInvestigation({ actorUserId: people.lead.id, reportId: id, input: { plan: "p" } });
  await recordFindings({ actorUserId: people.investigator.id, reportId: id, input: { outcome: "NOT_SUBSTANTIATED", cause: "No evidence", lossAmount: "", responsible: "", sanction: "" } });
  if (approve) await approveFindings({ actorUserId: people.lead2.id, reportId: id });
  return id;
}

async function reporterThread(id: string) {
  const key = (await reporterCaseKey(id))!;
  return (await listCaseMessages({ key, reportId: id, thread: "REPORTER" })).messages;
}

const rejection = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe("closing with an outcome message", () => {
  it("sends the edited message to the reporter, sealed, with the close; and counts it as their feedback", async () => {
    const id = await caseWithApprovedFindings();
    const text = `Thank you. We looked into it ${randomBytes(4).toString("hex")}.\nThe case is closed.`;
    await closeCase({ actorUserId: people.investigator.id, reportId: id, input: { lessons: "Register gifts", notifyReporter: "on", outcomeMessage: text } });
    const thread = await reporterThread(id);
    const last = thread[thread.length - 1];
    expect(last).toMatchObject({ authorKind: "HANDLER", authorUserId: people.investigator.id, body: text });
    // Sealed: the words are nowhere in the database in the clear.
    const rows = JSON.stringify(await db.caseMessage.findMany({ where: { reportId: id } }));
    expect(rows).not.toContain(text.split(".")[1]);
    const report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report.status).toBe("CLOSED");
    expect(report.feedbackGivenAt).toEqual(report.closedAt);
  });

  it("refuses an empty message when it is to be sent, and writes nothing when the close is refused", async () => {
    const id = await caseWithApprovedFindings();
    const before = (await reporterThread(id)).length;
    const invalid = await rejection(closeCase({ actorUserId: people.investigator.id, reportId: id, input: { lessons: "l", notifyReporter: "on", outcomeMessage: "  " } }));
    expect(invalid).toBeInstanceOf(WorkflowValidationError);
    expect((invalid as WorkflowValidationError).fieldErrors).toEqual({ outcomeMessage: "required" });

    const unapproved = await caseWithApprovedFindings(false);
    const refused = await rejection(closeCase({ actorUserId: people.investigator.id, reportId: unapproved, input: { lessons: "l", notifyReporter: "on", outcomeMessage: "Closed." } }));
    expect((refused as WorkflowError).code).toBe("notApproved");
    expect((await reporterThread(unapproved)).map((m) => m.authorKind)).toEqual(["SYSTEM"]);
    expect((await reporterThread(id)).length).toBe(before);
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("FINDINGS");
  });

  it("lets the handler opt out: the case closes and the reporter's thread is unchanged", async () => {
    const id = await caseWithApprovedFindings();
    await closeCase({ actorUserId: people.investigator.id, reportId: id, input: { lessons: "l", outcomeMessage: "not sent" } });
    expect((await reporterThread(id)).map((m) => m.authorKind)).toEqual(["SYSTEM"]);
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("CLOSED");
  });

  it("closing without investigation offers the same, through the workflow tab", async () => {
    const filed = await submitReport({ input: { category: "OTHER", answers: { whatHappened: "The canteen" }, submissionKey: randomBytes(12).toString("hex") } });
    const id = filed.reportId;
    await saveTriage({ actorUserId: people.lead.id, reportId: id, input: { severity: "5", category: "OTHER" } });
    const cookie = await sessionCookieFor(people.lead.id);
    const url = `/cases/${id}/workflow`;

    // Prefilled in the organisation's default language (Chinese), or English on request.
    const page = await callLoader(loader, url, { cookie, params: { id } });
    const data = (await page.json()) as { outcome: { language: string; closeNoInvestigation: string } };
    expect(data.outcome).toMatchObject({ language: "zh-CN", closeNoInvestigation: getMessages("zh-CN").workflow.outcomeMessage.templates.noInvestigation });
    const english = await callLoader(loader, `${url}?outcomeLanguage=en`, { cookie, params: { id } });
    expect(((await english.json()) as typeof data).outcome.closeNoInvestigation).toBe(getMessages("en").workflow.outcomeMessage.templates.noInvestigation);

    // A missing message comes back with what was typed.
    const bad = await callAction(action, url, { intent: "closeNoInvestigation", reason: "Not a breach", notifyReporter: "on", outcomeMessage: "" }, { cookie, params: { id } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fieldErrors: { outcomeMessage: "required" }, values: { reason: "Not a breach", notifyReporter: "on" } });

    const text = `${getMessages("en").workflow.outcomeMessage.templates.noInvestigation} ${randomBytes(3).toString("hex")}`;
    const ok = await callAction(action, url, { intent: "closeNoInvestigation", reason: "Not a breach", notifyReporter: "on", outcomeMessage: text }, { cookie, params: { id } });
    expect(ok.status).toBe(302);
    const thread = await reporterThread(id);
    expect(thread.map((m) => [m.authorKind, m.body])).toEqual([
      ["SYSTEM", ""],
      ["HANDLER", text],
    ]);
  });
});
