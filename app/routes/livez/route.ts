// Liveness: the process is up and Remix answers. No database, no session, no settings: a load
// balancer's "restart me?" check (readiness, which proves a write commits, is /healthz), and the
// HTTP benchmark's ceiling — the cheapest answer the app can give through its own pipeline.
export function loader() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
