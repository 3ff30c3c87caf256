// The hotline's pages as a reporter meets them (/hotline, /report, /report/follow-up), through the
// routes as Remix calls them: a language chosen there travels in `?lang=` and never in a cookie, the
// start page leads to both the form and the follow-up, and a browser that is also signed in to
// Sunline gets a note instead of its name in the header — while neither the page nor the report
// reads or touches the staff session.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";
import { formatReceipt } from "~/modules/hotline/receipt";
import { serverHooks } from "~/modules/http/server-hooks.server";
import { loader as rootLoader } from "~/root";
import { loader as startLoader } from "~/routes/hotline/route";
import { action as reportAction, loader as reportLoader } from "~/routes/report._index/route";
import { action as followUpAction, loader as followUpLoader } from "~/routes/report.follow-up/route";
import { createUser } from "../factories/people";
import { callAction, callLoader, getRequest, postRequest, sessionCookieFor } from "../factories/requests";
import { fileReportWithReceipt } from "../factories/cases";

type RootData = { locale: string; user: { displayName: string } | null; staffSessionHere: boolean; anonymous: boolean };

async function root(path: string, cookie?: string, headers: Record<string, string> = {}) {
  const res = (await rootLoader({ request: getRequest(path, cookie, headers), params: {}, context: {} })) as Response;
  expect(res.headers.get("Set-Cookie")).toBeNull();
  return { text: await res.clone().text(), data: (await res.json()) as RootData };
}

const zh = { "Accept-Language": "zh-CN" };

let employee: { id: string; displayName: string; cookie: string; sessionId: string };

beforeAll(async () => {
  const { user, person } = await createUser({ locale: "zh_CN" });
  const cookie = await sessionCookieFor(user.id);
  const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
  employee = { id: user.id, displayName: person.nameZh, cookie, sessionId: session.id };
});

describe("the language on the hotline's pages", () => {
  it("comes from ?lang= on /hotline, /report and the follow-up, with no cookie set", async () => {
    for (const path of ["/hotline", "/report", "/report/follow-up"]) {
      expect((await root(`${path}?lang=en`, undefined, zh)).data.locale).toBe("en");
      expect((await root(path, undefined, zh)).data.locale).toBe("zh-CN");
    }
    const report = (await reportLoader({ request: getRequest("/report?lang=en", undefined, zh), params: {}, context: {} })) as Response;
    expect(report.headers.get("Set-Cookie")).toBeNull();
    expect(((await report.json()) as { title: string }).title).toBe("Report a concern");
    const start = (await startLoader({ request: getRequest("/hotline?lang=en", undefined, zh), params: {}, context: {} })) as Response;
    expect(start.headers.get("Set-Cookie")).toBeNull();
    expect(((await start.json()) as { title: string }).title).toBe("Ethics hotline");
  });

  it("is ignored outside the hotline, where the switcher's cookie and the account decide", async () => {
    expect((await root("/login?lang=en", undefined, zh)).data.locale).toBe("zh-CN");
  });

  it("is kept by the follow-up's redirects: opening with the receipt, sending a reply, leaving", async () => {
    const result = await fileReportWithReceipt({ answers: { whatHappened: "语言测试" } });
    const opened = await callAction(followUpAction, "/report/follow-up?lang=en", { intent: "open", receipt: formatReceipt(result.receipt) });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("Location")).toBe("/report/follow-up?lang=en");
    const reporterCookie = opened.headers.get("Set-Cookie")!.split(";")[0];
    // The only cookie of the hotline is the reporter's session, set after the receipt: no language.
    expect(reporterCookie).not.toMatch(/^lang=/);

    const sent = await callAction(followUpAction, "/report/follow-up?lang=en", { intent: "reply", body: "Hello" }, { cookie: reporterCookie });
    expect(sent.headers.get("Location")).toBe("/report/follow-up?sent=1&lang=en");
    expect(sent.headers.get("Set-Cookie")).toBeNull();
    const left = await callAction(followUpAction, "/report/follow-up?sent=1&lang=en", { intent: "leave" }, { cookie: reporterCookie });
    expect(left.headers.get("Location")).toBe("/report/follow-up?left=1&lang=en");

    const again = await callLoader(followUpLoader, "/report/follow-up?left=1&lang=en", { headers: zh });
    expect(again.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("the start page", () => {
  it("is one of the anonymous pages: no address passed on, nothing cached", () => {
    for (const path of ["/hotline", "/report", "/report/follow-up", "/report/follow-up/files/x"]) expect(serverHooks.isAnonymousPath(path)).toBe(true);
    for (const path of ["/hotlines", "/reports", "/login", "/cases"]) expect(serverHooks.isAnonymousPath(path)).toBe(false);
  });
});

describe("a browser signed in to Sunline on the hotline", () => {
  it("shows no name and no account in the header of /hotline, /report and the follow-up, and says the report is not linked", async () => {
    for (const path of ["/hotline", "/report", "/report/follow-up"]) {
      const { data, text } = await root(path, employee.cookie);
      expect(data.user).toBeNull();
      expect(data.staffSessionHere).toBe(true);
      expect(text).not.toContain(employee.displayName);
    }
    // Elsewhere the header is the signed-in one, as before.
    expect((await root("/", employee.cookie)).data.user?.displayName).toBe(employee.displayName);
    // Signed out (or with a session that has ended), no note.
    expect((await root("/report")).data.staffSessionHere).toBe(false);
    expect((await root("/report", "sunline_session=not-a-session")).data.staffSessionHere).toBe(false);
  });

  it("neither reads nor refreshes the staff session, and files a report tied to no account", async () => {
    const long = new Date(Date.now() - 10 * 60_000);
    await db.session.update({ where: { id: employee.sessionId }, data: { lastSeenAt: long } });
    await root("/report", employee.cookie);
    const loaded = (await reportLoader({ request: getRequest("/report", employee.cookie), params: {}, context: {} })) as Response;
    const { submissionKey } = (await loaded.json()) as { submissionKey: string };
    const res = (await reportAction({
      request: postRequest("/report", { category: "OTHER", whatHappened: "登录状态下提交", identityMode: "ANONYMOUS", submissionKey }, employee.cookie),
      params: {},
      context: {},
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    await root("/report", employee.cookie);
    // The session's last-seen time is where it was: the hotline left no trace of this visit on it.
    expect((await db.session.findUniqueOrThrow({ where: { id: employee.sessionId } })).lastSeenAt.getTime()).toBe(long.getTime());

    const report = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) } });
    expect(report.intakeByUserId).toBeNull();
    const events = await db.auditEvent.findMany({ where: { actorUserId: employee.id } });
    expect(events).toEqual([]);
    // The same visit elsewhere does touch the session, so the check above could see it.
    await root("/", employee.cookie);
    expect((await db.session.findUniqueOrThrow({ where: { id: employee.sessionId } })).lastSeenAt.getTime()).toBeGreaterThan(long.getTime());
  });
});
