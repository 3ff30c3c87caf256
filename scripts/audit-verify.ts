// `npm run audit:verify`: checks the whole audit chain of the database in DATABASE_URL (read from
// the environment or .env). Exit status: 0 intact, 1 broken, 2 could not check (no database, …),
// so operators can run it from cron or a monitoring check.
import "dotenv/config";
import fs from "node:fs";
import { verifyAuditChain, type ChainBreakReason } from "../app/modules/audit/verify.server";

// Opening a SQLite path that does not exist would create an empty database there (and a later
// `npm run demo` would find it): refuse before the client is created.
const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
if (url.startsWith("file:") && !fs.existsSync(url.slice("file:".length))) {
  console.error(`Could not verify the audit chain: there is no database at ${url}.`);
  process.exit(2);
}
const { db, dbReady } = await import("../app/modules/db/db.server");

const REASONS: Record<ChainBreakReason, string> = {
  missing: "the event is missing (deleted)",
  "prev-hash": "the event does not link to the previous one (rows swapped, replaced or re-linked)",
  hash: "the event's content does not match its hash (edited)",
  head: "the chain head does not match the events (events removed or forged at the end)",
};

let status = 2;
try {
  await dbReady;
  const started = Date.now();
  const result = await verifyAuditChain(db);
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (result.ok) {
    console.log(`Audit chain intact: ${result.count} events, seq 1 to ${result.lastSeq} (${took}).`);
    status = 0;
  } else {
    console.error(`Audit chain BROKEN at seq ${result.seq}: ${REASONS[result.reason]} [${result.reason}].`);
    console.error(`${result.count} events before it verified.`);
    status = 1;
  }
} catch (e) {
  console.error(`Could not verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await db.$disconnect().catch(() => {});
}
process.exit(status);
