// Liveness and readiness in one: 200 when the database answers a query, 503 otherwise.
import { db } from "~/modules/db/db.server";

export async function loader() {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  }
}
