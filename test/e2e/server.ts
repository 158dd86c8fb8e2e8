// Starts the real thing for browser tests: the built site, the functions and a
// fresh local D1 (migrated and seeded) under `wrangler pages dev`, in its own
// process group so it is always killed, even when a test run fails.
import "../../scripts/env.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  persistTo: string;
  dist: string;
  stop(): Promise<void>;
  /** Restarts on the same port and database (to test delivery after an outage). */
  restart(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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

function killGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
      resolve();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export async function startServer(options: {
  persistTo: string;
  dist: string;
  port?: number;
  vars?: Record<string, string>;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let log = "";

  const launch = async () => {
    const binding = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--binding", `${k}=${v}`]);
    child = spawn(
      "npx",
      [
        "wrangler",
        "pages",
        "dev",
        options.dist,
        "--port",
        String(port),
        "--ip",
        "127.0.0.1",
        "--persist-to",
        options.persistTo,
        "--show-interactive-dev-session=false",
        ...binding,
      ],
      { detached: true, stdio: ["ignore", "pipe", "pipe"], env: process.env },
    );
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    try {
      await waitForHealth(url, child);
    } catch (err) {
      await killGroup(child);
      throw new Error(`${(err as Error).message}\n--- wrangler output ---\n${log}`, { cause: err });
    }
  };

  await launch();
  return {
    url,
    port,
    persistTo: options.persistTo,
    dist: options.dist,
    stop: () => killGroup(child),
    restart: async () => {
      await killGroup(child);
      await launch();
    },
  };
}

export async function freshState(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
