// The master-key check at start-up: the first start records the key's fingerprint; a start with
// another key is refused with a message naming SUNLINE_MASTER_KEY and both fingerprints (never the
// key); an older installation without the record is proved on a stored report first; rotation
// moves the record to the new key.
import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/db.server";
import { KEY_CHECK_SETTING, KeyMismatchError, ensureMasterKeyMatches, masterKeyFingerprint } from "~/modules/crypto/key-check.server";
import { rotateMasterKey } from "~/modules/crypto/rotate-master-key.server";
import { serverHooks } from "~/modules/http/server-hooks.server";
import { rewrapReportKey } from "~/modules/crypto/sealing.server";
import { loader as caseReportLoader } from "~/routes/cases.$id._index/route";
import { callLoader } from "../factories/requests";
import { createHandler, fileReport } from "../factories/cases";

const configured = Buffer.from(process.env.SUNLINE_MASTER_KEY!, "base64");
const other = Buffer.alloc(32, 42);

describe("master-key check", () => {
  it("refuses a start with another key, naming the variable and fingerprints but never the key", async () => {
    await fileReport({ category: "OTHER", answers: { whatHappened: "Key check" } });
    await db.setting.deleteMany({ where: { key: KEY_CHECK_SETTING } });

    // An installation older than the check: the wrong key is not recorded as the right one.
    const unrecorded = await ensureMasterKeyMatches(db, other).catch((e: unknown) => e);
    expect(unrecorded).toBeInstanceOf(KeyMismatchError);
    expect(await db.setting.findUnique({ where: { key: KEY_CHECK_SETTING } })).toBeNull();

    // The real start-up path records the configured key, then accepts it again.
    await serverHooks.startup();
    expect((await db.setting.findUniqueOrThrow({ where: { key: KEY_CHECK_SETTING } })).value).toBe(masterKeyFingerprint(configured));
    await serverHooks.startup();

    const refused = await ensureMasterKeyMatches(db, other).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KeyMismatchError);
    const message = (refused as Error).message;
    expect(message).toContain("SUNLINE_MASTER_KEY");
    expect(message).toContain(masterKeyFingerprint(other));
    expect(message).toContain(masterKeyFingerprint(configured));
    expect(message).not.toContain(other.toString("base64"));
    expect(message).not.toContain(configured.toString("base64"));
  });

  it("follows a rotation: the new key passes, the old one is refused", async () => {
    await ensureMasterKeyMatches(db, configured);
    await rotateMasterKey({ oldKey: configured, newKey: other });
    try {
      await ensureMasterKeyMatches(db, other);
      await expect(ensureMasterKeyMatches(db, configured)).rejects.toBeInstanceOf(KeyMismatchError);
    } finally {
      await rotateMasterKey({ oldKey: other, newKey: configured });
    }
    await ensureMasterKeyMatches(db, configured);
  });

  it("a case whose key does not unwrap with the configured key answers a page that says so, not a bare 500", async () => {
    const reportId = await fileReport({ category: "OTHER", answers: { whatHappened: "Sealed elsewhere" } });
    // As after a restore that brought this case from an installation with another master key.
    const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { wrappedKey: true } });
    await db.report.update({ where: { id: reportId }, data: { wrappedKey: rewrapReportKey(row.wrappedKey, reportId, configured, other) } });
    // A lead has a second factor; the session has passed it.
    const { cookie } = await createHandler("compliance_lead", { locale: "en" });
    const res = await callLoader(caseReportLoader, `/cases/${reportId}`, { cookie, params: { id: reportId } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ caseKeyUnavailable: true });
  });
});
