// Master-key rotation (ADR 0010): every value sealed under SUNLINE_MASTER_KEY is re-sealed under a
// new key — each report's wrapped data key and each account's TOTP secret. Report contents are
// sealed with the report keys and are not touched, so this rewrites one short value per row.
//
// Rerunnable: a value that already opens under the new key is left alone, so a rotation stopped
// half-way (a crash, a deploy) is finished by running it again with the same two keys. Rows are
// rewritten in batches, each batch one transaction, in id order.
import { db } from "../db/db.server";
import { openUserSecret, resealUserSecret } from "../auth/totp.server";
import { rewrapReportKey, unwrapReportKey } from "./sealing.server";
import { recordMasterKey } from "./key-check.server";

const BATCH = 200;

export type RotationResult = { reports: number; reportsAlready: number; secrets: number; secretsAlready: number };

function opensUnder(open: () => unknown): boolean {
  try {
    open();
    return true;
  } catch {
    return false;
  }
}

export async function rotateMasterKey({ oldKey, newKey }: { oldKey: Buffer; newKey: Buffer }): Promise<RotationResult> {
  if (oldKey.length !== 32 || newKey.length !== 32) throw new Error("master keys are 32 bytes (base64 of 32 random bytes)");
  if (oldKey.equals(newKey)) throw new Error("the new master key is the old one");
  const result: RotationResult = { reports: 0, reportsAlready: 0, secrets: 0, secretsAlready: 0 };

  for (let after = ""; ; ) {
    // Purged reports have no key any more (ADR 0012): nothing to rewrap.
    const page = await db.report.findMany({
      where: { id: { gt: after }, purgedAt: null },
      select: { id: true, wrappedKey: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (page.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const report of page) {
        if (opensUnder(() => unwrapReportKey(report.wrappedKey, report.id, newKey))) {
          result.reportsAlready += 1;
          continue;
        }
        // Throws (and rolls the batch back) when a key opens under neither: never guess.
        const wrappedKey = rewrapReportKey(report.wrappedKey, report.id, oldKey, newKey);
        await tx.report.update({ where: { id: report.id }, data: { wrappedKey }, select: { id: true } });
        result.reports += 1;
      }
    });
    after = page[page.length - 1].id;
  }

  for (let after = ""; ; ) {
    const page = await db.user.findMany({
      where: { id: { gt: after }, totpSecretSealed: { not: null } },
      select: { id: true, totpSecretSealed: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (page.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const user of page) {
        const sealed = user.totpSecretSealed!;
        if (opensUnder(() => openUserSecret({ userId: user.id, sealed, masterKey: newKey }))) {
          result.secretsAlready += 1;
          continue;
        }
        const resealed = resealUserSecret({ userId: user.id, sealed, oldMasterKey: oldKey, newMasterKey: newKey });
        await tx.user.update({ where: { id: user.id }, data: { totpSecretSealed: resealed }, select: { id: true } });
        result.secrets += 1;
      }
    });
    after = page[page.length - 1].id;
  }
  // Only once everything opens under the new key: a start-up with it must then pass the key check.
  await recordMasterKey(db, newKey);
  return result;
}
