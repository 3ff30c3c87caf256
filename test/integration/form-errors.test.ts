// Every error of a form in one round (issue: a confidential report's missing contact showed only
// on the second try, a refused file hid the fields' errors): through /report and /cases/new as
// Remix calls them, on a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { action as reportAction } from "~/routes/report._index/route";
import { action as intakeAction } from "~/routes/cases.new/route";
import { postRequest } from "../factories/requests";
import { createHandler } from "../factories/cases";
import { reportFormKey } from "../factories/hotline";

type Failed = { state: string; fieldErrors: Record<string, string>; attachmentError?: { kind: string }; values: { contact: string; identityMode: string } };

let leadCookie: string;

beforeAll(async () => {
  leadCookie = (await createHandler("compliance_lead")).cookie;
});

describe("one round of errors", () => {
  it("reports a confidential report's missing name and contact together with the missing account and category", async () => {
    const before = await db.report.count();
    const res = (await reportAction({ request: postRequest("/report", { identityMode: "CONFIDENTIAL", whatHappened: "", name: "", contact: "", submissionKey: await reportFormKey() }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(400);
    const body = (await res.json()) as Failed;
    expect(body.fieldErrors).toEqual({ category: "choice", "answers.whatHappened": "required", "identity.name": "required", "identity.contact": "required" });
    expect(body.values.identityMode).toBe("CONFIDENTIAL");
    expect(await db.report.count()).toBe(before);
  });

  it("reports a refused file together with the fields' errors", async () => {
    const program = new File([Buffer.from("#!/bin/sh\necho hi\n")], "run.sh", { type: "text/plain" });
    const res = (await reportAction({
      request: postRequest("/report", { category: "GIFTS", whatHappened: "", identityMode: "NAMED", name: "王五", contact: "", attachments: program, submissionKey: await reportFormKey() }),
      params: {},
      context: {},
    })) as Response;
    const body = (await res.json()) as Failed;
    expect(body.fieldErrors).toEqual({ "answers.whatHappened": "required", "identity.contact": "required" });
    expect(body.attachmentError?.kind).toBe("refused");
  });

  it("does the same in a handler's intake, with the channel", async () => {
    const res = (await intakeAction({ request: postRequest("/cases/new", { identityMode: "NAMED", whatHappened: "x", category: "GIFTS", name: "", contact: "", submissionKey: await reportFormKey() }, leadCookie), params: {}, context: {} })) as Response;
    const body = (await res.json()) as Failed;
    expect(body.fieldErrors).toEqual({ channel: "choice", "identity.name": "required", "identity.contact": "required" });
  });
});
