// The app's routes as Remix finds them: every route is a folder under app/routes named by its URL
// (Remix v2 flat-route naming) holding `route.tsx` or `route.ts`, beside the pieces only it uses.
// Tests that must cover every route (the role matrix, page titles) list them from here, so a new
// route is in them the moment it exists.
import fs from "node:fs";
import path from "node:path";

export const ROUTES_DIR = path.resolve("app/routes");

/** A route's folder, e.g. "cases.$id.workflow", mapped to the module file in it. */
export function routeModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const file = ["route.tsx", "route.ts"].map((f) => path.join(ROUTES_DIR, entry.name, f)).find((f) => fs.existsSync(f));
    if (file) modules.set(entry.name, file);
  }
  return modules;
}

/** Entries of app/routes that are not a folder with a route module: each would be a second way. */
export function strayRouteEntries(): string[] {
  const modules = routeModules();
  return fs.readdirSync(ROUTES_DIR).filter((name) => !modules.has(name) && !name.startsWith("."));
}

let found: Map<string, string> | undefined;

export async function importRoute<T>(name: string): Promise<T> {
  // Read app/routes once per test file, not once per route imported.
  const file = (found ??= routeModules()).get(name);
  if (!file) throw new Error(`no route ${name} in app/routes`);
  return (await import(file)) as T;
}
