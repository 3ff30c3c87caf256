// Bodies the hotline's forms must survive (ADR 0016), through the routes as Remix calls them: a file
// name with ";" or "=" files the report (and a reporter's reply, and a handler's message) under
// exactly that name; a text field of megabytes comes back refused with what fits and everything
// else typed; a body that is no form (JSON, empty, cut-off multipart) is a 4xx naming the
// visitor's language; and a body over the cap is refused once the cap is read, not after the
// whole of it has been taken in.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { putSetting } from "~/modules/settings/settings.server";
import { bodyCap } from "~/modules/hotline/uploads.server";
import { submissionKeyHash } from "~/modules/hotline/receipt-redisplay.server";
import { action as reportAction } from "~/routes/report._index/route";
import { action as followUpAction } from "~/routes/report.follow-up/route";
import { action as messagesAction } from "~/routes/cases.$id.messages/route";
import { createHandler, fileReportWithReceipt, readAttachmentAs, type TestHandler } from "../factories/cases";
import { BASE_URL, callAction, postRequest, settle } from "../factories/requests";
import { openFollowUp, reportFormKey } from "../factories/hotline";

const HOSTILE_NAME = "budget; filename=evil.exe; name=x=y 预算.txt";

async function postReport(request: Request) {
  return settle(() => reportAction({ request, params: {}, context: {} }));
}

/** A POST with a raw body and headers of our choosing (what a hostile client can send). */
function rawPost(path: string, body: BodyInit | null, headers: Record<string, string>, init: RequestInit = {}) {
  return new Request(BASE_URL + path, { method: "POST", body, headers: { Origin: BASE_URL, ...headers }, ...init });
}

let lead: TestHandler;

beforeAll(async () => {
  lead = await createHandler("compliance_lead");
});

describe("file names with ; and =", () => {
  it("file the report with the file under exactly its name", async () => {
    const submissionKey = await reportFormKey();
    const res = await postReport(
      postRequest("/report", { category: "OTHER", whatHappened: "See the attached budget.", attachments: new File(["numbers\n"], HOSTILE_NAME, { type: "text/plain" }), submissionKey }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { state: string }).state).toBe("created");
    const row = await db.report.findUniqueOrThrow({ where: { submissionKey: submissionKeyHash(submissionKey) }, select: { attachments: { select: { id: true } } } });
    expect(row.attachments).toHaveLength(1);
    expect((await readAttachmentAs(lead, row.attachments[0].id)).name).toBe(HOSTILE_NAME);
  });

  it("go through a reporter's reply and a handler's message", async () => {
    const filed = await fileReportWithReceipt({ answers: { whatHappened: "x" } });
    const cookie = await openFollowUp(filed.receipt);
    const reply = await callAction(followUpAction, "/report/follow-up", { intent: "reply", body: "More evidence.", attachments: new File(["a\n"], HOSTILE_NAME, { type: "text/plain" }) }, { cookie });
    expect(reply.status).toBeLessThan(400);

    const message = await callAction(messagesAction, `/cases/${filed.reportId}/messages`, { thread: "INTERNAL", body: "Note with a file.", attachments: new File(["b\n"], HOSTILE_NAME, { type: "text/plain" }) }, { cookie: lead.cookie, params: { id: filed.reportId } });
    expect(message.status).toBe(302);
    const files = await db.caseAttachment.findMany({ where: { reportId: filed.reportId, messageId: { not: null } }, select: { id: true, uploadedBy: true } });
    expect(files.map((f) => f.uploadedBy).sort()).toEqual(["HANDLER", "REPORTER"]);
    for (const f of files) expect((await readAttachmentAs(lead, f.id)).name).toBe(HOSTILE_NAME);
  });
});

describe("malformed and oversized bodies on /report", () => {
  it("refuses a text field of megabytes with a clear error, giving back what fits and every other field", async () => {
    const submissionKey = await reportFormKey();
    const before = await db.report.count();
    const typed = `${"举报内容".repeat(10)}${"x".repeat(5 * 1024 * 1024)}`;
    const res = await postReport(postRequest("/report", { category: "GIFTS", whatHappened: typed, when: "上周三", where: "仓库", submissionKey }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { state: string; fieldErrors: Record<string, string>; values: { answers: Record<string, string>; category: string } };
    expect(body.state).toBe("error");
    expect(body.fieldErrors["answers.whatHappened"]).toBe("tooLong");
    expect(body.values.category).toBe("GIFTS");
    expect(body.values.answers.when).toBe("上周三");
    expect(body.values.answers.where).toBe("仓库");
    expect(body.values.answers.whatHappened.startsWith("举报内容".repeat(10))).toBe(true);
    expect(await db.report.count()).toBe(before);
  });

  it("answers a JSON body, an empty body and a cut-off multipart body with a 4xx in the visitor's language", async () => {
    const cases: Array<[string, Request]> = [
      ["json", rawPost("/report", JSON.stringify({ category: "GIFTS", whatHappened: "x" }), { "Content-Type": "application/json", "Accept-Language": "en" })],
      ["empty", rawPost("/report", null, { "Accept-Language": "en" })],
      ["empty multipart", rawPost("/report", "", { "Content-Type": "multipart/form-data; boundary=XYZ", "Accept-Language": "en" })],
      ["no boundary", rawPost("/report", "--XYZ\r\n", { "Content-Type": "multipart/form-data", "Accept-Language": "en" })],
      [
        "cut off",
        rawPost("/report", '--XYZ\r\nContent-Disposition: form-data; name="whatHappened"\r\n\r\nhalf a rep', { "Content-Type": "multipart/form-data; boundary=XYZ", "Accept-Language": "en" }),
      ],
      [
        "bad part header",
        rawPost("/report", "--XYZ\r\nthis is not a header\r\n\r\nx\r\n--XYZ--\r\n", { "Content-Type": "multipart/form-data; boundary=XYZ", "Accept-Language": "en" }),
      ],
    ];
    const before = await db.report.count();
    for (const [what, request] of cases) {
      const res = await postReport(request);
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      expect(((await res.json()) as { locale: string }).locale, what).toBe("en");
    }
    expect(await db.report.count()).toBe(before);
  });

  it("stops reading a body at the cap: a stream of thirty 20 MB files is refused after a few megabytes", async () => {
    await db.$transaction(async (tx) => {
      await putSetting(tx, { key: "hotline.maxAttachments", value: 2, actorUserId: null });
      await putSetting(tx, { key: "hotline.maxAttachmentMb", value: 1, actorUserId: null });
    });
    try {
      const cap = bodyCap({ maxFiles: 2, maxFileMb: 1 });
      let pulled = 0;
      const chunk = new Uint8Array(256 * 1024).fill(0x61);
      async function* parts() {
        for (let i = 0; i < 30; i += 1) {
          const head = `--XYZ\r\nContent-Disposition: form-data; name="attachments"; filename="f${i}.txt"\r\nContent-Type: text/plain\r\n\r\n`;
          yield new TextEncoder().encode(head);
          for (let n = 0; n < 80; n += 1) {
            pulled += chunk.byteLength;
            yield chunk;
          }
          yield new TextEncoder().encode("\r\n");
        }
        yield new TextEncoder().encode("--XYZ--\r\n");
      }
      const iterator = parts();
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = await iterator.next();
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          },
        },
        { highWaterMark: 0 },
      );
      // No Content-Length (a chunked upload): only counting the bytes as they come can stop it.
      const request = rawPost("/report", stream, { "Content-Type": "multipart/form-data; boundary=XYZ", "Accept-Language": "zh-CN" }, { duplex: "half" } as RequestInit);
      const res = await postReport(request);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { locale: string }).locale).toBe("zh-CN");
      // 600 MB were on offer; reading stopped just past the cap.
      expect(pulled).toBeLessThan(cap + 8 * 1024 * 1024);

      // A declared length over the cap is refused before a byte is read.
      let touched = false;
      const declared = rawPost(
        "/report",
        new ReadableStream({ pull: (c) => ((touched = true), c.close()) }, { highWaterMark: 0 }),
        { "Content-Type": "multipart/form-data; boundary=XYZ", "Content-Length": String(cap + 1) },
        { duplex: "half" } as RequestInit,
      );
      expect((await postReport(declared)).status).toBe(413);
      expect(touched).toBe(false);
    } finally {
      await db.$transaction(async (tx) => {
        await putSetting(tx, { key: "hotline.maxAttachments", value: 10, actorUserId: null });
        await putSetting(tx, { key: "hotline.maxAttachmentMb", value: 25, actorUserId: null });
      });
    }
  });

  it("gives all text fields together room for text only: many long fields are refused with 413", async () => {
    const fields: Record<string, string> = { category: "OTHER", whatHappened: "x", submissionKey: await reportFormKey() };
    for (let i = 0; i < 20; i += 1) fields[`q_filler${i}`] = "y".repeat(250 * 1024);
    const res = await postReport(postRequest("/report", fields));
    expect(res.status).toBe(413);
  });

  it("keeps no bytes of the files past the count, and says there were too many", async () => {
    const submissionKey = await reportFormKey();
    const files = Array.from({ length: 12 }, (_, i) => new File([`file ${i}\n`], `f${i}.txt`, { type: "text/plain" }));
    const res = await postReport(postRequest("/report", { category: "OTHER", whatHappened: "Many files.", attachments: files, submissionKey }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { attachmentError: { kind: string }; values: { answers: { whatHappened: string } } };
    expect(body.attachmentError).toEqual({ kind: "tooMany" });
    expect(body.values.answers.whatHappened).toBe("Many files.");
  });
});
