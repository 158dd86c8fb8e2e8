// Builds functions/ into the same Worker bundle Pages deploys, so tests go
// through Pages' real router and our middleware.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { TMP_DIR } from "../../scripts/env.ts";
import { startDigestStandins } from "../../scripts/digest-standins.ts";
import { startStandin } from "../../scripts/git-host-standin.ts";

/** The token the integration Worker publishes with (PUBLISH_TOKEN, vitest.config.ts). */
export const STANDIN_TOKEN = "test-publish-token-0123456789abcdef-0123";

declare module "vitest" {
  export interface ProvidedContext {
    standinUrl: string;
    /** The HR digest's channel stand-ins (scripts/digest-standins.ts): their address and the DIGEST_* vars that point there. */
    digestStandins: { url: string; vars: Record<string, string> };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync("npx", ["wrangler", "pages", "functions", "build", "functions", "--outdir", `${TMP_DIR}/functions-worker`], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  });
  // The git host, stood in for over a throwaway copy of the content: publications never touch this checkout.
  const tree = mkdtempSync(join(tmpdir(), "candor-publish-"));
  for (const dir of ["surveys", "policy", "honours", "forums"])
    cpSync(`src/content/${dir}`, join(tree, `src/content/${dir}`), { recursive: true });
  const standin = await startStandin({ root: tree, token: STANDIN_TOKEN });
  project.provide("standinUrl", standin.url);
  const digest = await startDigestStandins();
  project.provide("digestStandins", { url: digest.url, vars: digest.vars });
  return async () => {
    await standin.close();
    await digest.close();
    rmSync(tree, { recursive: true, force: true });
  };
}
