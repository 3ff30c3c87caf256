// `npm run audit:head`: prints the audit chain's head as one line, `<seq>:<hash>`. Kept outside the
// database (a ticket, a mail to the audit committee, a printed page), it is what proves later that
// the history up to it is unchanged: `npm run audit:verify -- --expect-head <line>`. Anyone who can
// write the database can cut the end of the chain and move the head back; they cannot change a copy
// they do not hold. Exit status: 0 printed, 2 could not read.
import "dotenv/config";
import fs from "node:fs";
import { formatAuditHead, readAuditHead } from "../app/modules/audit/verify.server";

const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
if (url.startsWith("file:") && !fs.existsSync(url.slice("file:".length))) {
  console.error(`Could not read the audit head: there is no database at ${url}.`);
  process.exit(2);
}
const { db, dbReady } = await import("../app/modules/db/db.server");
let status = 2;
try {
  await dbReady;
  console.log(formatAuditHead(await readAuditHead(db)));
  status = 0;
} catch (e) {
  console.error(`Could not read the audit head: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await db.$disconnect().catch(() => {});
}
process.exit(status);
