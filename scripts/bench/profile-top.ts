// The functions a CPU profile spent its samples in: `npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [rows]`.
// Self time per function (where the samples landed) and, by package, the share of all samples —
// enough to see whether time goes to the query engine, React's render, Remix, crypto or our code.
import fs from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: ProfileNode[]; samples: number[] };

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-top.ts <file.cpuprofile> [rows]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const rows = Number(rowsArg ?? 30);
const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);

/** node_modules/<package> (scoped too), the app's build, node's own, or the function's kind. */
function origin(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/build/")) return "app (build)";
  if (url.startsWith("node:")) return "node";
  return url ? "other" : "(native / idle / gc)";
}

const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  if (hits === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"}  ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
  byOrigin.set(origin(url), (byOrigin.get(origin(url)) ?? 0) + hits);
}
const pct = (n: number) => `${((n / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`${total} samples\n\nby origin:`);
for (const [name, hits] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(hits)}  ${name}`);
console.log(`\nby function (self):`);
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${pct(hits)}  ${name}`);
