// The local site rebuilt after HR publishes, while `npm start` keeps serving:
// the build goes to a scratch folder, then the served folder is brought in
// line with it file by file (new and changed files written, vanished ones
// removed), so the server never sees a missing or half-built site and need
// not restart. `wrangler pages dev` reads static files from disk on each
// request and rebuilds the Functions when a file they import changes (the
// generated survey list among them), so the next request sees the new site.
//
// Publications that arrive during a build are coalesced: one more build runs
// after it, from the tree as it then is.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { filesUnder } from "./files-under.ts";

export interface RebuildOptions {
  /** The folder the server serves. */
  served: string;
  /** Where a build is made before it replaces the served site. */
  scratch: string;
  /** Builds the site into the folder given; rejects when the build fails. */
  build(outDir: string): Promise<void>;
  /** Files of the served folder that are not the build's (e.g. a start's stamp): kept. */
  keep?: readonly string[];
}

export interface Rebuilder {
  /** Asks for a build (at once, or after the running one). */
  request(reason: string): void;
  /** Resolves when no build is running or waiting; rejects with the last build's error, if it failed. */
  settled(): Promise<void>;
}

export type RebuildEvent = { kind: "built"; reasons: string[]; seconds: number } | { kind: "failed"; reasons: string[]; error: Error };

/** Makes `target` hold exactly `source`'s files, writing only what differs. */
export function syncFolder(source: string, target: string, keep: readonly string[] = []): { written: number; removed: number } {
  let written = 0;
  let removed = 0;
  const wanted = new Set(filesUnder(source));
  for (const file of wanted) {
    const to = join(target, file);
    const from = join(source, file);
    if (existsSync(to) && readFileSync(to).equals(readFileSync(from))) continue;
    cpSync(from, to, { force: true });
    written++;
  }
  if (existsSync(target)) {
    for (const file of filesUnder(target)) {
      if (wanted.has(file) || keep.includes(file)) continue;
      rmSync(join(target, file));
      removed++;
    }
  }
  return { written, removed };
}

export function siteRebuilder(options: RebuildOptions, report: (event: RebuildEvent) => void): Rebuilder {
  let running: Promise<void> | null = null;
  let waiting: string[] = [];
  let lastError: Error | null = null;

  async function buildOnce(reasons: string[]): Promise<void> {
    const started = performance.now();
    try {
      rmSync(options.scratch, { recursive: true, force: true });
      await options.build(options.scratch);
      syncFolder(options.scratch, options.served, options.keep);
      rmSync(options.scratch, { recursive: true, force: true });
      lastError = null;
      report({ kind: "built", reasons, seconds: (performance.now() - started) / 1000 });
    } catch (err) {
      lastError = err as Error;
      report({ kind: "failed", reasons, error: lastError });
    }
  }

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const reasons = waiting;
      waiting = [];
      await buildOnce(reasons);
    }
    running = null;
  }

  return {
    request(reason) {
      if (!waiting.includes(reason)) waiting.push(reason);
      running ??= drain();
    },
    async settled() {
      while (running) await running;
      if (lastError) throw lastError;
    },
  };
}
