// The reporter's follow-up page, through the route as Remix calls it: the receipt
// form sets no cookie; a wrong and an unknown receipt get identical answers; a correct one sets the
// session cookie (scoped to /report, HttpOnly, SameSite=Strict, ending with the browser) and shows
// the case — status, answers, the acknowledgement, the ethics office's reply (never a name) — and the
// reporter replies with a file that the handlers' side reads. Files download only from the reporter's
// own case and thread; a failed reply keeps the text; idle time and "Leave" end the session.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { postCaseMessage, listCaseMessages } from "~/modules/cases/messages.server";
import { clearThrottle } from "~/modules/auth/throttle.server";
import { siteThrottleKey } from "~/modules/hotline/follow-up.server";
import { prepareAttachment } from "~/modules/hotline/attachments.server";
import { formatReceipt } from "~/modules/hotline/receipt";
import { action, loader } from "~/routes/report.follow-up/route";
import { loader as fileLoader } from "~/routes/report.follow-up.files.$fileId/route";
import { createHandler, fileReportWithReceipt, openCaseAs, textAttachment, type TestHandler } from "../factories/cases";
import { openFollowUp, unknownReceipt, wrongSecretFor } from "../factories/hotline";
import { callAction, callLoader } from "../factories/requests";

const PATH = "/report/follow-up";

type View = {
  reference: string;
  status: string;
  purged: boolean;
  answers: Record<string, string> | null;
  reportFiles: { id: string; name: string | null }[];
  messages: { id: string; from: string; body: string; template: string | null; files: { id: string; name: string | null }[] }[];
};
type Loaded = { state: "receipt"; notice: string | null } | { state: "open"; view: View; sent: boolean };

async function fileCase(whatHappened: string, fileText?: string) {
  const attachments = fileText ? [await textAttachment(fileText, "证据 \"notes\".txt")] : [];
  return fileReportWithReceipt({ answers: { whatHappened, where: "上海\n二楼" } }, { attachments });
}

async function load(cookie?: string, query = "") {
  const res = (await callLoader(loader, PATH + query, { cookie })) as Response;
  return { res, data: (await res.json()) as Loaded };
}

async function openView(cookie: string, query = ""): Promise<View> {
  const { data } = await load(cookie, query);
  if (data.state !== "open") throw new Error(`expected the case, got ${JSON.stringify(data)}`);
  return data.view;
}

async function post(fields: Record<string, string | string[] | Blob>, cookie?: string) {
  return (await callAction(action, PATH, fields, { cookie })) as Response;
}

async function download(fileId: string, cookie?: string) {
  return callLoader(fileLoader, `${PATH}/files/${fileId}`, { cookie, params: { fileId } });
}

let handler: TestHandler & { names: string[] };

beforeAll(async () => {
  await clearThrottle(siteThrottleKey());
  const lead = await createHandler("compliance_lead");
  handler = { ...lead, names: [lead.nameZh, lead.nameEn] };
});

describe("/report/follow-up", () => {
  it("asks for the receipt and sets no cookie", async () => {
    const { res, data } = await load();
    expect(res.status).toBe(200);
    expect(data).toMatchObject({ state: "receipt", notice: null });
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers a wrong secret and an unknown reference identically, without a cookie", async () => {
    const { receipt } = await fileCase("wrong-vs-unknown");
    const wrong = await post({ intent: "open", receipt: wrongSecretFor(receipt) });
    const unknown = await post({ intent: "open", receipt: await unknownReceipt() });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());
    for (const res of [wrong, unknown]) {
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect(res.headers.get("Location")).toBeNull();
    }
  });

  it("sets the session cookie only after a correct receipt: /report only, HttpOnly, SameSite=Strict, no lifetime, nothing identifying", async () => {
    const { reportId, receipt } = await fileCase("cookie attributes");
    const res = await post({ intent: "open", receipt: formatReceipt(receipt).toLowerCase() });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(PATH);
    const setCookie = res.headers.get("Set-Cookie")!;
    const [pair, ...attributes] = setCookie.split(";").map((s) => s.trim());
    expect(pair).toMatch(/^sunline_report=[A-Za-z0-9_-]{40,}$/);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/report", "HttpOnly", "SameSite=Strict"]));
    expect(setCookie).not.toMatch(/max-age|expires/i);
    // APP_URL is http in tests; on https the cookie is also Secure.
    expect(setCookie).not.toMatch(/secure/i);
    for (const secret of [reportId, receipt.reference, receipt.secret]) expect(setCookie).not.toContain(secret);
    // The row holds a hash of the token, not the token.
    const token = pair.split("=")[1];
    expect(await db.reporterSession.count({ where: { id: token } })).toBe(0);
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(1);
  });

  it("shows the case, the acknowledgement and the office's reply; the reporter replies with a file the handlers read", async () => {
    const { reportId, receipt } = await fileCase("采购经理收受礼金 🎁 <script>alert(1)</script>", "证据文件内容");
    const cookie = await openFollowUp(receipt);

    let view = await openView(cookie);
    expect(view.reference).toBe(`${receipt.reference.slice(0, 4)}-${receipt.reference.slice(4)}`);
    expect(view.status).toBe("RECEIVED");
    expect(view.answers).toMatchObject({ whatHappened: "采购经理收受礼金 🎁 <script>alert(1)</script>", where: "上海\n二楼" });
    expect(view.reportFiles).toEqual([expect.objectContaining({ name: "证据 \"notes\".txt" })]);
    expect(view.messages).toEqual([expect.objectContaining({ from: "SYSTEM", template: "acknowledgement", body: "" })]);

    await postCaseMessage({ reportId, thread: "REPORTER", author: { kind: "HANDLER", userId: handler.id }, body: "请问您是何时看到的？" });
    const { data, res } = await load(cookie);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    if (data.state !== "open") throw new Error("expected the case");
    view = data.view;
    expect(view.messages.map((m) => [m.from, m.body])).toEqual([
      ["SYSTEM", ""],
      ["OFFICE", "请问您是何时看到的？"],
    ]);
    // The office is never a person: no handler's id, email or name reaches the reporter.
    const raw = JSON.stringify(data);
    for (const trace of [handler.id, handler.email, ...handler.names]) expect(raw).not.toContain(trace);

    const evidence = new Blob(["上周三下午三点，在会议室。\n"], { type: "text/plain" });
    const reply = await post({ intent: "reply", body: "上周三。\r\n附上记录。", attachments: new File([evidence], "记录.txt", { type: "text/plain" }) }, cookie);
    expect(reply.status).toBe(303);
    expect(reply.headers.get("Location")).toBe(`${PATH}?sent=1`);
    const after = await load(cookie, "?sent=1");
    expect(after.data).toMatchObject({ state: "open", sent: true });

    // The handlers' side of the same thread.
    const { messages } = await listCaseMessages({ key: (await openCaseAs(handler, reportId, "messages")).key!, reportId, thread: "REPORTER" });
    const last = messages.at(-1)!;
    expect(last).toMatchObject({ authorKind: "REPORTER", authorUserId: null, body: "上周三。\n附上记录。" });
    expect(last.attachments).toEqual([expect.objectContaining({ name: "记录.txt", uploadedBy: "REPORTER" })]);
    // …and the handlers were told, without content.
    const mail = await db.outboxEmail.findFirst({ where: { toAddress: handler.email, template: "caseReporterReplied" }, orderBy: { createdAt: "desc" } });
    expect(mail?.textBody ?? "").not.toContain("上周三");

    // The reporter downloads their file back, byte for byte, as an attachment.
    const fileId = last.attachments[0].id;
    const res2 = await download(fileId, cookie);
    expect(res2.status).toBe(200);
    expect(res2.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(res2.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res2.headers.get("Content-Disposition")).toBe(`attachment; filename="attachment.txt"; filename*=UTF-8''${encodeURIComponent("记录.txt")}`);
    expect(await res2.text()).toBe("上周三下午三点，在会议室。\n");
    // The report's own file too, its quotes dropped from the header.
    const own = await download(view.reportFiles[0].id, cookie);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toBe(`attachment; filename="__ notes.txt"; filename*=UTF-8''${encodeURIComponent("证据 notes.txt")}`);
    expect(await own.text()).toBe("证据文件内容");
  });

  it("serves no file without a session, of another report, or of the internal notes", async () => {
    const mine = await fileCase("mine");
    const other = await fileCase("other", "另一份举报的文件");
    const cookie = await openFollowUp(mine.receipt);
    const otherFile = await db.caseAttachment.findFirstOrThrow({ where: { reportId: other.reportId } });
    const note = await prepareAttachment(Buffer.from("internal evidence", "utf8"));
    await postCaseMessage({ reportId: mine.reportId, thread: "INTERNAL", author: { kind: "HANDLER", userId: handler.id }, body: "内部备注", attachments: [{ ...note, name: "internal.txt" }] });
    const internalFile = await db.caseAttachment.findFirstOrThrow({ where: { reportId: mine.reportId, message: { thread: "INTERNAL" } } });

    expect((await download(otherFile.id, cookie)).status).toBe(404);
    expect((await download(internalFile.id, cookie)).status).toBe(404);
    expect((await download(otherFile.id)).status).toBe(404);
    expect((await download(otherFile.id, await openFollowUp(other.receipt))).status).toBe(200);
    // The internal note is not in the reporter's view either.
    const view = await openView(cookie);
    expect(view.messages.map((m) => m.body)).not.toContain("内部备注");
  });

  it("keeps the typed text when a reply fails, asks for the files again, and posts nothing", async () => {
    const { reportId, receipt } = await fileCase("failed reply");
    const cookie = await openFollowUp(receipt);
    const before = await db.caseMessage.count({ where: { reportId } });

    const empty = await post({ intent: "reply", body: "   " }, cookie);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ state: "replyError", fieldError: "required", body: "   ", hadFiles: false });

    const typed = "我还记得这些细节：\n第一，……";
    const program = new File([Buffer.from("#!/bin/sh\necho hi\n")], "run.sh", { type: "text/plain" });
    const refused = await post({ intent: "reply", body: typed, attachments: program }, cookie);
    expect(refused.status).toBe(400);
    const data = (await refused.json()) as { state: string; body: string; hadFiles: boolean; attachmentError?: { kind: string } };
    expect(data).toMatchObject({ state: "replyError", body: typed, hadFiles: true });
    expect(data.attachmentError?.kind).toBe("refused");
    expect(await db.caseMessage.count({ where: { reportId } })).toBe(before);
  });

  it("ends the session after the idle time, and on Leave", async () => {
    const { reportId, receipt } = await fileCase("idle and leave");
    const cookie = await openFollowUp(receipt);
    await db.reporterSession.updateMany({ where: { reportId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const idle = await load(cookie);
    expect(idle.data).toEqual(expect.objectContaining({ state: "receipt", notice: "sessionEnded" }));
    expect(idle.res.headers.get("Set-Cookie")).toMatch(/^sunline_report=; .*Max-Age=0/);
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(0);
    const lateReply = await post({ intent: "reply", body: "still there?" }, cookie);
    expect(await lateReply.json()).toMatchObject({ state: "sessionEnded", carried: { body: "still there?" } });

    const again = await openFollowUp(receipt);
    const left = await post({ intent: "leave" }, again);
    expect(left.status).toBe(303);
    expect(left.headers.get("Location")).toBe(`${PATH}?left=1`);
    const blanked = left.headers.get("Set-Cookie")!;
    expect(blanked).toMatch(/^sunline_report=;/);
    expect(blanked.split("; ")).toEqual(expect.arrayContaining(["Path=/report", "Max-Age=0", "HttpOnly", "SameSite=Strict"]));
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(0);
    expect((await load(undefined, "?left=1")).data).toMatchObject({ state: "receipt", notice: "left" });
  });

  it("shows a purged case as closed with its content deleted, and takes no reply", async () => {
    const { reportId, receipt } = await fileCase("to be purged");
    const cookie = await openFollowUp(receipt);
    await db.report.update({ where: { id: reportId }, data: { status: "CLOSED", closedAt: new Date(), purgedAt: new Date() } });
    const view = await openView(cookie);
    expect(view).toMatchObject({ status: "CLOSED", purged: true, answers: null, messages: [], reportFiles: [] });
    const reply = await post({ intent: "reply", body: "hello?" }, cookie);
    expect(reply.status).toBe(400);
    expect(await db.caseMessage.count({ where: { reportId, authorKind: "REPORTER" } })).toBe(0);
  });
});
