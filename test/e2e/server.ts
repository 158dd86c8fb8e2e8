// Starts the real thing for browser tests: the built site, the functions and a
// fresh local D1 (migrated and seeded) under `wrangler pages dev`, in its own
// process group so it is always killed, even when a test run fails. The
// server is a local Worker pinned to DEMO_TODAY unless a test says otherwise.
import "../../scripts/env.ts";
import type { ChildProcess } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { freePort, killGroup, spawnPagesDev, waitForHealth } from "../../scripts/pages-dev.ts";
import { testSecrets } from "../../scripts/dev-secrets.ts";

export interface RunningServer {
  url: string;
  port: number;
  persistTo: string;
  dist: string;
  stop(): Promise<void>;
  /**
   * Restarts on the same port and database (to test delivery after an
   * outage), pinned to `today` if given (the next day, for what appears at
   * the day boundary), else to the day it ran on.
   */
  restart(options?: { today?: string }): Promise<void>;
  /** The day the server is pinned to now. */
  today(): string;
}

export async function startServer(options: {
  persistTo: string;
  dist: string;
  port?: number;
  vars?: Record<string, string>;
  /** The day the server's clock is pinned to (CANDOR_TODAY). */
  today?: string;
  /** The project the server runs from (its functions/ and wrangler.toml); this checkout when absent. */
  cwd?: string;
}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let log = "";
  let today = options.today ?? DEMO_TODAY;
  const secrets = testSecrets(); // the same across restarts: tokens redeemed before an outage stay valid

  const launch = async () => {
    child = spawnPagesDev({
      dist: options.dist,
      port,
      persistTo: options.persistTo,
      localEnv: "test",
      today,
      // with the secrets a deployed Worker must have, made up for this server
      vars: { ...secrets, ...options.vars },
      stdio: ["ignore", "pipe", "pipe"],
      cwd: options.cwd,
    });
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
    restart: async (next = {}) => {
      await killGroup(child);
      today = next.today ?? today;
      await launch();
    },
    today: () => today,
  };
}

export async function freshState(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * The global setup's local D1 before any test wrote to it: migrated, and
 * migrated then seeded on DEMO_TODAY. A file that starts a server of its own
 * starts from a copy (stateFrom) instead of migrating and seeding again,
 * which cost each such file 15–30 s.
 */
export const MIGRATED_STATE = `${TMP_DIR}/e2e-migrated`;
export const SEEDED_STATE = `${TMP_DIR}/e2e-seeded`;

/** Makes `dir` a fresh copy of a state the global setup prepared. */
export async function stateFrom(template: typeof MIGRATED_STATE | typeof SEEDED_STATE, dir: string): Promise<void> {
  await freshState(dir);
  await cp(template, dir, { recursive: true });
}
