// HR's survey tools in Chromium, in both languages: generate invitation codes
// and use one on the invitation survey (the console's count of codes used
// does not move on the day), raise the audience and find the raise on the
// public survey page, read the comments, download the CSV and parse what the
// browser saved (no free text), see the heatmap with withheld cells, and find
// the read on the public page of HR's reads. axe in light and dark; screenshots at 360 and 1280 px. On its own
// server with an ADMIN_TOKEN and a freshly seeded D1, on DEMO_TODAY.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import jsQR from "jsqr";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { useTranslations } from "#i18n/index.ts";
import { formatDay } from "#i18n/translate.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { storeResponse } from "#server/db/responses.ts";
import { expectAxeClean, launchBrowser, openPage } from "./browser.ts";
import { SEEDED_STATE, stateFrom, startServer, type RunningServer } from "./server.ts";

const ADMIN_TOKEN = "e2e-survey-tools-token-0123456789-abcdefgh";
const TODAY = DEMO_TODAY;
const DIST = `${TMP_DIR}/e2e-dist`;
const SHOTS = `${TMP_DIR}/screenshots`;
const H1 = "reward-survey-2026-h1";
const CAREER = "supervisor-career-2026";
const HOSTILE = '=HYPERLINK("http://evil.example","click") — "quoted", with commas,\nand a second line';
let server: RunningServer;
let browser: Browser;
let persistTo: string;

beforeAll(async () => {
  persistTo = `${TMP_DIR}/survey-tools-e2e`;
  await stateFrom(SEEDED_STATE, persistTo); // migrated and seeded on DEMO_TODAY
  // one more H1 response whose comment tries a formula and every CSV special character
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(persistTo, "v3") } });
  try {
    const h1 = findSurvey(H1)!;
    const answers = { ...sampleAnswers(h1.definition, h1.questions, seededRandom(4242)), comments: HOSTILE };
    const checked = validateAnswers(h1.definition, answers, "en", h1.questions);
    if (!checked.ok) throw new Error(JSON.stringify(checked.fields));
    await storeResponse(proxy.env, {
      surveyId: H1,
      surveyVersion: h1.version,
      day: h1.closes,
      rows: checked.rows,
      submissionId: "e2e-hostile-comment-0001",
    });
  } finally {
    await proxy.dispose();
  }
  server = await startServer({ persistTo, dist: DIST, today: TODAY, vars: { ADMIN_TOKEN } });
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The console's first check of the sign-in answers 401 until HR signs in, and the browser logs it: the only noise allowed. */
function expectOnlySignInCheck(problems: string[]) {
  expect(problems.filter((p) => !p.includes("status of 401"))).toEqual([]);
  expect(problems.length).toBeLessThanOrEqual(1);
}

const hydrated = (page: Page) => page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);
const prefixOf = (locale: "en" | "zh-cn") => (locale === "en" ? "" : "/zh-cn");

async function signIn(page: Page, locale: "en" | "zh-cn") {
  const t = useTranslations(locale);
  await hydrated(page);
  await page.getByRole("textbox", { name: t("admin.signIn.token") }).fill(ADMIN_TOKEN);
  await page.keyboard.press("Enter");
}

async function openSurvey(page: Page, id: string) {
  await page.locator(`[data-survey="${id}"]`).click();
  await page.locator(`[data-survey-view="${id}"]`).waitFor();
}

describe("HR survey tools in the browser", () => {
  for (const locale of ["en", "zh-cn"] as const) {
    const t = useTranslations(locale);
    const prefix = prefixOf(locale);

    it(`${locale}: codes generated, downloaded and one used on the invitation survey, not counted that day; the audience raised in public`, async () => {
      const hr = await openPage(browser, `${server.url}${prefix}/admin/surveys/`, { acceptDownloads: true });
      const { page } = hr;
      try {
        await signIn(page, locale);
        await page.locator("[data-surveys]").waitFor();
        await expectAxeClean(page);
        // each survey states its own k: the supervisors' survey withholds groups under 6, the others under the site's 5
        const kOf = (id: string) => page.locator(`[data-survey="${id}"] [data-min-group-size]`);
        expect(await kOf(CAREER).textContent()).toBe(t("admin.surveys.k", { k: 6 }));
        expect(await kOf("pulse-2026-11").textContent()).toBe(t("admin.surveys.k", { k: 5 }));
        expect(await page.locator("[data-surveys] > p.muted").textContent()).not.toMatch(/\d/);
        await openSurvey(page, CAREER);
        expect(await page.locator("[data-survey-view] [data-min-group-size]").getAttribute("data-min-group-size")).toBe("6");
        const counts = page.locator("[data-code-counts]");
        const use = page.locator("[data-code-use]");
        const before = (await counts.textContent())!;
        const usedBefore = (await use.textContent())!;
        await page.getByRole("spinbutton", { name: t("admin.surveys.codes.count") }).fill("3");
        await page.getByRole("button", { name: t("admin.surveys.codes.generate") }).click();
        await page.locator("[data-new-codes]").waitFor();
        expect(await page.locator('[data-codes] [data-outcome="generate"][role=status]').textContent()).toBe(
          t("admin.surveys.codes.shownOnce", { n: 3 }),
        );
        const codes = await page.locator(".admin-code-list code").allTextContents();
        expect(codes).toHaveLength(3);
        await expect.poll(() => counts.textContent()).not.toBe(before);
        // the codes as a CSV file, parsed from what the browser saved
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: t("admin.surveys.codes.download") }).click(),
        ]);
        const saved = await readFile((await download.path())!, "utf8");
        const rows = Papa.parse<string[]>(saved.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
        expect(rows).toEqual([[t("admin.surveys.codes.csvHeader")], ...codes.map((c) => [c])]);
        // the printable sheet: one slip per code, seen only when printing
        await expect.poll(() => page.locator("[data-slip]").count()).toBe(3);
        expect(await page.locator(".admin-slips").isVisible()).toBe(false);
        const slip = await readSlip(page, codes[0]!);
        const origin = new URL(server.url);
        // a QR code of the short address in the console's language, and each language's own address in its own lines
        expect(slip.qr).toBe(`${server.url}${prefix}/i/career`);
        expect(slip.langs.map((l) => l.lang)).toEqual(locale === "en" ? ["en", "zh-CN"] : ["zh-CN", "en"]);
        for (const l of slip.langs) {
          const tl = useTranslations(l.lang === "en" ? "en" : "zh-cn");
          const address = `${origin.host}${l.lang === "en" ? "" : "/zh-cn"}/i/career`;
          expect(l.lines).toEqual([
            l.lang === "en" ? "Career paths and training for supervisors" : "客服主管职业发展与培训调查",
            tl("admin.slip.open", { address }),
            tl("admin.slip.warning"),
            tl("admin.slip.anonymous"),
          ]);
        }
        // no line runs one language into the other ("关联。· Open")
        for (const line of slip.langs.flatMap((l) => l.lines)) expect(/[\u4e00-\u9fff]/.test(line) && /\bOpen\b/.test(line)).toBe(false);
        await page.emulateMedia({ media: "print" });
        expect(await page.locator(".admin-slips").isVisible()).toBe(true);
        await page.screenshot({ path: `${SHOTS}/console-slips-${locale}.png` });
        await page.pdf({ path: `${SHOTS}/console-slips-${locale}.pdf`, format: "A4" });
        await page.emulateMedia({ media: "screen" });
        await expectAxeClean(page);

        // an employee uses one code, typed loosely
        const st = useTranslations(locale);
        // by the slip's QR code: the short address opens the survey in the slip's language with the cursor in the code field
        const employee = await openPage(browser, slip.qr!);
        try {
          await expect.poll(() => employee.page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe("survey-code");
          expect(new URL(employee.page.url()).pathname).toBe(`${prefix}/surveys/${CAREER}/`);
          expect(new URL(employee.page.url()).hash).toBe("#code");
          await employee.page.getByLabel(st("survey.code.label")).fill(codes[0]!.toLowerCase().replace(/-/g, " "));
          await employee.page.getByRole("button", { name: st("survey.code.continue") }).click();
          const q = (name: string) => employee.page.locator(`.sd-question[data-name="${name}"]`);
          await q("pathsClear").locator('label:has(input[value="4"])').click();
          await q("guidanceUseful").locator('label:has(input[value="3"])').click();
          await q("interests").locator('label:has(input[value="mentoring"])').click();
          await employee.page.locator(".sd-navigation__complete-btn").click();
          await employee.page.getByRole("heading", { name: st("survey.done.title") }).waitFor({ timeout: 15_000 });
          expect(employee.problems).toEqual([]);
        } finally {
          await employee.close();
        }
        // the other language's address on the slip leads to the survey in that language, ready for the code too
        const otherPrefix = prefix === "" ? "/zh-cn" : "";
        const other = await openPage(browser, `${server.url}${otherPrefix}/i/career/`);
        try {
          await expect.poll(() => other.page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe("survey-code");
          expect(new URL(other.page.url()).pathname).toBe(`${otherPrefix}/surveys/${CAREER}/`);
          expect(other.problems).toEqual([]);
        } finally {
          await other.close();
        }

        // the person's code was used up (here: answered; it could as well have been a page that closed): HR replaces it
        const replaceForm = page.locator("[data-replace-code]");
        const beforeReplace = countsOf(await counts.textContent());
        await replaceForm.getByLabel(t("admin.surveys.codes.code")).fill(codes[0]!);
        await replaceForm.getByRole("button", { name: t("admin.surveys.codes.replace") }).click();
        await page
          .getByRole("status")
          .filter({ hasText: t("admin.surveys.codes.replaced", { old: codes[0]! }) })
          .waitFor();
        const replacement = await page.locator(".admin-code-list code").allTextContents();
        expect(replacement).toHaveLength(1);
        expect(replacement[0]).not.toBe(codes[0]);
        await expect.poll(() => page.locator("[data-slip]").count()).toBe(1);
        expect((await readSlip(page, replacement[0]!)).qr).toBe(`${server.url}${prefix}/i/career`);
        // one more issued, one more withdrawn, as many that can still be issued: the count of usable codes kept
        await expect
          .poll(async () => countsOf(await counts.textContent()))
          .toEqual({ ...beforeReplace, issued: beforeReplace.issued + 1, withdrawn: beforeReplace.withdrawn + 1 });

        await page.reload();
        await page.locator(`[data-survey-view="${CAREER}"]`).waitFor();
        await page.locator("[data-code-use]").waitFor();
        // the code was used today: HR's count moves only over whole past days, in steps, never as it happens
        expect(await page.locator("[data-code-use]").textContent()).toBe(usedBefore);

        // raise the audience by one: on the record, and on the survey's public page with its day
        const audience = Number((await page.locator("[data-audience-now]").textContent())!.match(/\d+/)![0]);
        await page.getByRole("spinbutton", { name: t("admin.surveys.audience.label", { audience }) }).fill(String(audience + 1));
        await page.getByRole("button", { name: t("admin.surveys.audience.raise") }).click();
        // said beside its button, announced (console outcomes: src/components/admin/Outcome.tsx)
        await page
          .locator('[data-audience] [data-outcome="audience"][role=status][aria-live=polite]')
          .filter({ hasText: t("admin.surveys.audience.done", { audience: audience + 1 }) })
          .waitFor();
        const visitor = await openPage(browser, `${server.url}${prefix}/surveys/${CAREER}/`);
        try {
          const raised = visitor.page.locator("[data-survey-facts] [data-raise]").last();
          await raised.waitFor();
          const date = formatDay(locale, TODAY, "short");
          expect(await raised.textContent()).toBe(st("surveyFacts.raised", { from: audience, to: audience + 1, date }));
          expect(visitor.problems).toEqual([]);
        } finally {
          await visitor.close();
        }

        // withdraw every code (the seeded demo codes too, used or not): every code issued is withdrawn
        await page.getByRole("button", { name: t("admin.surveys.codes.withdrawAll") }).click();
        await page
          .getByRole("group")
          .getByRole("button", { name: t("admin.surveys.codes.withdrawAll") })
          .click();
        await page
          .locator('[data-codes] [data-outcome="withdrawAll"][role=status]')
          .filter({ hasText: locale === "en" ? /codes? withdrawn/ : /已撤销/ })
          .waitFor();
        await expect
          .poll(() => counts.textContent())
          .toMatch(locale === "en" ? /^(\d+) issued, \1 withdrawn;/ : /^已发放 (\d+) 个，已撤销 \1 个；/);
        expectOnlySignInCheck(hr.problems);
      } finally {
        await hr.close();
      }
    }, 90_000);

    it(`${locale}: the heatmap withholds small groups, comments are read, the CSV parses back, and the public page shows the read`, async () => {
      const hr = await openPage(browser, `${server.url}${prefix}/admin/surveys/`, { acceptDownloads: true });
      const { page } = hr;
      try {
        await signIn(page, locale);
        await page.locator("[data-surveys]").waitFor();
        await openSurvey(page, H1);
        const heatmap = page.locator("[data-heatmap]");
        await heatmap.waitFor();
        // withheld cells and groups say so in words; shown cells print their number (colour only repeats it)
        expect(await heatmap.locator('[data-cell="withheld"]').count()).toBeGreaterThan(0);
        const shown = heatmap.locator('[data-cell="shown"]');
        expect(await shown.count()).toBeGreaterThan(0);
        for (const text of await shown.allTextContents()) expect(text).toMatch(/\d+\s?%/);
        expect((await heatmap.locator('[data-cell="withheld"]').first().textContent())!.trim()).not.toBe("");
        expect(await heatmap.textContent()).toContain(t("admin.surveys.heatmap.others"));
        // the change since the 2025 run, and the question whose scale changed
        expect(await page.locator('[data-trend="kpiReflects"]').textContent()).toBe(t("admin.surveys.trend.scale"));
        // a ranking's change item by item, not "withheld"
        expect(await page.locator('[data-trend="rewardForms"]').textContent()).toMatch(
          locale === "en" ? /average position [+\-−]\d/ : /平均排序位置 [+\-−]\d/,
        );
        await expectAxeClean(page);

        await page.getByRole("button", { name: t("admin.surveys.comments.read") }).click();
        const comments = page.locator('[data-comments-for="comments"] li');
        await comments.first().waitFor();
        expect(await comments.allTextContents()).toContain(HOSTILE);
        // free text is read here, never in the export

        await page.getByLabel(t("admin.surveys.export.lang")).selectOption(locale);
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: t("admin.surveys.export.download") }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`${H1}-responses-${locale}.csv`);
        const bytes = await readFile((await download.path())!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = bytes.toString("utf8").slice(1);
        const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        const [header, ...rows] = parsed.data;
        expect(rows).toHaveLength(88); // 87 demo responses and the one this test added
        // no free-text column, and nothing anyone wrote: beside the rest of a person's answers it would say who wrote it
        expect(header).not.toContain(localTitle(locale));
        expect(text).not.toContain("HYPERLINK");
        expect(text).not.toContain("second line");
        // headings and labels in the language asked
        expect(header!.some((h) => /[\u4e00-\u9fff]/.test(h))).toBe(locale === "zh-cn");
        expect(text).not.toMatch(/20\d\d-\d\d-\d\d/);
        await page
          .locator('[data-export] [data-outcome="export"][role=status]')
          .filter({ hasText: `${H1}-responses-${locale}.csv` })
          .waitFor();

        // the public page lists the reads of today, in this language, with the role only
        const access = await openPage(browser, `${server.url}${prefix}/results/access/`);
        try {
          const list = access.page.locator("[data-read-log]");
          const rowsNow = list.locator("tbody tr");
          await rowsNow.first().waitFor();
          const all = (await list.textContent())!;
          // the day is written for people (30 November 2026 / 2026年11月30日), the machine-readable date beside it
          expect(await list.locator(`time[datetime="${TODAY}"]`).count()).toBeGreaterThan(0);
          expect(all).toContain(locale === "en" ? "30 November 2026" : "2026年11月30日");
          expect(all).toContain(t("readLog.action.survey.comments.read"));
          expect(all).toContain(t("readLog.action.survey.responses.export"));
          expect(all).not.toContain("admin-token");
          expect(await access.page.locator("script").count()).toBe(0);
          await expectAxeClean(access.page);
          expect(access.problems).toEqual([]);
        } finally {
          await access.close();
        }
        expectOnlySignInCheck(hr.problems);
      } finally {
        await hr.close();
      }
    }, 90_000);
  }

  it("screenshots at 360 and 1280 px, light and dark, English and Chinese; axe in dark; no sideways scrolling", async () => {
    for (const locale of ["en", "zh-cn"] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        for (const width of [360, 1280]) {
          const { page, problems, close } = await openPage(browser, `${server.url}${prefixOf(locale)}/admin/surveys/`, {
            colorScheme,
            width,
          });
          try {
            await signIn(page, locale);
            await page.locator("[data-surveys] a[data-survey]").first().waitFor();
            await page.screenshot({ path: `${SHOTS}/console-surveys-${locale}-${colorScheme}-${width}.png`, fullPage: width === 360 });
            await openSurvey(page, H1);
            await page.locator("[data-heatmap]").waitFor();
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow).toBeLessThanOrEqual(0);
            if (colorScheme === "dark" && width === 1280) await expectAxeClean(page);
            await page.screenshot({ path: `${SHOTS}/console-survey-${locale}-${colorScheme}-${width}.png`, fullPage: true });
            expectOnlySignInCheck(problems);
          } finally {
            await close();
          }
        }
      }
    }
  }, 180_000);
});

/** A printed slip: its QR code decoded (from the modules drawn in its SVG), and each language's lines. */
async function readSlip(page: Page, code: string) {
  const slip = page.locator("[data-slip]").filter({ has: page.locator(".admin-slip-code", { hasText: code }) });
  const { d, size } = await slip.locator("svg.admin-slip-qr").evaluate((svg) => ({
    d: svg.querySelector("path")!.getAttribute("d")!,
    size: Number(svg.getAttribute("viewBox")!.split(" ")[2]),
  }));
  // draw the path's unit squares into pixels, 4 per module, and read them with a decoder of its own (jsQR)
  const scale = 4;
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++)
        pixels.fill(0, ((y * scale + dy) * side + x * scale + dx) * 4, ((y * scale + dy) * side + x * scale + dx) * 4 + 3);
  }
  const qr = jsQR(pixels, side, side)?.data ?? null;
  const langs = await slip
    .locator("[data-slip-lang]")
    .evaluateAll((blocks) =>
      blocks.map((b) => ({ lang: b.getAttribute("lang")!, lines: [...b.querySelectorAll("p")].map((p) => p.textContent!.trim()) })),
    );
  return { qr, langs };
}

/** The figures of the console's "issued, withdrawn, can be issued" line. */
function countsOf(text: string | null) {
  const [issued, withdrawn, available, audience] = (text ?? "").match(/\d+/g)!.map(Number);
  return { issued: issued!, withdrawn: withdrawn!, available: available!, audience: audience! };
}

/** The H1 free-text question's heading in a language, as the CSV heads its column. */
function localTitle(locale: "en" | "zh-cn"): string {
  const spec = findSurvey(H1)!.questions.find((q) => q.name === "comments")!;
  const title = spec.title as { default: string; "zh-cn": string };
  return locale === "en" ? title.default : title["zh-cn"];
}
