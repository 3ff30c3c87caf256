// The master-key check (ADR 0023). A server started with the wrong SUNLINE_MASTER_KEY (a restore
// next to another installation's key, a typo in .env) used to start and then fail every case page
// with a generic 500. At start-up the configured key is compared with a key-check value stored in
// the database: an HMAC of a fixed label under the key, which identifies the key without revealing
// it. A mismatch refuses to start and names the variable and both fingerprints (never the key).
// Master-key rotation writes the new key's value.
import { createHmac } from "node:crypto";
import type { Db, Tx } from "../db/db.server";
import { unwrapReportKey } from "./sealing.server";

export const KEY_CHECK_SETTING = "crypto.masterKeyCheck";

/** A short public fingerprint of a master key: the first 16 hex digits of its check value. */
export function masterKeyFingerprint(key: Buffer): string {
  return createHmac("sha256", key).update("sunline:master-key-check:v1").digest("hex").slice(0, 16);
}

export class KeyMismatchError extends Error {
  constructor(configured: string, expected: string) {
    super(
      `SUNLINE_MASTER_KEY is not the key this database was sealed with: the configured key's fingerprint is ${configured}, ` +
        `the database expects ${expected}. Put back the master key that belongs to this data (after a restore: the one kept with ` +
        `that backup's era); the server will not start with this one.`,
    );
    this.name = "KeyMismatchError";
  }
}

/**
 * Throws KeyMismatchError when `key` is not the database's master key. The first start writes the
 * check value; an installation older than the check proves the key on one report first, so a wrong
 * key is never recorded as the right one.
 */
export async function ensureMasterKeyMatches(db: Db, key: Buffer): Promise<void> {
  const fingerprint = masterKeyFingerprint(key);
  const row = await db.setting.findUnique({ where: { key: KEY_CHECK_SETTING } });
  if (row) {
    if (row.value !== fingerprint) throw new KeyMismatchError(fingerprint, row.value);
    return;
  }
  const report = await db.report.findFirst({ where: { purgedAt: null }, select: { id: true, wrappedKey: true } });
  if (report) {
    try {
      unwrapReportKey(report.wrappedKey, report.id, key);
    } catch {
      throw new KeyMismatchError(fingerprint, "(not recorded yet; the configured key does not open the stored reports)");
    }
  }
  try {
    await db.setting.create({ data: { key: KEY_CHECK_SETTING, value: fingerprint } });
  } catch {
    // A second instance starting at the same time wrote it first: compare with what it wrote.
    const now = await db.setting.findUnique({ where: { key: KEY_CHECK_SETTING } });
    if (now && now.value !== fingerprint) throw new KeyMismatchError(fingerprint, now.value);
  }
}

/** Rotation: from now on the new key is the one the database expects. */
export async function recordMasterKey(client: Db | Tx, key: Buffer): Promise<void> {
  const value = masterKeyFingerprint(key);
  await client.setting.upsert({ where: { key: KEY_CHECK_SETTING }, create: { key: KEY_CHECK_SETTING, value }, update: { value } });
}
