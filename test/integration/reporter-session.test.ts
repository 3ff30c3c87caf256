// One reporter session per case: signing in to the follow-up again with the same receipt ends the
// earlier session (a receipt typed on a shared or lost device stops working there).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { clearThrottle } from "~/modules/auth/throttle.server";
import { siteThrottleKey } from "~/modules/hotline/follow-up.server";
import { loader } from "~/routes/report.follow-up/route";
import { callLoader } from "../factories/requests";
import { fileReportWithReceipt } from "../factories/cases";
import { openFollowUp } from "../factories/hotline";

const PATH = "/report/follow-up";

const fileCase = () => fileReportWithReceipt({ answers: { whatHappened: "一次性会话测试", where: "北京" } });

async function state(cookie: string): Promise<string> {
  const res = (await callLoader(loader, PATH, { cookie })) as Response;
  return ((await res.json()) as { state: string }).state;
}

beforeAll(async () => {
  await clearThrottle(siteThrottleKey());
});

describe("reporter sessions", () => {
  it("a second sign-in with the same receipt ends the first session", async () => {
    const { reportId, receipt } = await fileCase();
    const first = await openFollowUp(receipt);
    expect(await state(first)).toBe("open");

    const second = await openFollowUp(receipt);
    expect(await state(second)).toBe("open");
    expect(await state(first)).toBe("receipt");
    expect(await db.reporterSession.count({ where: { reportId } })).toBe(1);
  });

  it("leaves other cases' sessions alone", async () => {
    const a = await fileCase();
    const b = await fileCase();
    const onA = await openFollowUp(a.receipt);
    await openFollowUp(b.receipt);
    expect(await state(onA)).toBe("open");
  });
});
