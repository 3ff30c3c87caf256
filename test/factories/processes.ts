// Separate Node processes for tests that need a second instance: each child has its own Prisma
// client and connection(s), as the web server and the worker would. Children inherit the test's
// environment (DATABASE_URL of this file's database, the test keys) unless overridden.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";

export type ChildResult = { code: number | null; stdout: string; stderr: string };

const TSX = path.resolve("node_modules/.bin/tsx");

function start(script: string, args: string[], env: Record<string, string | undefined>) {
  return spawn(TSX, [script, ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
}

function collect(child: ChildProcessWithoutNullStreams, onStdout?: (all: string) => void): Promise<ChildResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => {
    stdout += c;
    onStdout?.(stdout);
  });
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a TypeScript file with tsx (as `npm run …` would) and waits for it to exit. */
export function runTsx(script: string, opts: { args?: string[]; env?: Record<string, string | undefined> } = {}): Promise<ChildResult> {
  const child = start(script, opts.args ?? [], opts.env ?? {});
  child.stdin.end();
  return collect(child);
}

/**
 * Starts `count` children that each print "ready" once connected and then wait for a line on
 * stdin; releases them all at once, so their work overlaps instead of following start-up order.
 */
export async function runTogether(
  script: string,
  count: number,
  opts: { args?: (index: number) => string[]; env?: Record<string, string | undefined> } = {},
): Promise<ChildResult[]> {
  const children = Array.from({ length: count }, (_, i) => start(script, opts.args?.(i) ?? [], opts.env ?? {}));
  const ready: Promise<unknown>[] = [];
  const done = children.map((child) => {
    let signal!: () => void;
    const signalled = new Promise<void>((resolve) => (signal = resolve));
    const result = collect(child, (out) => {
      if (out.includes("ready\n")) signal();
    });
    // A child that dies before "ready" must not leave the others waiting.
    ready.push(Promise.race([signalled, result]));
    return result;
  });
  await Promise.all(ready);
  for (const child of children) child.stdin.end("go\n");
  return Promise.all(done);
}

export type SpawnedTsx = {
  child: ChildProcessWithoutNullStreams;
  /** Resolves once the child has printed `text` (rejects if it exits first). */
  waitFor: (text: string) => Promise<void>;
  exited: Promise<ChildResult>;
};

/**
 * Starts a TypeScript file and returns at once, for tests that signal or kill the child. Node loads
 * tsx itself (`--import tsx`): the tsx command runs the script in a grandchild, which a SIGKILL of
 * the command would not reach.
 */
export function spawnTsx(script: string, opts: { args?: string[]; env?: Record<string, string | undefined> } = {}): SpawnedTsx {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...(opts.args ?? [])], {
    env: { ...process.env, ...opts.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end();
  const waiters: { text: string; resolve: () => void }[] = [];
  let seen = "";
  const exited = collect(child, (all) => {
    seen = all;
    for (const w of waiters.filter((w) => all.includes(w.text))) w.resolve();
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (seen.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then((r) => reject(new Error(`child exited (${r.code}) before printing ${text}: ${r.stderr}`)));
    });
  return { child, waitFor, exited };
}
