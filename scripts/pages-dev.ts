// `wrangler pages dev` as `npm start` and the browser tests run it: the built
// site, the functions and a local D1 on one port, started as a local Worker
// (CANDOR_ENV, so a CANDOR_TODAY pin is honoured; see src/server/config.ts)
// in its own process group, because killing npx alone leaves wrangler and
// workerd bound to the port.
import "./env.ts";
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";

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
  const vars: Record<string, string> = {
    ...options.vars,
    CANDOR_ENV: options.localEnv,
    ...(options.today ? { CANDOR_TODAY: options.today } : {}),
  };
  return spawn(
    "npx",
    [
      "wrangler",
      "pages",
      "dev",
      options.dist,
      "--port",
      String(options.port),
      "--ip",
      "127.0.0.1",
      ...(options.persistTo ? ["--persist-to", options.persistTo] : []),
      "--show-interactive-dev-session=false",
      ...Object.entries(vars).flatMap(([k, v]) => ["--binding", `${k}=${v}`]),
    ],
    { cwd: options.cwd, detached: true, stdio: options.stdio, env: process.env },
  );
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
