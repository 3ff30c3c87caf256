// npm run keys:rotate — re-seals every report key and TOTP secret under a new master key (ADR 0010).
//
//   SUNLINE_NEW_MASTER_KEY=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))") \
//     npm run keys:rotate
//
// Reads the current key from SUNLINE_MASTER_KEY (.env) and the new one from SUNLINE_NEW_MASTER_KEY.
// Stop the app first (a report filed meanwhile would be sealed under the old key; rerunning the
// script fixes that too, since it skips what already opens under the new key). Then put the new key
// in SUNLINE_MASTER_KEY and start the app. Exit codes: 0 done, 1 failed (nothing of the failing
// batch was written; rerun after fixing), 2 usage.
import "dotenv/config";

const oldKey = process.env.SUNLINE_MASTER_KEY;
const newKey = process.env.SUNLINE_NEW_MASTER_KEY;
if (!oldKey || !newKey) {
  console.error("keys:rotate: set SUNLINE_MASTER_KEY (the current key) and SUNLINE_NEW_MASTER_KEY (the new one).");
  process.exit(2);
}
const { rotateMasterKey } = await import("../app/modules/crypto/rotate-master-key.server");
const { db, dbReady } = await import("../app/modules/db/db.server");
try {
  await dbReady;
  const result = await rotateMasterKey({ oldKey: Buffer.from(oldKey, "base64"), newKey: Buffer.from(newKey, "base64") });
  console.log(
    `keys:rotate: ${result.reports} report keys and ${result.secrets} TOTP secrets re-sealed` +
      ` (${result.reportsAlready} and ${result.secretsAlready} already under the new key).` +
      " Now set SUNLINE_MASTER_KEY to the new key and restart.",
  );
} catch (error) {
  console.error(`keys:rotate: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
