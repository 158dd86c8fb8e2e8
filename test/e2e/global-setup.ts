// Builds the site once, prepares a fresh migrated + seeded D1 and serves it
// for the whole e2e run. Tests read the URL with inject("baseURL"). Pages,
// seeds and server all run on DEMO_TODAY, as `npm start` does; the browser is
// pinned to it too (openPage in ./browser.ts).
import "../../scripts/env.ts";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { migrate, seed } from "../../scripts/db.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { pinnedClock } from "../../src/lib/clock.ts";
import { chromiumPath } from "./browser.ts";
import { freshState, startServer, type RunningServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    persistTo: string;
  }
}

const PERSIST = `${TMP_DIR}/e2e-state`;
const DIST = `${TMP_DIR}/e2e-dist`;
let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  await chromiumPath(); // unpack the packaged browser once, before the slow steps
  // The build judges upcoming forums, overdue actions and unfinished periods by its day: pin it.
  execFileSync("node", ["scripts/build.ts", DIST], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CANDOR_TODAY: DEMO_TODAY },
  });
  await freshState(PERSIST);
  await migrate(PERSIST);
  await seed(PERSIST, pinnedClock(DEMO_TODAY));
  server = await startServer({ persistTo: PERSIST, dist: DIST });
  project.provide("baseURL", server.url);
  project.provide("persistTo", PERSIST);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
