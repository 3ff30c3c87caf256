// Liveness and readiness in one: 200 when the database commits a small write, 503 otherwise (a full
// disk, a write lock held too long, a database that does not answer).
import { checkHealth } from "~/modules/ops/health.server";

const HEADERS = { "Content-Type": "text/plain", "Cache-Control": "no-store" };

export async function loader() {
  const health = await checkHealth();
  if (health.ok) return new Response("ok", { status: 200, headers: HEADERS });
  return new Response(`database cannot commit writes (${health.reason})`, { status: 503, headers: HEADERS });
}
