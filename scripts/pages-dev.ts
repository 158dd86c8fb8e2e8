// `wrangler pages dev` as `npm start` and the browser tests run it: the built
// site, the functions and a local D1 on one port, started as a local Worker
// (CANDOR_ENV, so a CANDOR_TODAY pin is honoured; see src/server/config.ts)
// in its own process group, because killing npx alone leaves wrangler and
// workerd bound to the port.
import "./env.ts";
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { TMP_DIR } from "./env.ts";

export interface PagesDevOptions {
  dist: string;
  port: number;
  /** Where the local D1 lives (wrangler's default, .wrangler/state, when absent). */
  persistTo?: string;
  /** "development" for npm start, "test" for the test harnesses. */
  localEnv: "development" | "test";
  /** The pinned day (CANDOR_TODAY); the real date when absent. */
  today?: string;
  /** More bindings, e.g. ADMIN_TOKEN. */
  vars?: Record<string, string>;
  stdio: StdioOptions;
  cwd?: string;
}

export function spawnPagesDev(options: PagesDevOptions): ChildProcess {
  return spawnWrangler(
    ["pages", "dev", options.dist, ...(options.persistTo ? ["--persist-to", options.persistTo] : [])],
    Object.entries(localVars(options)).flatMap(([k, v]) => ["--binding", `${k}=${v}`]),
    options,
  );
}

/** The variables every local Worker gets: what it was given, and the local environment and pinned day. */
function localVars(options: Pick<PagesDevOptions, "vars" | "localEnv" | "today">): Record<string, string> {
  return { ...options.vars, CANDOR_ENV: options.localEnv, ...(options.today ? { CANDOR_TODAY: options.today } : {}) };
}

/** One wrangler command on 127.0.0.1:`port`, in a process group of its own. */
function spawnWrangler(command: string[], vars: string[], options: Pick<PagesDevOptions, "port" | "stdio" | "cwd">): ChildProcess {
  return spawn(
    "npx",
    ["wrangler", ...command, "--port", String(options.port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", ...vars],
    { cwd: options.cwd, detached: true, stdio: options.stdio, env: serverEnv(options.port) },
  );
}

/**
 * The environment of one `wrangler pages dev`.
 *
 * A dev registry of its own (see scripts/env.ts), so a test's second server
 * never waits on the first one's entry.
 *
 * Under `npm run test:future`, datefudge (LD_PRELOAD=datefudge.so, DATEFUDGE)
 * moves the clock of every process. Wrangler's own Node process must keep the
 * machine's: it deletes the `.wrangler/tmp` folders whose file times (written
 * by the kernel, on the real clock) look more than a day old to it, which on a
 * moved clock is every folder, including the bundle a running server is
 * serving when a test starts a second server; its dev registry makes the same
 * comparison. workerd, which runs the functions, keeps the moved clock:
 * Miniflare starts it through a wrapper (MINIFLARE_WORKERD_PATH) that puts the
 * preload back.
 */
function serverEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CLOUDFLARE_DEV_REGISTRY_PATH: resolve(TMP_DIR, "dev-registry", String(port)) };
  if (!env.DATEFUDGE) return env;
  const preload = (env.LD_PRELOAD ?? "").split(/[:\s]+/).filter((lib) => lib && !lib.endsWith("datefudge.so"));
  env.LD_PRELOAD = preload.join(":");
  env.MINIFLARE_WORKERD_PATH = movedWorkerd();
  return env;
}

function movedWorkerd(): string {
  // The binary Miniflare would run: wrangler → miniflare → workerd.
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler"));
  const binary = (createRequire(fromWrangler.resolve("miniflare"))("workerd") as { default: string }).default;
  const wrapper = resolve(TMP_DIR, "workerd-on-moved-clock");
  mkdirSync(TMP_DIR, { recursive: true });
  writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      "# npm run test:future: workerd on the moved clock (scripts/pages-dev.ts)",
      'LD_PRELOAD="datefudge.so${LD_PRELOAD:+:$LD_PRELOAD}" exec ' + JSON.stringify(binary) + ' "$@"',
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return wrapper;
}

/** Resolves once /api/health answers 200; rejects if the server exits or the time runs out. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler pages dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs} ms`);
}

/** Resolves once anything answers HTTP at `url` (the scheduled Worker has no health route); rejects if the server exits. */
export async function waitForListening(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not start in ${timeoutMs} ms`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the whole process group (npx, wrangler, workerd) and resolves once
 * none of it is left: SIGTERM, then SIGKILL for whatever still runs after 5 s.
 * Waiting for the group, not only the direct child, matters: npx can exit
 * while workerd still holds the port.
 */
export async function killGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = performance.now() + 5_000;
  while (groupAlive(pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

/** Whether nothing listens on the port yet: a server left over from an earlier run would otherwise answer the health check. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The port the scheduled Worker listens on beside `npm start`'s server (`npm run digest` triggers it there); DIGEST_PORT picks another. */
export const DIGEST_PORT = Number(process.env.DIGEST_PORT ?? 8789);

/**
 * The scheduled Worker (workers/digest/) as `npm start` runs it: `wrangler dev`
 * with --test-scheduled, so GET /__scheduled runs its daily job by hand, over
 * the same local D1 as the Pages server (same database id, same state folder).
 */
export function spawnDigestDev(options: Omit<PagesDevOptions, "dist" | "persistTo" | "cwd">): ChildProcess {
  return spawnWrangler(
    ["dev", "-c", "workers/digest/wrangler.toml", "--persist-to", ".wrangler/state", "--test-scheduled"],
    Object.entries(localVars(options)).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    options,
  );
}
