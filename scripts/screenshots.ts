// `npm run screenshots`: the pictures in docs/ (README and guides), taken from
// a fresh build and demo database on the pinned demo day, in the Chromium the
// browser tests use. Run it after changing what these pages look like, then
// look at every picture before committing it.
import "./env.ts";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { migrate, seed } from "./db.ts";
import { DEMO_TODAY } from "./demo-day.ts";
import { TMP_DIR } from "./env.ts";
import { startStandin } from "./git-host-standin.ts";
import { pinnedClock } from "#lib/clock.ts";
import { useTranslations } from "#i18n/index.ts";
import { launchBrowser } from "../test/e2e/browser.ts";
import { freshState, startServer } from "../test/e2e/server.ts";
import {
  draftFromHeldForum,
  H2_2025,
  markActionDone,
  pickExport,
  surveyFromTemplate,
  writeOutcome,
  writeResultsTexts,
} from "../test/e2e/console-steps.ts";

interface Shot {
  file: string;
  path: string;
  width: number;
  colorScheme: "light" | "dark";
  /** The viewport's height; the picture is the first screen, not the whole page. */
  height?: number;
  /** What to do before the picture (wait for an island, open a section). */
  prepare?: (page: Page) => Promise<void>;
}

const en = useTranslations("en");

const SHOTS: Shot[] = [
  { file: "screenshot-home.png", path: "/", width: 1280, colorScheme: "light", height: 900 },
  { file: "screenshot-policy-zh.png", path: "/zh-cn/policy/", width: 1280, colorScheme: "light", height: 900 },
  {
    file: "screenshot-ideas-phone-zh.png",
    path: "/zh-cn/ideas/",
    width: 360,
    colorScheme: "dark",
    height: 780,
    prepare: async (page) => {
      // from the search down: the filters, the figures folded away, the first ideas
      await page.locator("[data-idea]").first().waitFor();
      await page.locator("[data-board]").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.evaluate(() => scrollBy(0, -12));
    },
  },
  {
    file: "screenshot-survey-phone.png",
    path: "/surveys/pulse-2026-11/",
    width: 360,
    colorScheme: "light",
    height: 780,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Start the survey" }).click();
      await page.locator(".sd-rating").waitFor();
      await page.locator(".sd-rating__item").nth(3).click();
      // away from the button, and past SurveyJS's colour transition, so the picture shows the selected state
      await page.mouse.move(0, 0);
      await page.waitForTimeout(600);
      // from the survey's dates down: the short anonymity statement, the draft choice, the first question
      await page.locator("[data-survey-meta]").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.evaluate(() => scrollBy(0, -12));
    },
  },
  {
    // from the slip's QR code (the Chinese short address): the code asked for, with the warning before Continue
    file: "screenshot-survey-code-phone-zh.png",
    path: "/zh-cn/i/career",
    width: 360,
    colorScheme: "light",
    height: 780,
    prepare: async (page) => {
      await page.locator("[data-code-warning]").waitFor();
      await page.locator("form.survey-code").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.evaluate(() => scrollBy(0, -12));
    },
  },
  {
    // the printed sheet of slips, as the printer gets it: four new codes for the invitation survey
    file: "screenshot-slips.png",
    path: "/admin/surveys/",
    width: 1280,
    colorScheme: "light",
    height: 900,
    prepare: async (page) => {
      await signIn(page);
      await page.locator('[data-survey="supervisor-career-2026"]').click();
      await page.getByRole("spinbutton", { name: en("admin.surveys.codes.count") }).fill("4");
      await page.getByRole("button", { name: en("admin.surveys.codes.generate") }).click();
      await page.locator("[data-slip]").nth(3).waitFor({ state: "attached" });
      await page.emulateMedia({ media: "print" });
    },
  },
  {
    // one quarter's results: team KPIs against the targets of the version in force, and supervisors per tier
    file: "screenshot-results.png",
    path: "/results/2026-Q3/",
    width: 1280,
    colorScheme: "light",
    height: 900,
  },
  {
    // the console's inbox as HR finds it on the demo day
    file: "screenshot-console.png",
    path: "/admin/",
    width: 1280,
    colorScheme: "light",
    height: 900,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-inbox]").waitFor();
    },
  },
  {
    // a new policy version drafted from the one in force: the build's checks, the diff and the calculator on the draft
    file: "screenshot-policy-draft.png",
    path: "/admin/publish/",
    width: 1280,
    colorScheme: "light",
    height: 1400,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-start-policy]").click();
      const form = page.locator("[data-policy-draft]");
      await form.locator("[data-checks-pass]").waitFor();
      await form.locator('input[name="criteria.0.weight"]').fill("30");
      await form.locator('input[name="criteria.1.weight"]').fill("15");
      await form.locator("[data-policy-diff]").waitFor();
      await form.evaluate((el) => el.scrollIntoView({ block: "start" }));
    },
  },
  {
    // the end of a policy draft, in Chinese: the budget, and the forum that prompted the change picked from the site's own
    file: "screenshot-policy-cycles-zh.png",
    path: "/zh-cn/admin/publish/",
    width: 1280,
    colorScheme: "dark",
    height: 1300,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-start-policy]").click();
      // the drafts made for the pictures before it are on the page too: this one is the newest
      const form = page.locator("[data-policy-draft]").last();
      await form.locator("[data-checks-pass]").waitFor();
      await form.locator('textarea[name="cycles.0.paid.zh-cn"]').fill("月度绩效奖金随当月工资发放。");
      await form.locator("[data-add-prompt]").click();
      await form.locator('select[name="promptedBy.0.id"]').selectOption("2026-09-17-survey-results-and-bonus-timing");
      await form.locator('textarea[name="promptedBy.0.change.en"]').fill("The bonus is paid with the salary of the month it is for.");
      await form.locator('textarea[name="promptedBy.0.change.zh-cn"]').fill("奖金随所属月份的工资发放。");
      await form.locator("[data-prompted-by]").evaluate((el) => el.scrollIntoView({ block: "end" }));
    },
  },
  {
    // an honour written in the console, Chinese on a phone: the honour roll's check points at a reason too short
    file: "screenshot-honour-phone-zh.png",
    path: "/zh-cn/admin/publish/",
    width: 360,
    colorScheme: "dark",
    height: 1100,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-new-honour] summary").click();
      const form = page.locator("[data-honour-form]");
      await form.locator('input[name="recipient.name.en"]').fill("Guo Ying");
      await form.locator('input[name="recipient.name.zh-cn"]').fill("郭颖");
      await form.locator('textarea[name="reason.zh-cn"]').fill("表现很好。");
      await form.locator('input[name="title.en"]').focus();
      await form.locator(".field-error").waitFor();
      await form.evaluate((el) => el.scrollIntoView({ block: "start" }));
    },
  },
  {
    // the next month's pulse, one click from this month's: the draft card with its proposed dates, waiting for a second HR person
    file: "screenshot-next-run.png",
    path: "/admin/publish/",
    width: 1280,
    colorScheme: "light",
    height: 900,
    prepare: async (page) => {
      await signIn(page);
      await page.locator('[data-series="pulse"] button').click();
      const draft = page.locator('[data-draft-path^="src/content/surveys/pulse-"][data-draft-state=draft]');
      await draft.waitFor();
      await draft.evaluate((el) => el.scrollIntoView({ block: "center" }));
    },
  },
  {
    // a cycle's results: the KPI export scored in HR's browser, HR's own figures and words, and the preview of the cycle page
    file: "screenshot-results-import.png",
    path: "/admin/publish/",
    width: 1280,
    colorScheme: "dark",
    height: 1400,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-start-results]").click();
      const form = page.locator("[data-results-draft]");
      await pickExport(form, H2_2025.cycle, H2_2025.file);
      await form.locator("[data-scored]").waitFor();
      await writeResultsTexts(form);
      await form.evaluate((el) => el.scrollIntoView({ block: "start" }));
    },
  },
  {
    // an export refused on a phone, in Chinese: the heading and each of the import's lines in HR's language
    file: "screenshot-results-refused-phone-zh.png",
    path: "/zh-cn/admin/publish/",
    width: 360,
    colorScheme: "dark",
    height: 900,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-start-results]").click();
      const form = page.locator("[data-results-draft]");
      await pickExport(form, H2_2025.cycle, "test/fixtures/kpis/2025-H2-duplicate.csv");
      const refusal = form.locator("[data-refusal]");
      await refusal.waitFor();
      await refusal.evaluate((el) => el.scrollIntoView({ block: "center" }));
    },
  },
  {
    // a new survey from November's pulse, in Chinese on a phone: a question edited beside SurveyJS's own preview
    file: "screenshot-survey-editor-phone-zh.png",
    path: "/zh-cn/admin/publish/",
    width: 360,
    colorScheme: "light",
    height: 1400,
    prepare: async (page) => {
      await signIn(page);
      await surveyFromTemplate(page, {
        template: "pulse-2026-11",
        id: "canteen-2026-12",
        title: { en: "Canteen survey", "zh-cn": "食堂调查" },
      });
      const editor = page.locator("[data-survey-editor]");
      await editor.waitFor();
      await editor.locator('input[name="satisfaction.title.zh-cn"]').fill("您对本月食堂的总体满意度如何？");
      await editor.locator('[data-survey-preview] .sd-question[data-name="satisfaction"]', { hasText: "食堂" }).waitFor();
      await editor.locator("[data-survey-preview]").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await page.evaluate(() => scrollBy(0, -400));
    },
  },
  {
    // a held forum's action recorded as done, with what came of it: the "you said, we did" entry
    file: "screenshot-forum-outcome.png",
    path: "/admin/publish/",
    width: 1280,
    colorScheme: "light",
    height: 1000,
    prepare: async (page) => {
      await signIn(page);
      await page.locator("[data-new-forum]").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await draftFromHeldForum(page, en, "2026-09-17-survey-results-and-bonus-timing");
      const action = page.locator('[data-forum-form] [data-action="bonus-by-the-10th"]');
      await action.waitFor();
      await markActionDone(action, en);
      await writeOutcome(action, {
        en: "From October, the bonus is paid with the salary of the 10th.",
        "zh-cn": "自十月起，奖金随每月10日的工资一并发放。",
      });
      await action.evaluate((el) => el.scrollIntoView({ block: "start" }));
    },
  },
  ...(
    [
      ["screenshot-survey-results.png", "/surveys/reward-survey-2026-h1/", 1280, "light"],
      ["screenshot-survey-results-phone-zh.png", "/zh-cn/surveys/reward-survey-2026-h1/", 360, "dark"],
    ] as const
  ).map(([file, path, width, colorScheme]): Shot => ({
    file,
    path,
    width,
    colorScheme,
    height: width < 600 ? 780 : 900,
    // the results' first screen: the summary of changes, then the first questions with their tables folded
    prepare: async (page) => {
      await page.locator("#survey-results [data-summary]").waitFor();
      await page.locator("#survey-results").evaluate((el) => el.scrollIntoView({ block: "start" }));
    },
  })),
];

/** Signs in to the console once its island has hydrated. */
async function signIn(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);
  await page.locator("#admin-token:not([disabled])").fill(ADMIN_TOKEN); // the field, in either language
  await page.keyboard.press("Enter");
  await page.locator("[data-admin-session=in]").waitFor();
}

/** HR's sign-in for the console's pictures: a local server of this script's own, never a deployment. */
const ADMIN_TOKEN = "screenshots-console-token-0123456789-abcdef";

const PERSIST = `${TMP_DIR}/screenshots-state`;
const DIST = `${TMP_DIR}/screenshots-dist`;

// the demo day for the build (its pages say what is open), the seed and the server alike
process.env.CANDOR_TODAY = DEMO_TODAY;
execFileSync("node", ["scripts/build.ts", DIST], { stdio: ["ignore", "ignore", "inherit"] });
await freshState(PERSIST);
await migrate(PERSIST);
await seed(PERSIST, pinnedClock(DEMO_TODAY));
// a policy draft starts from the repository's version in force: the git host's stand-in, over a copy of the content
const tree = mkdtempSync(join(tmpdir(), "candor-screenshots-"));
cpSync("src/content", join(tree, "src/content"), { recursive: true });
const PUBLISH_TOKEN = "screenshots-publish-token-0123456789-abcdef";
const standin = await startStandin({ root: tree, token: PUBLISH_TOKEN });
const server = await startServer({
  persistTo: PERSIST,
  dist: DIST,
  vars: { ADMIN_TOKEN, PUBLISH_REPO: "candor/candor", PUBLISH_BRANCH: "main", PUBLISH_TOKEN, PUBLISH_API_URL: standin.url },
});
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({
      colorScheme: shot.colorScheme,
      viewport: { width: shot.width, height: shot.height ?? 900 },
      deviceScaleFactor: shot.width < 600 ? 2 : 1,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}${shot.path}`, { waitUntil: "networkidle" });
    await shot.prepare?.(page);
    await page.screenshot({ path: join("docs", shot.file) });
    console.log(`docs/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await standin.close();
  rmSync(tree, { recursive: true, force: true });
}
