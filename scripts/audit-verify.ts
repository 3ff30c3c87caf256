// `npm run audit:verify`: checks the whole audit chain of the database in DATABASE_URL (read from
// the environment or .env). Exit status: 0 intact, 1 broken, 2 could not check (no database, …),
// so operators can run it from cron or a monitoring check.
// `--expect-head <seq>:<hash>` (a line printed earlier by `npm run audit:head` and kept outside the
// database) also requires the chain to still hold that event with that hash: a chain cut below it
// and re-headed, or rewritten up to it, fails.
import "dotenv/config";
import fs from "node:fs";
import { parseAuditHead, verifyAuditChain, type AuditHead, type ChainBreakReason } from "../app/modules/audit/verify.server";

const args = process.argv.slice(2);
let expectHead: AuditHead | undefined;
const at = args.indexOf("--expect-head");
if (at >= 0) {
  const parsed = parseAuditHead(args[at + 1] ?? "");
  if (!parsed) {
    console.error("--expect-head takes the line npm run audit:head printed: <seq>:<64 hex digits>.");
    process.exit(2);
  }
  expectHead = parsed;
}

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
  outside: "a row lies outside the chain's range 1..head (forged at seq 0 or below, or past the head)",
  "expected-head": "the chain does not hold the expected head (cut below it, or rewritten up to it)",
};

let status = 2;
try {
  await dbReady;
  const started = Date.now();
  const result = await verifyAuditChain(db, { expectHead });
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (result.ok) {
    const held = expectHead ? `, holds the expected head ${expectHead.seq}` : "";
    console.log(`Audit chain intact: ${result.count} events, seq 1 to ${result.lastSeq}${held} (${took}).`);
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
