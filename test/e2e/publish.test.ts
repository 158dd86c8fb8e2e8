// HR publishes next month's pulse from the console, in Chromium, in both
// languages: one HR person starts it from this month's (one click), a second
// approves it (the author cannot), the first publishes it (a second click),
// and the file appears in the working tree with the next period's dates. The
// git host is the only thing stood in for (scripts/git-host-standin.ts), over
// a temporary copy of the content: nothing is written into this checkout.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Standin } from "../../scripts/git-host-standin.ts";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { ANA, LI, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";
import type { RunningServer } from "./server.ts";

const FILE = "src/content/surveys/pulse-2026-12.json";
let rig: PublishingRig;
let tree: string;
let standin: Standin;
let server: RunningServer;

beforeAll(async () => {
  rig = await startPublishingRig("publish");
  ({ tree, standin, server } = rig);
  cpSync("src/content/surveys", join(tree, "src/content/surveys"), { recursive: true });
});
afterAll(async () => {
  await rig?.stop();
});

const signIn = (url: string, who: { name: string; token: string }) => rig.signIn(url, who);

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
