// What a browser test of the console's publishing needs, apart from the
// shared server: a server of its own with two named HR people (so a second
// person can approve), its publisher pointed at the git host's stand-in over
// a temporary tree, a seeded database, and a browser; and signing in as one
// of the two.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { seed } from "../../scripts/db.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { startStandin, type Standin } from "../../scripts/git-host-standin.ts";
import { pinnedClock } from "#lib/clock.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { freshState, startServer, type RunningServer } from "./server.ts";

export const ANA = { name: "ana@candor.test", token: "e2e-hr-token-ana-0123456789-abcdefghijklmnop" };
export const LI = { name: "li@candor.test", token: "e2e-hr-token-li-0123456789-abcdefghijklmnopq" };
const PUBLISH_TOKEN = "e2e-publish-token-0123456789-abcdefghijklmnop";

export interface PublishingRig {
  /** The stand-in's working tree (a temporary directory): what publishing writes. */
  tree: string;
  standin: Standin;
  server: RunningServer;
  browser: Browser;
  signIn(url: string, who: { name: string; token: string }): Promise<{ page: Page; close(): Promise<void>; problems: string[] }>;
  stop(): Promise<void>;
}

/** Starts the rig; `name` keeps its database apart from other files'. */
export async function startPublishingRig(name: string): Promise<PublishingRig> {
  const tree = mkdtempSync(join(tmpdir(), `candor-e2e-${name}-`));
  const standin = await startStandin({ root: tree, token: PUBLISH_TOKEN });
  const persistTo = `${TMP_DIR}/${name}-e2e`;
  await freshState(persistTo);
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { stdio: "ignore" });
  await seed(persistTo, pinnedClock(DEMO_TODAY));
  const server = await startServer({
    persistTo,
    dist: `${TMP_DIR}/e2e-dist`,
    vars: {
      HR_TOKENS: `${ANA.name}=${ANA.token},${LI.name}=${LI.token}`,
      PUBLISH_REPO: "candor/candor",
      PUBLISH_BRANCH: "main",
      PUBLISH_TOKEN,
      PUBLISH_API_URL: standin.url,
    },
  });
  const browser = await launchBrowser();
  return {
    tree,
    standin,
    server,
    browser,
    async signIn(url, who) {
      const opened = await openPage(browser, url);
      const { page } = opened;
      await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);
      await page.locator("#admin-token:not([disabled])").fill(who.token);
      await page.locator("#admin-token").press("Enter");
      await page.locator("[data-admin-session=in] [data-actor]").getByText(who.name).waitFor();
      return { page, close: opened.close, problems: opened.problems };
    },
    async stop() {
      await browser.close();
      await server.stop();
      await standin.close();
      rmSync(tree, { recursive: true, force: true });
    },
  };
}
