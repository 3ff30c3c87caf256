// Master-key rotation (npm run keys:rotate): after it, every report and its files open under the new
// key and not under the old one, TOTP secrets too; running it again changes nothing; the script
// refuses to run without both keys. Purged reports have no key to rewrap.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { fieldContext, openField, openStream, unwrapReportKey } from "~/modules/crypto/sealing.server";
import { openUserSecret } from "~/modules/auth/totp.server";
import { rotateMasterKey } from "~/modules/crypto/rotate-master-key.server";
import { runTsx } from "../factories/processes";
import { createHandler, fileReport, textAttachment } from "../factories/cases";

const oldKey = Buffer.from(process.env.SUNLINE_MASTER_KEY!, "base64");
const newKey = randomBytes(32);

const fileCase = async (text: string) => fileReport({ answers: { whatHappened: text } }, { attachments: [await textAttachment(`file of ${text}`, `${text}.txt`)] });

async function readUnder(reportId: string, masterKey: Buffer) {
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { wrappedKey: true, sealedAnswers: true } });
  const key = unwrapReportKey(row.wrappedKey, reportId, masterKey);
  const answers = JSON.parse(openField(key, row.sealedAnswers, fieldContext("Report", reportId, "answers"))) as { whatHappened: string };
  const file = await db.caseAttachment.findFirstOrThrow({ where: { reportId }, select: { id: true, chunks: { select: { sealed: true }, orderBy: { index: "asc" } } } });
  const pieces: Buffer[] = [];
  for await (const piece of openStream(key, file.id, file.chunks.map((c) => c.sealed))) pieces.push(Buffer.from(piece));
  return { text: answers.whatHappened, file: Buffer.concat(pieces).toString("utf8") };
}

describe("master-key rotation", () => {
  it("re-seals report keys and TOTP secrets under the new key, once, and leaves contents as they were", async () => {
    const reports = await Promise.all(["甲 rotation one", "乙 rotation two", "丙 rotation three"].map(fileCase));
    const user = await createHandler("investigator");
    const secret = user.totpSecret!;
    const sealedBefore = await db.report.findMany({ where: { id: { in: reports } }, select: { id: true, sealedAnswers: true }, orderBy: { id: "asc" } });

    const first = await rotateMasterKey({ oldKey, newKey });
    expect(first.reports).toBeGreaterThanOrEqual(3);
    expect(first.reportsAlready).toBe(0);
    expect(first.secrets).toBeGreaterThanOrEqual(1);

    for (const [i, id] of reports.entries()) {
      const read = await readUnder(id, newKey);
      expect(read.text).toBe(["甲 rotation one", "乙 rotation two", "丙 rotation three"][i]);
      expect(read.file).toBe(`file of ${read.text}`);
      await expect(readUnder(id, oldKey)).rejects.toThrow();
    }
    // Contents are untouched: only the wrapped keys changed.
    expect(await db.report.findMany({ where: { id: { in: reports } }, select: { id: true, sealedAnswers: true }, orderBy: { id: "asc" } })).toEqual(sealedBefore);
    const sealedSecret = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecretSealed!;
    expect(Buffer.from(openUserSecret({ userId: user.id, sealed: sealedSecret, masterKey: newKey }))).toEqual(secret);
    expect(() => openUserSecret({ userId: user.id, sealed: sealedSecret, masterKey: oldKey })).toThrow();

    // A second run (after a crash, say) finds everything done and writes nothing.
    const again = await rotateMasterKey({ oldKey, newKey });
    expect(again).toMatchObject({ reports: 0, secrets: 0, reportsAlready: first.reports, secretsAlready: first.secrets });

    // Rotating back restores the configured key, so the rest of this file's database stays usable.
    await rotateMasterKey({ oldKey: newKey, newKey: oldKey });
    expect((await readUnder(reports[0], oldKey)).text).toBe("甲 rotation one");
  });

  it("refuses without both keys, and with the same key twice", async () => {
    const missing = await runTsx("scripts/rotate-master-key.ts", { env: { SUNLINE_NEW_MASTER_KEY: "" } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("SUNLINE_NEW_MASTER_KEY");
    await expect(rotateMasterKey({ oldKey, newKey: oldKey })).rejects.toThrow("the new master key is the old one");
  });
});
