// Builds the site once, prepares a fresh migrated + seeded D1 and serves it
// for the whole e2e run. Tests read the URL with inject("baseURL").
import "../../scripts/env.ts";
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { migrate, seed } from "../../scripts/db.ts";
import { chromiumPath } from "./browser.ts";
import { freshState, startServer, type RunningServer } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    persistTo: string;
  }
}

const PERSIST = ".tmp/e2e-state";
let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  chromiumPath(); // fail fast, with install instructions, before the slow steps
  execFileSync("node", ["scripts/build.ts"], { stdio: ["ignore", "ignore", "inherit"] });
  await freshState(PERSIST);
  migrate(PERSIST);
  await seed(PERSIST);
  server = await startServer({ persistTo: PERSIST });
  project.provide("baseURL", server.url);
  project.provide("persistTo", PERSIST);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
