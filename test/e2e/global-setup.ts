// Builds the site once, prepares a fresh migrated + seeded D1 and serves it
// for the whole e2e run. Tests read the URL with inject("baseURL").
import "../../scripts/env.ts";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { migrate, seed } from "../../scripts/db.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { chromiumPath } from "./browser.ts";
import { freshState, startServer, type RunningServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    persistTo: string;
  }
}

/** The day the e2e site is built for. */
export const E2E_TODAY = "2026-11-30";
const PERSIST = `${TMP_DIR}/e2e-state`;
const DIST = `${TMP_DIR}/e2e-dist`;
let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  await chromiumPath(); // unpack the packaged browser once, before the slow steps
  // The build judges upcoming forums, overdue actions and unfinished periods by its day: pin it.
  execFileSync("node", ["scripts/build.ts", DIST], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CANDOR_TODAY: E2E_TODAY },
  });
  await freshState(PERSIST);
  migrate(PERSIST);
  await seed(PERSIST);
  server = await startServer({ persistTo: PERSIST, dist: DIST });
  project.provide("baseURL", server.url);
  project.provide("persistTo", PERSIST);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
