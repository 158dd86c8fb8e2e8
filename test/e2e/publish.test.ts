// HR publishes next month's pulse from the console, in Chromium, in both
// languages: one HR person starts it from this month's (one click), a second
// approves it (the author cannot), the first publishes it (a second click),
// and the file appears in the working tree with the next period's dates. The
// git host is the only thing stood in for (scripts/git-host-standin.ts), over
// a temporary copy of the content: nothing is written into this checkout.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../scripts/db.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { startStandin, type Standin } from "../../scripts/git-host-standin.ts";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { pinnedClock } from "#lib/clock.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { freshState, startServer, type RunningServer } from "./server.ts";

const ANA = { name: "ana@candor.test", token: "e2e-hr-token-ana-0123456789-abcdefghijklmnop" };
const LI = { name: "li@candor.test", token: "e2e-hr-token-li-0123456789-abcdefghijklmnopq" };
const PUBLISH_TOKEN = "e2e-publish-token-0123456789-abcdefghijklmnop";
const FILE = "src/content/surveys/pulse-2026-12.json";
let tree: string;
let standin: Standin;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  tree = mkdtempSync(join(tmpdir(), "candor-e2e-publish-"));
  cpSync("src/content/surveys", join(tree, "src/content/surveys"), { recursive: true });
  standin = await startStandin({ root: tree, token: PUBLISH_TOKEN });
  const persistTo = `${TMP_DIR}/publish-e2e`;
  await freshState(persistTo);
  execFileSync("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], { stdio: "ignore" });
  await seed(persistTo, pinnedClock(DEMO_TODAY));
  server = await startServer({
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
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await standin?.close();
  if (tree) rmSync(tree, { recursive: true, force: true });
});

async function signIn(
  url: string,
  who: { name: string; token: string },
): Promise<{ page: Page; close(): Promise<void>; problems: string[] }> {
  const opened = await openPage(browser, url);
  const { page } = opened;
  await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);
  await page.locator("#admin-token:not([disabled])").fill(who.token);
  await page.locator("#admin-token").press("Enter");
  await page.locator("[data-admin-session=in] [data-actor]").getByText(who.name).waitFor();
  return { page, close: opened.close, problems: opened.problems };
}

describe("publishing next month's pulse from the console", () => {
  for (const lang of ["en", "zh-cn"] as const) {
    it(`${lang}: starts December's pulse from November's, a second HR person approves, the first publishes, the file is written`, async () => {
      rmSync(join(tree, FILE), { force: true });
      const t = translator(pickStrings(lang, "admin."));
      const url = `${server.url}${lang === "en" ? "" : "/zh-cn"}/admin/publish/`;
      // the other language's run left its publication in the list: this run's is told by its id
      let id = "";
      const draftCard = (page: Page, state: string) =>
        page.locator(id ? `[data-draft="${id}"][data-draft-state=${state}]` : `[data-draft-path="${FILE}"][data-draft-state=${state}]`);

      const ana = await signIn(url, ANA);
      let clicks = 0;
      try {
        // click 1: start the next run of the pulse series
        await ana.page
          .locator("[data-series=pulse]")
          .getByRole("button", { name: t("admin.programme.start") })
          .click();
        clicks++;
        const mine = draftCard(ana.page, "draft");
        await mine.waitFor();
        id = (await mine.getAttribute("data-draft"))!;
        await expect(mine.textContent()).resolves.toContain(t("admin.programme.ownDraft"));
        expect(await mine.getByRole("button", { name: t("admin.programme.approve") }).count()).toBe(0);
      } catch (err) {
        await ana.close();
        throw err;
      }

      const li = await signIn(url, LI);
      try {
        const theirs = draftCard(li.page, "draft");
        await theirs.getByRole("button", { name: t("admin.programme.approve") }).click();
        await draftCard(li.page, "approved").waitFor();
        expect(li.problems).toEqual([]);
      } finally {
        await li.close();
      }

      try {
        await ana.page.reload();
        await ana.page.locator("[data-admin-session=in]").waitFor();
        // click 2: publish
        await draftCard(ana.page, "approved")
          .getByRole("button", { name: t("admin.programme.publish") })
          .click();
        clicks++;
        const done = draftCard(ana.page, "building");
        await done.waitFor();
        expect(await done.locator("[data-state]").textContent()).toBe(t("admin.programme.state.building"));
        expect(ana.problems).toEqual([]);
      } finally {
        await ana.close();
      }
      expect(clicks).toBeLessThanOrEqual(3);

      expect(existsSync(join(tree, FILE))).toBe(true);
      const text = readFileSync(join(tree, FILE), "utf8");
      // laid out as the repository's formatter lays it out: the publication passes npm run lint as a hand-made file does
      expect(await prettier.format(text, { parser: "json", printWidth: 140 })).toBe(text);
      const written = JSON.parse(text);
      expect(written).toMatchObject({ id: "pulse-2026-12", opens: "2026-12-20", closes: "2027-01-04", series: "pulse", version: 1 });
      expect(written.title).toEqual({ default: "Monthly pulse, December 2026", "zh-cn": "月度快速调查（2026年12月）" });
      const commit = standin.commits.at(-1)!;
      expect([commit.path, commit.author?.email]).toEqual([FILE, ANA.name]);
      // nothing was written into the checkout under test
      expect(existsSync(FILE)).toBe(false);
    });
  }
});
