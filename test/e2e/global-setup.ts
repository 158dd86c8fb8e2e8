// Builds the site once, prepares a fresh migrated + seeded D1 and serves it
// for the whole e2e run. Tests read the URL with inject("baseURL"). Pages,
// seeds and server all run on DEMO_TODAY, as `npm start` does; the browser is
// pinned to it too (openPage in ./browser.ts). The files with a server of
// their own start from a copy of that database as it was before any test
// (stateFrom in ./server.ts).
//
// Both browser projects (vitest.config.ts: the files that share this server,
// and those that start their own from the same build) list this setup; they
// run side by side in one process, so the build and the server are made once,
// by whichever project starts first, and stopped when the last one ends.
import "../../scripts/env.ts";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { migrate, seed } from "../../scripts/db.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { pinnedClock } from "#lib/clock.ts";
import { chromiumPath } from "./browser.ts";
import { freshState, MIGRATED_STATE, SEEDED_STATE, startServer, stateFrom, type RunningServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    persistTo: string;
  }
}

const PERSIST = `${TMP_DIR}/e2e-state`;
const DIST = `${TMP_DIR}/e2e-dist`;

// Shared through globalThis: each project may load this module on its own.
const shared = globalThis as typeof globalThis & { candorE2E?: { server: Promise<RunningServer>; users: number } };

async function prepare(): Promise<RunningServer> {
  await chromiumPath(); // unpack the packaged browser once, before the slow steps
  // The build judges upcoming forums, overdue actions and unfinished periods by its day: pin it.
  execFileSync("node", ["scripts/build.ts", DIST], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CANDOR_TODAY: DEMO_TODAY },
  });
  await freshState(MIGRATED_STATE);
  await migrate(MIGRATED_STATE);
  await stateFrom(MIGRATED_STATE, SEEDED_STATE);
  await seed(SEEDED_STATE, pinnedClock(DEMO_TODAY));
  await stateFrom(SEEDED_STATE, PERSIST);
  return startServer({ persistTo: PERSIST, dist: DIST });
}

export async function setup(project: TestProject): Promise<void> {
  shared.candorE2E ??= { server: prepare(), users: 0 };
  shared.candorE2E.users += 1;
  const server = await shared.candorE2E.server;
  project.provide("baseURL", server.url);
  project.provide("persistTo", PERSIST);
}

export async function teardown(): Promise<void> {
  const e2e = shared.candorE2E;
  if (!e2e || --e2e.users > 0) return;
  shared.candorE2E = undefined;
  await (await e2e.server.catch(() => undefined))?.stop();
}
