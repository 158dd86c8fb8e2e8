// Surveys as a person uses them, in Chromium against the real built site,
// functions and local D1: the list with participation, filling the monthly
// pulse in each language with a reload halfway, the completion page,
// delivery after an outage, CSP and axe in both languages. Invitation codes
// and drafts on a shared PC: anonymity.test.ts.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { addDays } from "#lib/clock.ts";
import { axeViolations, formatViolations, launchBrowser, newPinnedContext, openPage, watchPage, type OpenOptions } from "./browser.ts";
import { storedResponses } from "./db.ts";
import { MIGRATED_STATE, stateFrom, startServer, type RunningServer } from "./server.ts";

const baseURL = inject("baseURL");
const persistTo = inject("persistTo");
const PULSE = "pulse-2026-11";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (base: string, path: string, options: OpenOptions = {}) => openPage(browser, `${base}${path}`, options);

const q = (page: Page, name: string) => page.locator(`.sd-question[data-name="${name}"]`);

/** The page shows a Start button; SurveyJS is fetched when it is pressed. */
async function start(page: Page) {
  await page.getByRole("button", { name: /^(Start the survey|开始填写问卷)$/ }).click();
}

/** Requests for JavaScript the page made (SurveyJS is the one module over 1 MB). */
function scriptsRequested(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (req) => {
    if (req.resourceType() === "script") urls.push(req.url());
  });
  return urls;
}

async function answerFirstHalf(page: Page) {
  await q(page, "satisfaction").locator('label:has(input[value="4"])').click();
  await q(page, "workload").locator('label:has(input[value="normal"])').click();
}

async function answerSecondHalf(page: Page, comment: string) {
  await q(page, "recognised").locator(".sd-boolean__thumb-ghost").last().click();
  await q(page, "oneThing").locator("textarea").fill(comment);
}

describe("survey list", () => {
  for (const prefix of ["", "/zh-cn"]) {
    it(`${prefix}/surveys/ shows open, upcoming and closed surveys with live participation; CSP and axe clean`, async () => {
      const { page, problems, response, close } = await open(baseURL, `${prefix}/surveys/`);
      try {
        expect(response.status()).toBe(200);
        for (const group of ["open", "upcoming", "closed"]) {
          expect(await page.locator(`[data-group="${group}"] [data-survey]:not([hidden])`).count(), group).toBeGreaterThan(0);
        }
        const pulse = page.locator(`[data-group="open"] [data-participation-for="${PULSE}"]`);
        // one region per page at most, not one per line
        expect(await page.locator("[data-participation-for][aria-live]").count()).toBe(0);
        const pattern = prefix ? /120 人中已有 \d+ 人填写/ : /\d+ of 120 responded/;
        await expect.poll(() => pulse.textContent(), { timeout: 10_000 }).toMatch(pattern);
        const responded = Number((await pulse.textContent())!.match(prefix ? /已有 (\d+)/ : /(\d+) of/)![1]);
        // the 63 seeded responses counted in steps of five over past days (the last day's 4 wait for more);
        // whatever this run adds today is not counted
        expect(responded).toBe(59);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});

describe("filling a survey", () => {
  const cases = [
    {
      prefix: "",
      title: "Overall, how satisfied were you with work this month?",
      complete: "Send my answers",
      done: "Thank you — your answers were received",
      resumed: "Welcome back",
    },
    {
      prefix: "/zh-cn",
      title: "总体而言，你对本月的工作满意吗？",
      complete: "提交回答",
      done: "谢谢，我们已收到你的回答",
      resumed: "欢迎回来",
    },
  ];
  for (const c of cases) {
    it(`${c.prefix || "en"}: fill half, reload, continue, submit, completion; the draft is kept then cleared`, async () => {
      const before = storedResponses(persistTo, PULSE);
      const { page, problems, close } = await open(baseURL, `${c.prefix}/surveys/${PULSE}/`);
      try {
        // the anonymity statement comes before the first question
        const statement = page.locator("#anonymity-title");
        await start(page);
        await q(page, "satisfaction").waitFor();
        // the person started: focus is on the first question, not left on a vanished button
        await expect
          .poll(() => page.evaluate(() => !!document.activeElement?.closest('.sd-question[data-name="satisfaction"]')))
          .toBe(true);
        expect(await page.locator(".sd-root-modern").getAttribute("lang")).toBe(c.prefix ? "zh-cn" : "en");
        expect(
          await statement.evaluate(
            (el, form) => !!(el.compareDocumentPosition(form!) & Node.DOCUMENT_POSITION_FOLLOWING),
            await page.$(".sd-root-modern"),
          ),
        ).toBe(true);
        expect(await q(page, "satisfaction").locator(".sd-question__title").textContent()).toContain(c.title);
        expect(await page.locator(".sd-progress, .sd-progress-buttons").count()).toBeGreaterThan(0);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);

        await answerFirstHalf(page);
        // the conditional question appears only for a heavy workload
        expect(await q(page, "loadSources").count()).toBe(0);
        // kept for this session only: nothing on the device unless the person says it is theirs
        const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candor:survey:")));
        expect(stored).toHaveLength(1);
        expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("candor:survey:")))).toEqual([]);

        // with a draft in this browser the form comes back without pressing Start
        await page.reload();
        await q(page, "satisfaction").waitFor();
        expect(await page.getByRole("status").textContent()).toContain(c.resumed);
        expect(await q(page, "satisfaction").locator('input[value="4"]').isChecked()).toBe(true);
        expect(await q(page, "workload").locator('input[value="normal"]').isChecked()).toBe(true);

        await answerSecondHalf(page, c.prefix ? "希望排班更灵活。" : "More flexible shifts, please.");
        await page.getByRole("button", { name: c.complete }).click();
        await page.getByRole("heading", { name: c.done }).waitFor({ timeout: 15_000 });
        // the draft is gone; what stays is only the mark that this browser session has answered
        expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candor:survey:")))).toEqual([
          `candor:survey:${PULSE}:v1:answered`,
        ]);
        expect(storedResponses(persistTo, PULSE)).toBe(before + 1);
        const after = await axeViolations(page);
        expect(after, formatViolations(after)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("fetches SurveyJS while the page is idle and runs it only on Start; after a failed fetch, Start reloads and starts", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page, baseURL);
    const scripts = scriptsRequested(page);
    const big = async (urls: string[]) => {
      const sizes = await Promise.all([...new Set(urls)].map(async (url) => (await (await fetch(url)).arrayBuffer()).byteLength));
      return sizes.filter((n) => n > 1_000_000).length;
    };
    try {
      // the first fetch of the form's module fails (a dropped connection, while the page was idle)
      // (the chunk that holds SurveyJS is named as the bundler shares it with the idea form)
      await page.route("**/_astro/mount.*.js", (route) => route.abort("connectionreset"), { times: 1 });
      await page.goto(`${baseURL}/surveys/${PULSE}/`, { waitUntil: "load" });
      await page.getByRole("button", { name: "Start the survey" }).waitFor();
      await page.waitForFunction(() => document.documentElement.dataset.formPreloaded === "failed");
      // nothing ran: no form, no SurveyJS stylesheet applied
      expect(await page.locator(".sd-root-modern").count()).toBe(0);
      expect(await page.locator('link[rel="stylesheet"][href*="survey-core"]').count()).toBe(0);
      expect(await page.getByRole("button", { name: "Start the survey" }).isEnabled()).toBe(true);
      await start(page); // reloads the page (the failed module stays failed in this one) and starts
      await q(page, "satisfaction").waitFor();
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.sd-question[data-name="satisfaction"]'))).toBe(true);
      expect(await big(scripts)).toBe(1);
      // SurveyJS's stylesheet was applied before the form showed
      expect(await page.locator('link[rel="stylesheet"][href*="survey-core"]').count()).toBe(1);
      expect(await page.getByRole("button", { name: "Start the survey" }).isVisible()).toBe(false);
      expect(problems.filter((p) => !/ERR_CONNECTION_RESET|Failed to fetch dynamically imported module|mount\./.test(p))).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.clear());
      await context.close();
    }
  });

  it("has the form's modules fetched and compiled, not run, before Start, and fetches nothing for a closed survey", async () => {
    const { page, problems, close } = await open(baseURL, `/surveys/${PULSE}/`);
    const modules: string[] = [];
    page.on("requestfinished", (req) => req.url().includes("/_astro/mount.") && modules.push(req.url()));
    try {
      await page.waitForFunction(() => document.documentElement.dataset.formPreloaded === "done");
      const named = (await page.getAttribute("html", "data-form-modules"))!.split(" ");
      expect(named.some((f) => /\/_astro\/mount\.[\w-]+\.js$/.test(f))).toBe(true);
      expect(await page.locator('link[rel="modulepreload"]').count()).toBeGreaterThanOrEqual(named.filter((f) => f.endsWith(".js")).length);
      expect(await page.locator(".sd-root-modern").count()).toBe(0);
      // the press runs what is already there: the module is not fetched again
      const before = modules.length;
      await start(page);
      await q(page, "satisfaction").waitFor();
      expect(modules.length).toBe(before);
      expect(problems).toEqual([]);
    } finally {
      await page.evaluate(() => sessionStorage.clear());
      await close();
    }
    const closed = await open(baseURL, "/surveys/pulse-2026-10/");
    try {
      await closed.page.waitForLoadState("networkidle");
      await closed.page.waitForTimeout(1500);
      expect(await closed.page.locator('link[rel="modulepreload"]').count()).toBe(0);
      expect(await closed.page.getAttribute("html", "data-form-preloaded")).toBeNull();
    } finally {
      await closed.close();
    }
  });

  it("draws the form ahead once the reader scrolls, never before, unseen, inert and without storing anything; the press then shows the first question, focused and in view (zh-CN, phone)", async () => {
    const { page, problems, close } = await open(baseURL, `/zh-cn/surveys/${PULSE}/`, { width: 360, height: 800 });
    try {
      await page.waitForFunction(() => document.documentElement.dataset.formPreloaded === "done");
      // left alone (as an audit or a crawler leaves it), nothing runs
      await page.waitForTimeout(1500);
      expect(await page.getAttribute("html", "data-form-prepared")).toBeNull();
      expect(await page.locator('link[rel="stylesheet"][href*="survey-core"]').count()).toBe(0);
      // the reader scrolls the introduction: the form is made ready while idle
      await page.mouse.move(180, 400);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction(() => document.documentElement.dataset.formPrepared === "done");
      expect(await page.locator('link[rel="stylesheet"][href*="survey-core"]').count()).toBe(1);
      // the form is drawn ahead, unseen and out of reach: no height, not visible, inert (Tab skips it)
      expect(await page.locator(".sd-root-modern").count()).toBe(1);
      expect(
        await page.locator("[data-survey-form]").evaluate((el: HTMLElement) => ({
          inert: el.inert,
          height: el.getBoundingClientRect().height,
          visibility: getComputedStyle(el).visibility,
        })),
      ).toEqual({ inert: true, height: 0, visibility: "hidden" });
      expect(await page.locator(".sd-root-modern").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "开始填写问卷" }).isVisible()).toBe(true);
      await page.getByRole("button", { name: "开始填写问卷" }).focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("[data-survey-form]"))).toBe(false);
      const stored = () =>
        page.evaluate(() => [Object.keys(sessionStorage), Object.keys(localStorage)].flat().filter((k) => k.startsWith("candor")));
      expect(await stored()).toEqual([]);
      // a reload is not taken for a started survey
      await page.reload({ waitUntil: "load" });
      const startButton = page.getByRole("button", { name: "开始填写问卷" });
      await startButton.waitFor();
      expect(await page.locator(".sd-root-modern").count()).toBe(0);
      await page.mouse.wheel(0, 200);
      await page.waitForFunction(() => document.documentElement.dataset.formPrepared === "done");
      await startButton.click();
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.closest('.sd-question[data-name="satisfaction"] .sd-rating__item') !== null),
        )
        .toBe(true);
      await page.waitForTimeout(600);
      const title = await q(page, "satisfaction")
        .locator(".sd-question__title")
        .evaluate((el) => {
          const box = el.getBoundingClientRect();
          return { top: box.top, bottom: box.bottom, height: innerHeight };
        });
      expect(title.top).toBeGreaterThanOrEqual(0);
      expect(title.bottom).toBeLessThanOrEqual(title.height);
      // the prepared form is the one answered: a rating chosen sticks
      await q(page, "satisfaction").locator('label:has(input[value="4"])').click();
      expect(await q(page, "satisfaction").locator('input[value="4"]').isChecked()).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.evaluate(() => sessionStorage.clear());
      await close();
    }
  });

  it("warns (without blocking) when a free-text answer contains identifying details, quoting them under the field", async () => {
    const { page, problems, close } = await open(baseURL, `/surveys/${PULSE}/`);
    try {
      await start(page);
      await q(page, "oneThing").locator("textarea").fill("Call me on 13812345678 or mail li.wei@example.com");
      const note = q(page, "oneThing").locator("[data-identifying-note=oneThing]");
      await expect
        .poll(() => note.locator("mark").allTextContents())
        .toEqual(["“13812345678” (a phone number)", "“li.wei@example.com” (an e-mail address)"]);
      await q(page, "oneThing").locator("textarea").fill("Shorter queues at lunchtime.");
      await expect.poll(() => note.count()).toBe(0);
      // before anything is typed, the field asks not to sign; a name the writer gives is pointed at
      expect(await q(page, "oneThing").textContent()).toContain("Don't write your name or anything else that identifies you.");
      await q(page, "oneThing").locator("textarea").fill("My name is Jane and lunch queues are too long.");
      await expect.poll(() => note.locator("mark").allTextContents()).toEqual(["“Jane” (your name)"]);
      expect(problems).toEqual([]);
    } finally {
      await page.evaluate(() => sessionStorage.clear());
      await close();
    }
  });

  it("shows the server's per-question 422 next to the question and lets the person fix it", async () => {
    const before = storedResponses(persistTo, PULSE);
    const { page, problems, close } = await open(baseURL, `/surveys/${PULSE}/`);
    try {
      await start(page);
      await q(page, "satisfaction").waitFor();
      await answerFirstHalf(page);
      // SurveyJS accepts a control character; the server does not
      await answerSecondHalf(page, "bell \u0007 character");
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByText("Some answers need your attention").waitFor({ timeout: 15_000 });
      expect(await q(page, "oneThing").textContent()).toContain("This answer contains control characters or text-direction overrides.");
      expect(storedResponses(persistTo, PULSE)).toBe(before);
      await q(page, "oneThing").locator("textarea").fill("no bell this time");
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 15_000 });
      expect(storedResponses(persistTo, PULSE)).toBe(before + 1);
      // the 422 is an expected answer, which the browser logs as a failed resource
      expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("passes axe in the dark colour scheme on the survey page", async () => {
    const { page, problems, close } = await open(baseURL, `/zh-cn/surveys/${PULSE}/`, { colorScheme: "dark" });
    try {
      await start(page);
      await q(page, "satisfaction").waitFor();
      const violations = await axeViolations(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("publishes a closed survey's results on its page: counts above k, free text never; axe clean in both languages", async () => {
    for (const [prefix, responses, freeText, rankChange] of [
      ["", /^(\d+) responses\./, "Written answers are read by HR and never published.", /average position [+\-−]\d/],
      ["/zh-cn", /^共 (\d+) 份回答/, "文字回答仅供人力资源部阅读，一律不公开。", /平均排序位置 [+\-−]\d/],
    ] as const) {
      const { page, problems, close } = await open(baseURL, `${prefix}/surveys/reward-survey-2026-h1/`);
      try {
        const results = page.locator("#survey-results");
        // the tables are folded (details): in the page, not shown until opened
        await results.locator("table").first().waitFor({ state: "attached", timeout: 10_000 });
        const lead = (await results.locator(".lead").textContent())!;
        expect(Number(lead.match(responses)![1])).toBeGreaterThanOrEqual(87);
        expect(await results.locator("table").count()).toBeGreaterThan(10);
        expect(await results.getByText(freeText).count()).toBe(2); // the two comment questions
        // the ranking's change since the 2025 run, item by item
        expect(await results.locator('[data-trend="rewardForms"]').textContent()).toMatch(rankChange);
        // every published count is 0 or at least k = 5
        const counts = await results.locator("tbody td:nth-child(2)").allTextContents();
        for (const c of counts.filter((x) => /^\d+$/.test(x))) expect(Number(c) === 0 || Number(c) >= 5).toBe(true);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("results open with the biggest changes vs H2 2025, fold each table away, and say why each withheld figure is withheld in words that agree with the counts (both languages)", async () => {
    for (const l of [
      {
        prefix: "",
        summary: "Biggest changes since H2 2025",
        trend: /^vs H2 2025: \S/,
        previousTitle: "Reward programme satisfaction survey",
        smallAnswer:
          "Not shown, to protect anonymity: fewer than 5 people gave one of its answers, and the other figures would give that number away.",
        facts: /^For \d+ people · At least (\d+) responses \(counted in steps of 5 or more, last on \d+ \w{3}\)$/,
        openAll: "Open every table",
      },
      {
        prefix: "/zh-cn",
        summary: "与2025年下半年相比变化最大的几项",
        trend: /^较2025年下半年：\S/,
        previousTitle: "奖励制度满意度调查",
        smallAnswer: "为保护匿名，本题结果暂不公示：有一个选项选择的人不足 5 人，其余数字会暴露这个人数。",
        facts: /^面向 \d+ 人 · 至少已有 (\d+) 份回答（每新增 5 份以上才更新，上次更新于\d+月\d+日）$/,
        openAll: "展开全部表格",
      },
    ]) {
      const { page, problems, close } = await open(baseURL, `${l.prefix}/surveys/reward-survey-2026-h1/`, { width: 1280 });
      try {
        const results = page.locator("#survey-results");
        await results.locator(".result-question").first().waitFor({ timeout: 10_000 });
        const responses = Number((await results.locator(".lead").textContent())!.match(/\d+/)![0]);
        // the participation line agrees with the results: at least as many as it says, and no stale "up to" date
        const facts = (await page.locator("[data-survey-facts] [data-facts]").textContent())!;
        expect(facts).toMatch(l.facts);
        expect(Number(facts.match(l.facts)![1])).toBeLessThanOrEqual(responses);

        // first the summary of the biggest moves, each a link to its question
        const summary = results.locator("[data-summary]");
        expect(await summary.locator("h3").textContent()).toBe(l.summary);
        expect(await summary.evaluate((s) => !!(s.compareDocumentPosition(document.querySelector(".result-question")!) & 4))).toBe(true);
        const links = await summary.locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
        expect(links.length).toBeGreaterThan(0);
        for (const href of links) expect(await page.locator(href).count()).toBe(1);

        // each change is labelled short: "vs H2 2025", never the earlier run's whole title
        const trends = await results.locator("[data-trend]").allTextContents();
        expect(trends.length).toBeGreaterThan(10);
        for (const trend of trends) {
          expect(trend).toMatch(l.trend);
          expect(trend).not.toContain(l.previousTitle);
        }

        // tables folded: the page is a few screens, not 9,000 px; a summary opens its table, a button opens them all
        const tables = results.locator("details.result-table");
        expect(await tables.count()).toBeGreaterThan(10);
        expect(await tables.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6000);
        await tables.first().locator("summary").click();
        await tables.first().locator("table").waitFor();
        await results.getByRole("button", { name: l.openAll }).click();
        expect(await tables.evaluateAll((ds) => ds.every((d) => (d as HTMLDetailsElement).open))).toBe(true);

        // the team question: 87 answered, but one team is smaller than 5 and the other counts would give it away
        const withheld = results.locator('[data-question="team"] [data-withheld-because]');
        expect(await withheld.getAttribute("data-withheld-because")).toBe("small_answer");
        expect(await withheld.textContent()).toBe(l.smallAnswer);
        // no withheld question claims that fewer than k answered the survey that it says had `responses`
        for (const text of await results.locator("[data-withheld-because]").allTextContents())
          expect(text).not.toMatch(/^Answered by fewer than/);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("shows closed and upcoming surveys without a form; the form and the results ask the server once for the status", async () => {
    for (const [id, text] of [
      ["reward-survey-2026-h1", "closed on 30 June 2026"],
      ["reward-survey-2026-h2", "opens on 7 December 2026"],
    ] as const) {
      const context = await newPinnedContext(browser);
      const page = await context.newPage();
      const problems = watchPage(page, baseURL);
      const statusRequests: string[] = [];
      page.on("request", (req) => {
        if (new URL(req.url()).pathname === `/api/surveys/${id}`) statusRequests.push(req.url());
      });
      try {
        await page.goto(`${baseURL}/surveys/${id}/`);
        await page.getByText(text).waitFor();
        expect(await page.locator(".sd-root-modern").count()).toBe(0);
        expect(await page.getByRole("button", { name: "Start the survey" }).count()).toBe(0);
        if (id === "reward-survey-2026-h2") {
          await page.getByText("Results will be published here once, after the survey closes.").waitFor();
          // the section's label points at a heading in this state too, and it is no live region
          expect(await page.getByRole("region", { name: "Results" }).count()).toBe(1);
          expect(await page.locator("#survey-results").getAttribute("aria-live")).toBeNull();
        } else {
          await page.locator("#survey-results table").first().waitFor({ state: "attached", timeout: 10_000 });
        }
        expect(statusRequests).toHaveLength(1);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it("goes by the server's status, not the browser's clock: a year ahead the pulse still opens, inside H2's dates H2 still waits", async () => {
    for (const [path, browserDay, expectForm] of [
      [`/surveys/${PULSE}/`, addDays(DEMO_TODAY, 365), true],
      ["/surveys/reward-survey-2026-h2/", "2026-12-10", false],
    ] as const) {
      const { page, problems, close } = await open(baseURL, path, { today: browserDay });
      try {
        // eslint-disable-next-line no-restricted-syntax -- reads the browser's own clock, set to browserDay, to show the test sets what it claims
        expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe(browserDay);
        if (expectForm) {
          await start(page);
          await q(page, "satisfaction").waitFor();
        } else {
          await page.getByText("opens on 7 December 2026").waitFor();
          expect(await page.getByRole("button", { name: "Start the survey" }).isVisible()).toBe(false);
        }
        expect(await page.locator(".sd-root-modern").count()).toBe(expectForm ? 1 : 0);
        expect(problems).toEqual([]);
      } finally {
        await page.evaluate(() => localStorage.clear());
        await close();
      }
    }
  });
});

describe("delivery and invitation codes on a dedicated server", () => {
  let server: RunningServer;
  const ADMIN_TOKEN = "e2e-admin-token-0123456789-abcdefghijkl";
  const outagePersist = `${TMP_DIR}/surveys-outage`;

  beforeAll(async () => {
    const persistTo = outagePersist;
    await stateFrom(MIGRATED_STATE, persistTo);
    server = await startServer({ persistTo, dist: `${TMP_DIR}/e2e-dist`, vars: { ADMIN_TOKEN } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a submission made while the server is down is delivered once it is back, exactly once", async () => {
    const { page, problems, close } = await open(server.url, `/surveys/${PULSE}/`);
    try {
      await start(page);
      await q(page, "satisfaction").waitFor();
      await answerFirstHalf(page);
      await answerSecondHalf(page, "Sent during an outage.");
      await server.stop();
      // the live region is there before sending, and the very same node announces the retries
      await page.evaluate(() => ((document.querySelector("[data-survey-live]") as HTMLElement).dataset.mark = "before"));
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.locator(".survey-sending").getByText("We could not reach the server").waitFor({ timeout: 15_000 });
      await expect
        .poll(() =>
          page.evaluate(() => {
            const live = document.querySelector<HTMLElement>("[data-survey-live]");
            return [live?.dataset.mark, live?.getAttribute("aria-live"), live?.textContent?.includes("We could not reach the server")];
          }),
        )
        .toEqual(["before", "polite", true]);
      // focus moved from the vanished send button to the sending notice
      expect(await page.evaluate(() => document.activeElement?.classList.contains("survey-sending"))).toBe(true);
      // the draft is still in the browser while waiting
      expect(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith("candor:survey:")))).toBe(true);
      await server.restart();
      await page.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 45_000 });
      expect(storedResponses(outagePersist, PULSE)).toBe(1);
      // the failed fetches while the server was down are the only console noise allowed
      expect(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("a send kept for the session asks before the tab closes during an outage, and is delivered once the server is back", async () => {
    const before = storedResponses(outagePersist, PULSE);
    const { page, problems, close } = await open(server.url, `/surveys/${PULSE}/`);
    try {
      await start(page);
      await q(page, "satisfaction").waitFor();
      await answerFirstHalf(page);
      await answerSecondHalf(page, "Almost closed the tab while offline.");
      await server.stop();
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.locator(".survey-sending").getByText("We could not reach the server").waitFor({ timeout: 15_000 });
      // closing the tab would lose it (sessionStorage goes with the tab): the page asks, the person stays
      const asked = new Promise<string>((resolve) => page.once("dialog", (d) => void d.dismiss().then(() => resolve(d.type()))));
      await page.close({ runBeforeUnload: true });
      expect(await asked).toBe("beforeunload");
      expect(page.isClosed()).toBe(false);
      await server.restart();
      await page.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 45_000 });
      expect(storedResponses(outagePersist, PULSE)).toBe(before + 1);
      expect(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("on one's own device, a send interrupted by closing the tab during an outage is finished on the next visit, exactly once", async () => {
    const before = storedResponses(outagePersist, PULSE);
    const { page, context, problems, close } = await open(server.url, `/surveys/${PULSE}/`);
    try {
      await start(page);
      await q(page, "satisfaction").waitFor();
      await page.getByLabel("This is my own device").check();
      await answerFirstHalf(page);
      await answerSecondHalf(page, "Tab closed while offline.");
      await server.stop();
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.locator(".survey-sending").getByText("We could not reach the server").waitFor({ timeout: 15_000 });
      await page.close({ runBeforeUnload: true }); // no question asked: the send is kept on the device
      await server.restart();
      const again = await context.newPage();
      const againProblems = watchPage(again, server.url);
      await again.goto(`${server.url}/surveys/${PULSE}/`);
      await again.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 30_000 });
      expect(storedResponses(outagePersist, PULSE)).toBe(before + 1);
      expect(
        await again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("candor:survey:") && !k.endsWith(":answered"))),
      ).toEqual([]);
      expect(againProblems).toEqual([]);
      expect(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
