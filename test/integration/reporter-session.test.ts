// One reporter session per case: signing in to the follow-up again with the same receipt ends the
// earlier session (a receipt typed on a shared or lost device stops working there).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { clearThrottle } from "~/modules/auth/throttle.server";
import { siteThrottleKey } from "~/modules/hotline/follow-up.server";
import { formatReceipt, type Receipt } from "~/modules/hotline/receipt";
import { submitReport } from "~/modules/hotline/reports.server";
import { action, loader } from "~/routes/report.follow-up/route";
import { getRequest, postRequest, settle } from "../factories/requests";

const PATH = "/report/follow-up";

async function fileReport() {
  const result = await submitReport({ category: "GIFTS", answers: { whatHappened: "一次性会话测试", where: "北京" }, submissionKey: randomBytes(12).toString("hex") }, { attachments: [] });
  if (result.kind !== "created") throw new Error("expected a new report");
  return result;
}

async function signIn(receipt: Receipt): Promise<string> {
  const res = (await settle(() => action({ request: postRequest(PATH, { intent: "open", receipt: formatReceipt(receipt) }), params: {}, context: {} }))) as Response;
  expect(res.status).toBe(303);
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

async function state(cookie: string): Promise<string> {
  const res = (await settle(() => loader({ request: getRequest(PATH, cookie), params: {}, context: {} }))) as Response;
  return ((await res.json()) as { state: string }).state;
}

beforeAll(async () => {
  await clearThrottle(siteThrottleKey());
});

describe("reporter sessions", () => {
  it("a second sign-in with the same receipt ends the first session", async () => {
    const { reportId, receipt } = await fileReport();
    const first = await signIn(receipt);
    expect(await state(first)).toBe("open");

    const second = await signIn(receipt);
    expect(await state(second)).toBe("open");
    expect(await state(first)).toBe("receipt");
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(1);
  });

  it("leaves other cases' sessions alone", async () => {
    const a = await fileReport();
    const b = await fileReport();
    const onA = await signIn(a.receipt);
    await signIn(b.receipt);
    expect(await state(onA)).toBe("open");
  });
});
