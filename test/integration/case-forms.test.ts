// Forms that must not lose or double what was typed (ADR 0018), through the routes as Remix calls
// them:
// - a staff member whose session ended while typing a case message, an internal note, a workflow
//   text or a remediation note is sent (307, the same body) to /signed-out, signs in again (with
//   the second factor) and gets the text back in its box — nothing saved meanwhile, nothing stored;
// - a reporter whose follow-up session ended gets the receipt form with the reply carried in it,
//   and, on the receipt, the reply back in its box (not sent), with no cookie before the receipt;
// - every form that creates something carries a one-time key: the same form posted twice (a double
//   click, a resend, two racing requests) creates one row and answers both posts alike.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { currentCode } from "~/modules/auth/totp.server";
import { clearThrottle } from "~/modules/auth/throttle.server";
import { siteThrottleKey } from "~/modules/hotline/follow-up.server";
import { formatReceipt } from "~/modules/hotline/receipt";
import { action as messagesAction, loader as messagesLoader } from "~/routes/cases.$id.messages/route";
import { action as workflowAction } from "~/routes/cases.$id.workflow/route";
import { action as remediationAction, loader as remediationLoader } from "~/routes/cases.$id.remediation/route";
import { action as signedOutAction, headers as signedOutHeaders } from "~/routes/signed-out/route";
import { loader as caseLoader } from "~/routes/cases.$id/route";
import { action as intakeAction, loader as intakeLoader } from "~/routes/cases.new/route";
import { formatReference } from "~/modules/hotline/receipt";
import { forgetSpentFormKeys } from "~/modules/http/form-key.server";
import { action as followUpAction, loader as followUpLoader } from "~/routes/report.follow-up/route";
import { createPerson, TEST_PASSWORD } from "../factories/people";
import { assignDirectly, createHandler, fileReportWithReceipt, type TestHandler } from "../factories/cases";
import { openFollowUp } from "../factories/hotline";
import { callAction, callLoader } from "../factories/requests";

type Staff = TestHandler;

const fileCase = (whatHappened = "Case forms test.") => fileReportWithReceipt({ answers: { whatHappened } });

/** The session ended (idle or absolute time-out): its row is gone, the browser still sends the cookie. */
async function expireSessions(userId: string) {
  await db.session.deleteMany({ where: { userId } });
}

/** The browser's part of a 307: the same body, posted to the Location. */
async function followToSignedOut(res: Response, fields: Record<string, string | Blob>, cookie: string) {
  expect(res.status).toBe(307);
  const location = res.headers.get("Location")!;
  expect(location).toMatch(/^\/signed-out\?to=/);
  return { location, res: await callAction(signedOutAction, location, fields, { cookie }) };
}

type Rescue = { step: string; to: string; carried: { fields: [string, string][]; hadFiles: boolean } };

/** Signs in again on /signed-out (password, then the code); returns the new cookie and what is carried. */
async function signInAgain(location: string, staff: Staff, carried: Rescue["carried"]) {
  const carry = JSON.stringify(carried);
  const password = await callAction(signedOutAction, location, { _rescue: "signIn", _carried: carry, email: staff.email, password: TEST_PASSWORD });
  expect(password.status).toBe(200);
  expect(((await password.json()) as Rescue).step).toBe("code");
  const cookie = password.headers.get("Set-Cookie")!.split(";")[0];
  const code = await callAction(signedOutAction, location, { _rescue: "code", _carried: carry, code: currentCode(staff.totpSecret!) }, { cookie });
  expect(code.status).toBe(200);
  const done = (await code.json()) as Rescue;
  expect(done.step).toBe("continue");
  return { cookie, done };
}

let staff: Staff;

beforeAll(async () => {
  await clearThrottle(siteThrottleKey());
  staff = await createHandler("compliance_lead", { locale: "en" });
});

describe("a staff post after the session ended", () => {
  it("keeps an internal note across signing in again (with the second factor) and gives it back unsent", async () => {
    const { reportId } = await fileCase();
    const staff = await createHandler("compliance_lead", { locale: "en" });
    const path = `/cases/${reportId}/messages`;
    const loaded = (await (await callLoader(messagesLoader, path, { cookie: staff.cookie, params: { id: reportId } })).json()) as {
      threads: { name: string; formKey: string }[];
    };
    const formKey = loaded.threads.find((t) => t.name === "INTERNAL")!.formKey;
    const note = "第一段：证人说……\n第二段：需要核实发票。";
    const stale = staff.cookie;
    await expireSessions(staff.id);
    const fields = { thread: "INTERNAL", body: note, formKey };

    const first = await callAction(messagesAction, path, fields, { cookie: stale, params: { id: reportId } });
    const { location, res } = await followToSignedOut(first, fields, stale);
    expect(decodeURIComponent(location.split("to=")[1])).toBe(path);
    expect(res.status).toBe(200);
    const rescue = (await res.json()) as Rescue;
    expect(rescue).toMatchObject({ step: "signIn", to: path });
    // The page holds the text: nothing caches it.
    expect(new Headers(signedOutHeaders({} as never)).get("Cache-Control")).toBe("no-store");
    expect(rescue.carried.fields).toEqual(expect.arrayContaining([["body", note], ["thread", "INTERNAL"], ["formKey", formKey]]));
    // Nothing was saved, and nothing was stored to carry it: it travels in the page only.
    expect(await db.caseMessage.count({ where: { reportId, thread: "INTERNAL" } })).toBe(0);

    const { cookie, done } = await signInAgain(location, staff, rescue.carried);
    expect(await db.caseMessage.count({ where: { reportId, thread: "INTERNAL" } })).toBe(0);

    // "Back to my text": the carried fields, posted to the original page with _restore.
    const back = await callAction(messagesAction, done.to, { ...Object.fromEntries(done.carried.fields), _restore: "1" }, { cookie, params: { id: reportId } });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ thread: "INTERNAL", restored: true, values: { body: note, formKey } });
    expect(await db.caseMessage.count({ where: { reportId, thread: "INTERNAL" } })).toBe(0);

    // Sent from the restored box (same key), it posts once.
    const sent = await callAction(messagesAction, path, fields, { cookie, params: { id: reportId } });
    expect(sent.status).toBe(302);
    expect(await db.caseMessage.count({ where: { reportId, thread: "INTERNAL" } })).toBe(1);
  });

  it("keeps a report taken by phone across signing in again, and files it once when sent", async () => {
    const other = await createHandler("compliance_lead", { locale: "en" });
    const loaded = (await (await callLoader(intakeLoader, "/cases/new", { cookie: other.cookie })).json()) as {
      submissionKey: string;
    };
    const whatHappened = "来电人说：采购经理收了供应商的购物卡。\n时间：上周五。";
    const fields = { channel: "PHONE", category: "GIFTS", whatHappened, identityMode: "ANONYMOUS", submissionKey: loaded.submissionKey };
    const stale = other.cookie;
    await expireSessions(other.id);
    const before = await db.report.count();

    const { location, res } = await followToSignedOut(await callAction(intakeAction, "/cases/new", fields, { cookie: stale }), fields, stale);
    expect(decodeURIComponent(location.split("to=")[1])).toBe("/cases/new");
    const rescue = (await res.json()) as Rescue;
    expect(rescue.carried.fields).toEqual(expect.arrayContaining([["whatHappened", whatHappened], ["channel", "PHONE"]]));
    expect(await db.report.count()).toBe(before);

    const { cookie, done } = await signInAgain(location, other, rescue.carried);
    const back = await callAction(intakeAction, done.to, { ...Object.fromEntries(done.carried.fields), _restore: "1" }, { cookie });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({
      state: "error",
      restored: true,
      fieldErrors: {},
      values: { channel: "PHONE", category: "GIFTS", answers: { whatHappened }, submissionKey: loaded.submissionKey },
    });
    expect(await db.report.count()).toBe(before);

    // Sent from the restored form (same submission key): one case.
    const sent = await callAction(intakeAction, "/cases/new", fields, { cookie });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ state: "created" });
    expect(await db.report.count()).toBe(before + 1);
  });

  it("does the same for a workflow text and a remediation note, and notes attached files to choose again", async () => {
    const { reportId } = await fileCase();
    const other = await createHandler("compliance_lead", { locale: "en" });
    const stale = other.cookie;
    await expireSessions(other.id);

    const reason = "Not a matter for the ethics office:\nforwarded to HR.";
    const wfFields = { intent: "closeNoInvestigation", reason };
    const wf = await followToSignedOut(await callAction(workflowAction, `/cases/${reportId}/workflow`, wfFields, { cookie: stale, params: { id: reportId } }), wfFields, stale);
    const wfRescue = (await wf.res.json()) as Rescue;
    expect(wfRescue.carried.fields).toEqual(expect.arrayContaining([["reason", reason], ["intent", "closeNoInvestigation"]]));
    const { cookie, done } = await signInAgain(wf.location, other, wfRescue.carried);
    const back = await callAction(workflowAction, done.to, { ...Object.fromEntries(done.carried.fields), _restore: "1" }, { cookie, params: { id: reportId } });
    expect(await back.json()).toMatchObject({ intent: "closeNoInvestigation", restored: true, values: { reason } });
    expect((await db.report.findUniqueOrThrow({ where: { id: reportId } })).status).toBe("NEW");

    const owner = await createPerson();
    const actionId = await db.remediationAction
      .create({ data: { reportId, title: "Train the buyers", ownerPersonId: owner.id, dueDate: new Date(Date.now() + 86_400_000), createdByUserId: other.id } })
      .then((a) => a.id);
    await expireSessions(other.id);
    const noteFields = { intent: "note", actionId, body: "Half the buyers trained.", attachments: new File([Buffer.from("x")], "proof.txt") };
    const rem = await followToSignedOut(await callAction(remediationAction, `/cases/${reportId}/remediation`, noteFields, { cookie, params: { id: reportId } }), noteFields, cookie);
    const remRescue = (await rem.res.json()) as Rescue;
    expect(remRescue.carried.hadFiles).toBe(true);
    expect(remRescue.carried.fields).toEqual(expect.arrayContaining([["body", "Half the buyers trained."], ["actionId", actionId]]));
    expect(await db.remediationNote.count({ where: { actionId } })).toBe(0);
  });

  it("sends a signed-out GET to the ordinary sign-in, and refuses a way back off the site", async () => {
    const { reportId } = await fileCase();
    const fields = { thread: "INTERNAL", body: "x" };
    const res = await callAction(signedOutAction, `/signed-out?to=${encodeURIComponent("//evil.example/x")}`, fields);
    expect(((await res.json()) as Rescue).to).toBe("/");
    void reportId;
  });
});

const FOLLOW_UP = "/report/follow-up";

async function reporterPost(fields: Record<string, string | Blob>, cookie?: string) {
  return callAction(followUpAction, FOLLOW_UP, fields, { cookie });
}

type FollowUpData = { state: string; formKey?: string; ends?: { time: string; idleMinutes: number; inMs: number }; carried?: { body: string; formKey: string } };

describe("a reporter's reply after the session ended", () => {
  it("comes back with the receipt form carrying the reply, and after the receipt it is back in its box, unsent", async () => {
    const { reportId, receipt } = await fileCase("Follow-up form test.");
    const cookie = await openFollowUp(receipt);
    const page = (await (await callLoader(followUpLoader, FOLLOW_UP, { cookie })).json()) as FollowUpData;
    expect(page.state).toBe("open");
    // The page says when the session ends (15 idle minutes by default).
    expect(page.ends).toMatchObject({ idleMinutes: 15, time: expect.stringMatching(/^\d\d:\d\d$/) });
    expect(page.ends!.inMs).toBeGreaterThan(14 * 60_000);

    await db.reporterSession.updateMany({ where: { reportId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const reply = "我想补充：那天下午三点，\n还有一位同事在场。";
    const late = await reporterPost({ intent: "reply", body: reply, formKey: page.formKey! }, cookie);
    expect(late.status).toBe(401);
    expect(late.headers.get("Set-Cookie")).toMatch(/^sunline_report=; .*Max-Age=0/);
    const carried = (await late.json()) as FollowUpData;
    expect(carried).toMatchObject({ state: "sessionEnded", carried: { body: reply, formKey: page.formKey } });
    expect(await db.caseMessage.count({ where: { reportId, authorKind: "REPORTER" } })).toBe(0);

    // The receipt form posts the carried reply back (no cookie yet: the receipt comes first).
    const carry = { carried: "1", carriedBody: reply, carriedFormKey: page.formKey!, carriedFiles: "0" };
    const wrong = await reporterPost({ intent: "open", receipt: "2222-2222-2222-2222-2222-2222", ...carry });
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
    expect(await wrong.json()).toMatchObject({ state: "receiptError", carried: { body: reply } });

    const again = await reporterPost({ intent: "open", receipt: formatReceipt(receipt), ...carry });
    expect(again.status).toBe(200);
    expect(again.headers.get("Set-Cookie")).toMatch(/^sunline_report=/);
    const restored = (await again.json()) as FollowUpData & { view: { reference: string } };
    expect(restored).toMatchObject({ state: "restored", carried: { body: reply, formKey: page.formKey } });
    expect(await db.caseMessage.count({ where: { reportId, authorKind: "REPORTER" } })).toBe(0);

    const newCookie = again.headers.get("Set-Cookie")!.split(";")[0];
    const sent = await reporterPost({ intent: "reply", body: reply, formKey: page.formKey! }, newCookie);
    expect(sent.status).toBe(303);
    expect(await db.caseMessage.count({ where: { reportId, authorKind: "REPORTER" } })).toBe(1);
  });

  it("moves the end of the session on when the reporter chooses to stay", async () => {
    const { reportId, receipt } = await fileCase("Follow-up form test.");
    const cookie = await openFollowUp(receipt);
    await db.reporterSession.updateMany({ where: { reportId }, data: { expiresAt: new Date(Date.now() + 90_000) } });
    const stay = await reporterPost({ intent: "stay" }, cookie);
    expect(await stay.json()).toEqual({ state: "stayed" });
    const row = await db.reporterSession.findFirstOrThrow({ where: { reportId } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });
});

describe("one-time form keys", () => {
  it("posts a case message once however often the same form is sent, and answers every repeat alike", async () => {
    const { reportId } = await fileCase();
    const path = `/cases/${reportId}/messages`;
    const load = async () =>
      ((await (await callLoader(messagesLoader, path, { cookie: staff.cookie, params: { id: reportId } })).json()) as {
        threads: { name: string; formKey: string }[];
      }).threads;
    const [reporterThread, internal] = await load();
    expect(reporterThread.formKey).not.toBe(internal.formKey);
    const fields = { thread: "REPORTER", body: "Thank you, we are looking into it.", formKey: reporterThread.formKey };

    // A double click without JavaScript: two posts of the same form, at the same time.
    const [a, b] = await Promise.all([callAction(messagesAction, path, fields, { cookie: staff.cookie, params: { id: reportId } }), callAction(messagesAction, path, fields, { cookie: staff.cookie, params: { id: reportId } })]);
    const c = await callAction(messagesAction, path, fields, { cookie: staff.cookie, params: { id: reportId } });
    for (const res of [a, b, c]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/cases/${reportId}/messages?posted=REPORTER#thread-reporter`);
    }
    expect(await db.caseMessage.count({ where: { reportId, thread: "REPORTER", authorKind: "HANDLER" } })).toBe(1);
    expect(await db.caseEvent.count({ where: { reportId, type: "message.posted" } })).toBe(1);

    // The page after the redirect brings new keys: an empty box posts anew.
    const [fresh] = await load();
    expect(fresh.formKey).not.toBe(reporterThread.formKey);
    await callAction(messagesAction, path, { ...fields, formKey: fresh.formKey }, { cookie: staff.cookie, params: { id: reportId } });
    expect(await db.caseMessage.count({ where: { reportId, thread: "REPORTER", authorKind: "HANDLER" } })).toBe(2);

    // A key is answered only where it was spent; a malformed key is a 400, never a 5xx.
    const elsewhere = await callAction(messagesAction, path, { ...fields, thread: "INTERNAL" }, { cookie: staff.cookie, params: { id: reportId } });
    expect(elsewhere.status).toBe(409);
    const bad = await callAction(messagesAction, path, { ...fields, formKey: "<script>" }, { cookie: staff.cookie, params: { id: reportId } });
    expect(bad.status).toBe(400);
  });

  it("adds a remediation action and a note once per form", async () => {
    const { reportId } = await fileCase();
    const owner = await createPerson();
    const path = `/cases/${reportId}/remediation`;
    const load = async () =>
      (await (await callLoader(remediationLoader, path, { cookie: staff.cookie, params: { id: reportId } })).json()) as {
        formKeys: { add: string; notes: Record<string, string> };
        actions: { id: string }[];
      };
    const first = await load();
    const add = { intent: "add", title: "Retrain the buying team", ownerPersonId: owner.id, dueDate: "2030-01-31", formKey: first.formKeys.add };
    const [x, y] = await Promise.all([callAction(remediationAction, path, add, { cookie: staff.cookie, params: { id: reportId } }), callAction(remediationAction, path, add, { cookie: staff.cookie, params: { id: reportId } })]);
    expect(x.headers.get("Location")).toBe(y.headers.get("Location"));
    expect(await db.remediationAction.count({ where: { reportId } })).toBe(1);

    const second = await load();
    const actionId = second.actions[0].id;
    const note = { intent: "note", actionId, body: "Sessions booked.", formKey: second.formKeys.notes[actionId] };
    await callAction(remediationAction, path, note, { cookie: staff.cookie, params: { id: reportId } });
    await callAction(remediationAction, path, note, { cookie: staff.cookie, params: { id: reportId } });
    expect(await db.remediationNote.count({ where: { actionId } })).toBe(1);
  });

  it("forgets spent keys after a month, not before", async () => {
    const now = new Date();
    await db.formSubmission.createMany({
      data: [
        { key: "k".repeat(20) + "old", scope: "test", resultId: "x", createdAt: new Date(now.getTime() - 31 * 86_400_000) },
        { key: "k".repeat(20) + "new", scope: "test", resultId: "y", createdAt: new Date(now.getTime() - 29 * 86_400_000) },
      ],
    });
    await forgetSpentFormKeys({ now });
    expect((await db.formSubmission.findMany({ where: { scope: "test" }, select: { resultId: true } })).map((r) => r.resultId)).toEqual(["y"]);
  });

  it("posts the reporter's reply once per form", async () => {
    const { reportId, receipt } = await fileCase("Follow-up form test.");
    const cookie = await openFollowUp(receipt);
    const page = (await (await callLoader(followUpLoader, FOLLOW_UP, { cookie })).json()) as FollowUpData;
    const fields = { intent: "reply", body: "One more detail.", formKey: page.formKey! };
    const [a, b] = await Promise.all([reporterPost(fields, cookie), reporterPost(fields, cookie)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await db.caseMessage.count({ where: { reportId, authorKind: "REPORTER" } })).toBe(1);
  });
});

describe("marking a duplicate", () => {
  async function reference(reportId: string) {
    return formatReference((await db.report.findUniqueOrThrow({ where: { id: reportId } })).reference);
  }
  async function header(reportId: string, cookie: string) {
    const res = await callLoader(caseLoader, `/cases/${reportId}`, { cookie, params: { id: reportId } });
    return ((await res.json()) as { duplicates: { duplicateOf: { id: string } | null; duplicates: { id: string; reference: string }[] } }).duplicates;
  }
  const mark = (reportId: string, fields: Record<string, string>, cookie: string) =>
    callAction(workflowAction, `/cases/${reportId}/workflow`, { intent: "markDuplicate", ...fields }, { cookie, params: { id: reportId } });

  it("closes the duplicate with its reason through the workflow, links both cases and writes both timelines and the audit log", async () => {
    const original = await fileCase("The first report.");
    const again = await fileCase("The same report, sent again.");
    const res = await mark(again.reportId, { original: (await reference(original.reportId)).toLowerCase(), reason: "Sent twice by the reporter." }, staff.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${again.reportId}/workflow?done=markDuplicate`);

    const closed = await db.report.findUniqueOrThrow({ where: { id: again.reportId } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).not.toBeNull();
    expect(await header(again.reportId, staff.cookie)).toMatchObject({ duplicateOf: { id: original.reportId }, duplicates: [] });
    expect(await header(original.reportId, staff.cookie)).toMatchObject({ duplicateOf: null, duplicates: [{ id: again.reportId, reference: await reference(again.reportId) }] });
    const events = await db.caseEvent.findMany({ where: { reportId: { in: [original.reportId, again.reportId] } }, select: { reportId: true, type: true, details: true } });
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reportId: again.reportId, type: "case.closed", details: expect.stringContaining('"route":"duplicate"') }),
        expect.objectContaining({ reportId: again.reportId, type: "duplicate.marked" }),
        expect.objectContaining({ reportId: original.reportId, type: "duplicate.linked" }),
      ]),
    );
    expect(await db.auditEvent.count({ where: { objectId: again.reportId, action: "case.duplicate.marked" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { objectId: original.reportId, action: "case.duplicate.linked" } })).toBe(1);

    // Marked once: the closed case offers it no more, and a second post is refused.
    expect((await mark(again.reportId, { original: await reference(original.reportId), reason: "again" }, staff.cookie)).status).toBe(409);
  });

  it("needs a lead who sees both cases, a real reference and no chain, and saves nothing otherwise", async () => {
    const hidden = await fileCase("A case this lead is excluded from.");
    const other = await createHandler("compliance_lead", { locale: "en" });
    await db.caseExclusion.create({ data: { reportId: hidden.reportId, userId: other.id, reason: "REPORTER_EXCLUDED" } });
    const dup = await fileCase("A case to mark.");
    const notSeen = await mark(dup.reportId, { original: await reference(hidden.reportId), reason: "x" }, other.cookie);
    expect(notSeen.status).toBe(400);
    expect(await notSeen.json()).toMatchObject({ fieldErrors: { original: "duplicateNotFound" } });
    expect(await mark(dup.reportId, { original: "not-a-ref", reason: "x" }, other.cookie).then((r) => r.json())).toMatchObject({ fieldErrors: { original: "duplicateReference" } });
    expect(await mark(dup.reportId, { original: await reference(dup.reportId), reason: "x" }, other.cookie).then((r) => r.json())).toMatchObject({ fieldErrors: { original: "duplicateSelf" } });
    expect(await mark(dup.reportId, { original: "", reason: "" }, other.cookie).then((r) => r.json())).toMatchObject({ fieldErrors: { original: "required", reason: "required" } });

    const first = await fileCase("First.");
    const second = await fileCase("Second.");
    await mark(second.reportId, { original: await reference(first.reportId), reason: "twice" }, other.cookie);
    expect(await mark(dup.reportId, { original: await reference(second.reportId), reason: "x" }, other.cookie).then((r) => r.json())).toMatchObject({ fieldErrors: { original: "duplicateChain" } });

    const investigator = await createHandler("investigator");
    await assignDirectly(dup.reportId, investigator.id);
    const original = await fileCase("The original.");
    const refused = await mark(dup.reportId, { original: await reference(original.reportId), reason: "x" }, investigator.cookie);
    expect(refused.status).toBe(403);
    expect((await db.report.findUniqueOrThrow({ where: { id: dup.reportId } })).status).toBe("NEW");
    expect(await db.caseDuplicate.count({ where: { duplicateId: dup.reportId } })).toBe(0);
  });
});
