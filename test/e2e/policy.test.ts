// The reward policy as a reader uses it: both languages, the calculator with
// the keyboard only, old versions, what changed, the feed, print and phone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAxeClean, launchBrowser, openPage, type OpenOptions } from "./browser.ts";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: OpenOptions = {}) {
  const opened = await openPage(browser, `${baseURL}${path}`, { width: 1200, ...options });
  // requests made after load (the calculator must make none)
  const requests: string[] = [];
  opened.page.on("request", (r) => requests.push(r.url()));
  return { ...opened, requests };
}

/** client:visible hydrates when the island scrolls into view. */
async function hydrated(page: Page) {
  await page.locator("astro-island").first().scrollIntoViewIfNeeded();
  await page.waitForSelector("astro-island:not([ssr])");
}

const LANGS = [
  { prefix: "", lang: "en", criteria: "Criteria", calc: "Tier calculator", surveys: "/surveys/", ideas: "/ideas/" },
  { prefix: "/zh-cn", lang: "zh-CN", criteria: "考核指标", calc: "奖励等级测算", surveys: "/zh-cn/surveys/", ideas: "/zh-cn/ideas/" },
];

describe("/policy (current version)", () => {
  for (const l of LANGS) {
    it(`${l.prefix || "/"}policy shows criteria, tiers, cycles, rewards and channels, and passes axe (${l.lang})`, async () => {
      const { page, problems, response, close } = await open(`${l.prefix}/policy/`);
      try {
        expect(response.status()).toBe(200);
        expect(await page.getAttribute("html", "lang")).toBe(l.lang);
        expect(await page.locator("h1").count()).toBe(1);
        expect(await page.locator("[data-policy-version]").getAttribute("data-policy-version")).toBe("2026-07");
        expect(await page.getByRole("heading", { level: 2, name: l.criteria, exact: true }).count()).toBe(1);
        expect(await page.locator(".criteria-table tbody tr").count()).toBe(7);
        expect(await page.locator(".tiers-table tbody tr").count()).toBe(5);
        expect(await page.locator(".timeline > li").count()).toBe(5);
        expect(await page.locator("#reward-forms [data-kind]").count()).toBe(2);
        expect(await page.locator(`#channels a[href="${l.surveys}"]`).count()).toBe(1);
        expect(await page.locator(`#channels a[href="${l.ideas}"]`).count()).toBe(1);
        expect(await page.locator("[data-superseded]").count()).toBe(0);
        // The only script is the calculator island's.
        expect(await page.locator("script[src]").count()).toBe(0);
        expect(await page.locator("astro-island").count()).toBe(1);
        await hydrated(page);
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });

    it(`${l.prefix || "/"}policy passes axe in the dark colour scheme (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/`, { colorScheme: "dark" });
      try {
        await hydrated(page);
        await page.locator("[data-calculator] button").first().click(); // fill in targets so the result panel renders
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  for (const l of LANGS) {
    it(`is readable on a phone with the calculator filled in: nothing wider than the screen, scrollable tables keyboard-reachable, axe clean (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/`, { width: 360 });
      try {
        await hydrated(page);
        await page.locator("[data-calculator] button").first().click(); // fill in the targets
        await page.waitForSelector(".calc-breakdown");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // Every table box that scrolls sideways can be focused (and so scrolled with the arrow keys) and has a name.
        const wraps = await page.locator(".table-wrap").evaluateAll((els) =>
          els.map((el) => ({
            scrolls: el.scrollWidth > el.clientWidth,
            tabindex: el.getAttribute("tabindex"),
            role: el.getAttribute("role"),
            name: (el.getAttribute("aria-labelledby") ?? "")
              .split(" ")
              .map((id) => document.getElementById(id)?.textContent ?? "")
              .join(" ")
              .trim(),
          })),
        );
        // In English the breakdown table is wider than a 360 px phone (Chinese text wraps anywhere, so it fits).
        if (l.lang === "en") expect(wraps.some((w) => w.scrolls)).toBe(true);
        expect(wraps.length).toBeGreaterThanOrEqual(3);
        for (const w of wraps) {
          expect(w).toMatchObject({ tabindex: "0", role: "region" });
          expect(w.name).not.toBe("");
        }
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("the version picker fits a phone and needs no script", async () => {
    const { page, problems, close } = await open("/policy/compare/", { width: 360 });
    try {
      expect(await page.locator("script").count()).toBe(0);
      const form = page.locator("[data-compare-picker]");
      const overflow = await form.evaluate((el) =>
        [...el.querySelectorAll("select, button")].some((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right),
      );
      expect(overflow).toBe(false);
      await expectAxeClean(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("prints as a document: no site chrome, no calculator", async () => {
    const { page, close } = await open("/policy/");
    try {
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator("#calculator").isVisible()).toBe(false);
      expect(await page.locator(".criteria-table").isVisible()).toBe(true);
      expect(await page.locator(".tiers-table").isVisible()).toBe(true);
    } finally {
      await close();
    }
  });
});

describe("tier calculator", () => {
  it("is usable with the keyboard only, announces the result and sends nothing", async () => {
    const { page, problems, requests, close } = await open("/policy/");
    try {
      // Tab from the top of the page to the first calculator field.
      const first = page.locator(".calc-field input").first();
      let reached = false;
      for (let i = 0; i < 120 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await first.evaluate((el) => el === document.activeElement);
      }
      expect(reached).toBe(true);
      await page.waitForSelector("astro-island:not([ssr])");
      const before = requests.length;

      // CSAT, resolution, FCR, AHT (lower is better), quality, complaints (lower), engagement.
      const values = ["92", "87", "65", "10", "95", "2", "85"];
      for (const [i, v] of values.entries()) {
        await page.keyboard.type(v);
        if (i < values.length - 1) await page.keyboard.press("Tab");
      }
      const summary = page.locator("[data-calc-summary]");
      expect(await summary.getAttribute("aria-live")).toBe("polite");
      expect(await summary.getAttribute("role")).toBe("status");
      // 25 + 10 + 7.5 + 0 + 10 + 5 + 10 = 67.5 → Meets expectations; Good needs 70.
      await expect.poll(() => summary.textContent()).toContain("Weighted score: 67.5 of 100");
      expect(await summary.textContent()).toContain("Tier reached: Meets expectations");
      expect(await page.locator("[data-next-tier]").getAttribute("data-next-tier")).toBe("good");
      expect(await page.locator("[data-next-tier]").textContent()).toContain("2.5 more weighted-score points");
      expect(await page.locator(".calc-rewards").textContent()).toContain("Performance bonus: 3% of base pay");

      // Lower handling time with the keyboard: select the AHT field's text and retype.
      await page.keyboard.down("Shift");
      for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
      await page.keyboard.up("Shift");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("average-handling-time");
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("5.5");
      await expect.poll(() => summary.textContent()).toContain("Weighted score: 77.5 of 100");
      expect(await summary.textContent()).toContain("Tier reached: Good");

      // An out-of-range value is flagged on its field and left out.
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("99");
      const aht = page.locator('input[name="average-handling-time"]');
      await expect.poll(() => aht.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await aht.getAttribute("aria-describedby"))!.split(" ");
      expect(await page.locator(`[id="${describedBy[1]}"]`).textContent()).toContain("Enter a number from 0 to 60.");
      expect(await summary.textContent()).toContain("1 of 7 criteria not entered yet");

      // A decimal comma is read as a decimal point.
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("5,5");
      await expect.poll(() => summary.textContent()).toContain("Weighted score: 77.5 of 100");
      expect(await aht.getAttribute("aria-invalid")).toBeNull();

      // Text that is not a number is flagged as such (not silently taken as "not entered").
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type("5,5,5");
      await expect.poll(() => aht.getAttribute("aria-invalid")).toBe("true");
      const errorId = (await aht.getAttribute("aria-describedby"))!.split(" ")[1];
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain("This is not a number.");
      expect(await summary.textContent()).toContain("1 of 7 criteria not entered yet");

      // The buttons work from the keyboard too.
      const clear = page.getByRole("button", { name: "Clear all" });
      await clear.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => summary.textContent()).toContain("Enter at least one value");
      await page.getByRole("button", { name: "Fill in the targets" }).focus();
      await page.keyboard.press("Space");
      await expect.poll(() => summary.textContent()).toContain("Tier reached: Outstanding");
      expect(await page.locator(".calc-result").textContent()).toContain("This is the highest tier.");

      expect(requests.slice(before)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const l of [
    { prefix: "", lang: "en", score: "Weighted score: 67.5 of 100", tier: "Tier reached: Meets expectations" },
    { prefix: "/zh-cn", lang: "zh-CN", score: "加权得分：67.5", tier: "达标" },
  ]) {
    it(`uses what was typed before it started, and never shows a result the boxes disagree with (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/`);
      try {
        // Hold the island's code until every box has been typed into, as on a slow phone.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route("**/_astro/*.js", async (route) => {
          await held;
          await route.continue();
        });
        const inputs = page.locator(".calc-field input");
        await inputs.first().scrollIntoViewIfNeeded();
        const values = ["92", "87", "65", "10", "95", "2", "85"];
        for (const [i, v] of values.entries()) {
          await inputs.nth(i).click();
          await page.keyboard.type(v);
        }
        expect(await page.locator("astro-island[ssr]").count()).toBe(1);
        release();
        await page.waitForSelector("astro-island:not([ssr])");
        const summary = page.locator("[data-calc-summary]");
        await expect.poll(() => summary.textContent()).toContain(l.score);
        expect(await summary.textContent()).toContain(l.tier);
        expect(await summary.locator(".calc-incomplete").count()).toBe(0);
        // What the boxes show is what the result used, and a later edit keeps the others.
        expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(values);
        await inputs.nth(3).click();
        await page.keyboard.press("ControlOrMeta+a");
        await page.keyboard.type("5.5");
        await expect.poll(() => summary.textContent()).toContain(l.lang === "en" ? "Weighted score: 77.5 of 100" : "加权得分：77.5");
        expect(await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
          "92",
          "87",
          "65",
          "5.5",
          "95",
          "2",
          "85",
        ]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  for (const prefix of ["", "/zh-cn"]) {
    it(`keeps its result table's headings and figures on one line on a 360 px phone (${prefix || "en"})`, async () => {
      const { page, problems, close } = await open(`${prefix}/policy/`, { width: 360 });
      try {
        await hydrated(page);
        await page.locator("[data-calculator] button").first().click(); // fill in the targets
        const cells = page.locator(".calc-breakdown thead th, .calc-breakdown tbody td");
        await cells.first().waitFor();
        const lines = await cells.evaluateAll((els) =>
          els.map((el) => {
            const style = getComputedStyle(el);
            const range = document.createRange();
            range.selectNodeContents(el);
            return { text: el.textContent, height: range.getBoundingClientRect().height, size: parseFloat(style.fontSize) };
          }),
        );
        for (const cell of lines) expect(cell.height, `"${cell.text}" wraps`).toBeLessThan(cell.size * 2.2);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("works in Chinese with labelled fields", async () => {
    const { page, problems, close } = await open("/zh-cn/policy/");
    try {
      await hydrated(page);
      // The unit sits in full-width brackets, with no ASCII space before it.
      const csat = page.getByRole("textbox", { name: "客户满意度（CSAT）（百分比）", exact: true });
      await csat.fill("91");
      const summary = page.locator("[data-calc-summary]");
      await expect.poll(() => summary.textContent()).toContain("加权得分：");
      expect(await summary.textContent()).toContain("共 7 项指标，还有 6 项未填写");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe("history, old versions and what changed", () => {
  for (const l of LANGS) {
    it(`an old version is marked superseded and links to the current one (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/2025-07/`);
      try {
        const banner = page.locator("[data-superseded]");
        expect(await banner.count()).toBe(1);
        // An old version has no calculator, so no script at all.
        expect(await page.locator("script").count()).toBe(0);
        expect(await page.locator(".badge.status-superseded").textContent()).toBe(l.lang === "en" ? "Superseded" : "已被取代");
        expect(await banner.textContent()).toContain("2026-01");
        await banner.locator(`a[href="${l.prefix}/policy/"]`).click();
        await page.waitForURL(`${baseURL}${l.prefix}/policy/`);
        expect(await page.locator("[data-policy-version]").getAttribute("data-policy-version")).toBe("2026-07");
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });

    it(`history lists every version newest first and passes axe (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/history/`);
      try {
        expect(await page.locator(".history > li").evaluateAll((els) => els.map((e) => e.getAttribute("data-version")))).toEqual([
          "2026-07",
          "2026-01",
          "2025-07",
        ]);
        expect(await page.locator("script").count()).toBe(0);
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("history, a superseded version and a comparison pass axe in the dark scheme too", async () => {
    for (const path of ["/policy/history/", "/zh-cn/policy/2025-07/", "/policy/compare/2025-07/2026-07/", "/zh-cn/policy/compare/"]) {
      const { page, problems, close } = await open(path, { colorScheme: "dark" });
      try {
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("compares consecutive versions from the history page, computed from the data", async () => {
    const { page, problems, close } = await open("/policy/history/");
    try {
      await page.locator('[data-version="2026-01"] a[href="/policy/compare/2025-07/2026-01/"]').click();
      await page.waitForURL(`${baseURL}/policy/compare/2025-07/2026-01/`);
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("Weight: 30% → 25%");
      expect(text).toContain("Target: 90% → 92%");
      expect(await page.locator('[data-section="criteria"] [data-change="added"][data-id="complaint-rate"]').count()).toBe(1);
      expect(text).toContain("Reward “Performance bonus”: 15% of base pay → 18% of base pay");
      await expectAxeClean(page);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const l of LANGS) {
    it(`compares any two versions picked from two lists, the changed words marked (${l.lang})`, async () => {
      const { page, problems, close } = await open(`${l.prefix}/policy/compare/`);
      try {
        // a picker, not a list of every pair: two lists, and each version against the one before
        expect(await page.locator("[data-compare-picker] select").count()).toBe(2);
        expect(await page.locator('a[href*="/policy/compare/20"]').count()).toBe(2);
        // picked newer first: the comparison still reads older → newer
        await page.locator("select[name=from]").selectOption("2026-07");
        await page.locator("select[name=to]").selectOption("2025-07");
        await page.locator("[data-compare-picker] button[type=submit]").click();
        await page.waitForURL(`${baseURL}${l.prefix}/policy/compare/2025-07/2026-07/`);
        // Across both steps: two criteria added, the bottom tier renamed, Excellent's score line raised.
        expect(await page.locator("script").count()).toBe(0);
        const added = await page
          .locator('[data-section="criteria"] [data-change="added"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
        expect(added).toEqual(["complaint-rate", "team-engagement"]);
        const below = page.locator('[data-section="tiers"] [data-id="below"]');
        expect(await below.textContent()).toContain(l.lang === "en" ? "“Below expectations” → “Needs support”" : "“待提升” → “需支持”");
        expect(await page.locator('[data-section="tiers"] [data-id="excellent"]').textContent()).toContain("80 → 82");
        // a reworded text: one text, only the changed words marked, never a whole sentence struck
        const note = page.locator('[data-section="general"] [data-reworded]');
        const removed = await note.locator("del").allTextContents();
        const addedWords = await note.locator("ins").allTextContents();
        expect(addedWords.length).toBeGreaterThan(0);
        const whole = (await note.textContent())!;
        for (const part of [...removed, ...addedWords]) expect(part.length).toBeLessThan(whole.length / 2 + 12);
        expect(whole).not.toMatch(l.lang === "en" ? /\p{Script=Han}/u : /^$/);
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it("the picker shows one version when the same is picked twice", async () => {
    const { page, close } = await open("/zh-cn/policy/compare/");
    try {
      await page.locator("select[name=from]").selectOption("2026-01");
      await page.locator("select[name=to]").selectOption("2026-01");
      await page.locator("[data-compare-picker] button[type=submit]").click();
      await page.waitForURL(`${baseURL}/zh-cn/policy/2026-01/`);
    } finally {
      await close();
    }
  });

  it("the tier table keeps each minimum score on one line, in both languages at 1280 px", async () => {
    for (const prefix of ["", "/zh-cn"]) {
      const { page, close } = await open(`${prefix}/policy/`, { width: 1280 });
      try {
        const cells = page.locator(".tiers-table tbody td:nth-of-type(1)");
        // every score reads as one line (its row may be taller for the rewards beside it)
        const scoreText = await cells.evaluateAll((els) =>
          els.map((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return range.getClientRects().length;
          }),
        );
        expect(
          scoreText.every((n) => n === 1),
          `score cells wrap: ${JSON.stringify(scoreText)}`,
        ).toBe(true);
        // the tier-name column is not most of the table
        const [tier, table] = await Promise.all([
          page
            .locator(".tiers-table thead th")
            .first()
            .evaluate((el) => el.getBoundingClientRect().width),
          page.locator(".tiers-table").evaluate((el) => el.getBoundingClientRect().width),
        ]);
        expect(tier / table).toBeLessThan(0.3);
      } finally {
        await close();
      }
    }
  });
});

describe("policy feed", () => {
  for (const l of LANGS) {
    it(`${l.prefix}/policy/rss.xml is RSS 2.0 listing every version (${l.lang})`, async () => {
      const res = await fetch(`${baseURL}${l.prefix}/policy/rss.xml`);
      expect(res.status).toBe(200);
      const xml = await res.text();
      const { page, close } = await open(`${l.prefix}/policy/`);
      try {
        const feed = await page.evaluate((source) => {
          const doc = new DOMParser().parseFromString(source, "application/xml");
          return {
            error: doc.querySelector("parsererror")?.textContent ?? null,
            root: doc.documentElement.nodeName,
            version: doc.documentElement.getAttribute("version"),
            language: doc.querySelector("channel > language")?.textContent,
            links: [...doc.querySelectorAll("item > link")].map((n) => new URL(n.textContent!).pathname),
            titles: [...doc.querySelectorAll("item > title")].map((n) => n.textContent),
            dates: [...doc.querySelectorAll("item > pubDate")].map((n) => new Date(n.textContent!).toISOString().slice(0, 10)),
          };
        }, xml);
        expect(feed.error).toBeNull();
        expect(feed.root).toBe("rss");
        expect(feed.version).toBe("2.0");
        expect(feed.language).toBe(l.lang);
        expect(feed.links).toEqual(["2026-07", "2026-01", "2025-07"].map((v) => `${l.prefix}/policy/${v}/`));
        expect(feed.dates).toEqual(["2026-07-01", "2026-01-01", "2025-07-01"]);
        // Titles are the versions' own titles, with no status that would change when the next version ships.
        expect(feed.titles).toEqual(
          l.lang === "en"
            ? ["July 2026", "January 2026", "July 2025"].map((m) => `Reward policy for customer-service supervisors, ${m}`)
            : ["2026 年 7 月版", "2026 年 1 月版", "2025 年 7 月版"].map((m) => `客服服务主管奖励政策（${m}）`),
        );
        // The page advertises the feed of its own language.
        expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toBe(
          `${l.prefix}/policy/rss.xml`,
        );
      } finally {
        await close();
      }
    });
  }

  it("the sitemap lists every policy page in both languages", async () => {
    const xml = await (await fetch(`${baseURL}/sitemap-0.xml`)).text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    for (const prefix of ["", "/zh-cn"]) {
      for (const path of ["/policy/", "/policy/history/", "/policy/2025-07/", "/policy/compare/", "/policy/compare/2025-07/2026-07/"]) {
        expect(locs).toContain(`${prefix}${path}`);
      }
    }
  });
});
