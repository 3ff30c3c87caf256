// What /healthz checks: that the database commits a write, not only that it answers a read. A full
// disk or a write lock held by another process leaves reads working while every form fails; a
// monitor that only reads would keep calling such an instance healthy.
import { hostname } from "node:os";
import { db, Prisma } from "../db/db.server";
import { getEnv } from "../config/env.server";

/** One row per host (a few bytes, rewritten each time), so the table never grows with restarts. */
async function writeProbe(now: Date) {
  const instance = hostname();
  const updated = await db.healthProbe.updateMany({ where: { instance }, data: { checkedAt: now } });
  if (updated.count > 0) return;
  try {
    await db.healthProbe.create({ data: { instance, checkedAt: now } });
  } catch (e) {
    // Another instance on this host created it in between: its write proved the same thing.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
}

export type Health = { ok: true } | { ok: false; reason: "write-failed" | "write-timeout" };

export async function checkHealth(now = new Date()): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), getEnv().HEALTHZ_WRITE_TIMEOUT_MS);
  });
  // The write may outlive the answer (it waits for a held lock up to SQLITE_LOCK_WAIT_MS): its
  // failure is settled here, never left as an unhandled rejection.
  const probe = writeProbe(now).then(
    () => "written" as const,
    () => "failed" as const,
  );
  try {
    const outcome = await Promise.race([probe, timeout]);
    if (outcome === "written") return { ok: true };
    return { ok: false, reason: outcome === "failed" ? "write-failed" : "write-timeout" };
  } finally {
    clearTimeout(timer);
  }
}
