// What a browser test of the console's publishing needs, apart from the
// shared server: a server of its own with two named HR people (so a second
// person can approve), its publisher pointed at the git host's stand-in over
// a temporary tree, a seeded database, and a browser; and signing in as one
// of the two; and the second person's approval and the first's publishing of a draft.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { startStandin, type Standin } from "../../scripts/git-host-standin.ts";
import { siteRebuilder, type Rebuilder } from "../../scripts/site-rebuild.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { SEEDED_STATE, stateFrom, startServer, type RunningServer } from "./server.ts";

export const ANA = { name: "ana@candor.test", token: "e2e-hr-token-ana-0123456789-abcdefghijklmnop" };
export const LI = { name: "li@candor.test", token: "e2e-hr-token-li-0123456789-abcdefghijklmnopq" };
const PUBLISH_TOKEN = "e2e-publish-token-0123456789-abcdefghijklmnop";

export interface PublishingRig {
  /** The stand-in's working tree (a temporary directory): what publishing writes. */
  tree: string;
  standin: Standin;
  server: RunningServer;
  /** With `project`: rebuilds the tree's site after each commit, as `npm start` does. */
  rebuilder: Rebuilder | null;
  browser: Browser;
  signIn(url: string, who: { name: string; token: string }): Promise<{ page: Page; close(): Promise<void>; problems: string[] }>;
  stop(): Promise<void>;
}

/** What a copy of the project needs to build its site and run its functions. */
const PROJECT_FILES = ["src", "public", "functions", "scripts", "package.json", "astro.config.mjs", "tsconfig.json", "wrangler.toml"];

/**
 * Starts the rig; `name` keeps its database apart from other files'. With
 * `project`, the tree is a copy of this project (under the scratch folder, so
 * it resolves this checkout's node_modules) serving the e2e build from its own
 * dist/, and each commit rebuilds that site while the server runs, as
 * `npm start` does (scripts/site-rebuild.ts); otherwise an empty tree and the
 * e2e build served as it is.
 */
export async function startPublishingRig(name: string, options: { project?: boolean } = {}): Promise<PublishingRig> {
  let tree: string;
  let rebuilder: Rebuilder | null = null;
  if (options.project) {
    mkdirSync(TMP_DIR, { recursive: true });
    tree = resolve(mkdtempSync(join(TMP_DIR, `${name}-project-`)));
    for (const file of PROJECT_FILES) cpSync(file, join(tree, file), { recursive: true });
    cpSync(`${TMP_DIR}/e2e-dist`, join(tree, "dist"), { recursive: true });
    symlinkSync(resolve("node_modules"), join(tree, "node_modules"));
    rebuilder = siteRebuilder(
      {
        served: join(tree, "dist"),
        scratch: join(tree, "next-dist"),
        build: async (outDir) =>
          void (await promisify(execFile)("node", ["scripts/build.ts", outDir], {
            cwd: tree,
            maxBuffer: 1 << 26,
            // the day the rest of the e2e build was made for, as npm start pins its rebuilds
            env: { ...process.env, CANDOR_TODAY: DEMO_TODAY },
          })),
      },
      () => {},
    );
  } else tree = mkdtempSync(join(tmpdir(), `candor-e2e-${name}-`));
  const standin = await startStandin({ root: tree, token: PUBLISH_TOKEN, onCommit: (path) => rebuilder?.request(path) });
  const persistTo = resolve(`${TMP_DIR}/${name}-e2e`); // absolute: a project tree's server runs from there
  await stateFrom(SEEDED_STATE, persistTo);
  const server = await startServer({
    persistTo,
    ...(options.project ? { dist: "dist", cwd: tree } : { dist: `${TMP_DIR}/e2e-dist` }),
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
    rebuilder,
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
      await rebuilder?.settled().catch(() => {}); // a build still running would write into a removed tree
      await browser.close();
      await server.stop();
      await standin.close();
      rmSync(tree, { recursive: true, force: true });
    },
  };
}

/**
 * The four-eyes steps after HR drafted a publication in the console: a
 * second HR person (Li) approves draft `id` on the publishing page `url`,
 * then its author (Ana) publishes it; resolves once the console shows it
 * building (committed to the stand-in's tree).
 */
export async function approveAndPublish(
  rig: PublishingRig,
  url: string,
  id: string,
  t: (key: "admin.programme.approve" | "admin.programme.publish") => string,
): Promise<void> {
  const card = (page: Page, state: string) => page.locator(`[data-draft="${id}"][data-draft-state=${state}]`);
  const li = await rig.signIn(url, LI);
  try {
    await card(li.page, "draft")
      .getByRole("button", { name: t("admin.programme.approve") })
      .click();
    await card(li.page, "approved").waitFor();
    if (li.problems.length > 0) throw new Error(`approving: ${li.problems.join("; ")}`);
  } finally {
    await li.close();
  }
  const ana = await rig.signIn(url, ANA);
  try {
    await card(ana.page, "approved")
      .getByRole("button", { name: t("admin.programme.publish") })
      .click();
    await card(ana.page, "building").waitFor();
    if (ana.problems.length > 0) throw new Error(`publishing: ${ana.problems.join("; ")}`);
  } finally {
    await ana.close();
  }
}
