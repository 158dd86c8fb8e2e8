// The programme's record as a reader meets it, in both languages: results,
// one cycle, the honour roll, forums (with their calendar files), "you said,
// we did" and the home page. Every one is plain HTML: no script, no request
// for one, axe-clean in light and dark.
import { createHash } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAxeClean, launchBrowser, openPage } from "./browser.ts";

const baseURL = inject("baseURL");
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LANGS = [
  { prefix: "", lang: "en", fewer: "fewer than 5 people", overdue: "Overdue", results: "Results" },
  { prefix: "/zh-cn", lang: "zh-CN", fewer: "少于 5 人", overdue: "已逾期", results: "结果公示" },
] as const;

/** Opens a page, checks it is static (no script, no script request, no problem) and axe-clean in light and dark. */
async function openStatic(path: string) {
  const results = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const opened = await openPage(browser, `${baseURL}${path}`, { colorScheme, width: 1280 });
    const scripts: string[] = [];
    opened.page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
    await opened.page.waitForLoadState("load");
    expect(opened.response.status(), path).toBe(200);
    expect(await opened.page.locator("script").count(), `${path}: <script> elements`).toBe(0);
    await expectAxeClean(opened.page);
    expect(scripts, `${path}: script requests`).toEqual([]);
    expect(opened.problems).toEqual([]);
    results.push(opened);
  }
  await results[1]!.close();
  return results[0]!;
}

describe("programme results", () => {
  for (const l of LANGS) {
    it(`${l.prefix}/results/ shows the latest cycle, trends with text alternatives and tables, every cycle, and overdue forum actions (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/results/`);
      try {
        expect(await page.getAttribute("html", "lang")).toBe(l.lang);
        expect(await page.locator("h1").textContent()).toBe(l.results);
        expect(await page.locator("[data-latest-cycle]").getAttribute("data-latest-cycle")).toBe("2026-10");
        const charts = page.locator("svg[role=img]");
        expect(await charts.count()).toBe(5); // four KPI trends and the quarterly spend
        for (const svg of await charts.all()) {
          const [title, desc] = await Promise.all([svg.locator("title").textContent(), svg.locator("desc").textContent()]);
          expect(title!.length).toBeGreaterThan(3);
          expect(desc!.length).toBeGreaterThan(10);
        }
        expect(await page.locator("figure.chart table").count()).toBe(5);
        expect(await page.locator("[data-kind=monthly] a").count()).toBe(16);
        expect(await page.locator("[data-kind=quarterly] a").count()).toBe(5);
        expect(await page.locator("[data-not-yet]").getAttribute("data-not-yet")).toBe("2026");
        const overdue = page.locator("[data-overdue]");
        expect(await overdue.count()).toBe(1);
        expect(await overdue.getAttribute("data-overdue")).toBe("bonus-by-the-10th");
        expect(await overdue.textContent()).toContain(l.overdue);
      } finally {
        await close();
      }
    });

    it(`charts on a phone: each title above its drawing, no text under 12 px, at 360 and 1280 px (${l.lang})`, async () => {
      for (const [path, count] of [
        [`${l.prefix}/results/`, 5],
        [`${l.prefix}/results/2026-Q3/`, 3],
      ] as const) {
        for (const width of [360, 1280]) {
          const { page, problems, close } = await openPage(browser, `${baseURL}${path}`, { width, height: 800 });
          try {
            const figures = await page.locator("figure.chart").evaluateAll((els) =>
              els.map((figure) => {
                const caption = figure.querySelector("figcaption")!.getBoundingClientRect();
                const svg = figure.querySelector("svg")!;
                const drawing = svg.getBoundingClientRect();
                const scale = svg.getScreenCTM()!.a;
                const smallest = Math.min(
                  ...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale),
                );
                return { captionAbove: caption.bottom <= drawing.top + 1, smallest };
              }),
            );
            expect(figures.length, path).toBeGreaterThanOrEqual(count);
            for (const f of figures) {
              expect(f.captionAbove, `${path} at ${width} px: the title sits above its chart`).toBe(true);
              expect(f.smallest, `${path} at ${width} px: smallest chart text`).toBeGreaterThanOrEqual(12);
            }
            expect(problems).toEqual([]);
          } finally {
            await close();
          }
        }
      }
    });

    it(`${l.prefix}/results/2026-Q3/ shows the rules that governed it, KPIs against targets, tiers, bands and spend (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/results/2026-Q3/`);
      try {
        expect(await page.locator("[data-cycle-policy]").getAttribute("data-cycle-policy")).toBe("2026-07");
        const fingerprint = (await page.locator("[data-fingerprint]").textContent())!.trim();
        expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
        expect(await page.locator("[data-kpis] tbody tr").count()).toBe(7);
        expect(await page.locator("#tier-chart tbody tr").count()).toBe(5);
        expect(await page.locator("#band-chart tbody tr").count()).toBe(4);
        expect(await page.locator("[data-headcount]").textContent()).toBe("44");
        // the policy page shows the same fingerprint, and the canonical form it offers hashes to it
        const policy = await openPage(browser, `${baseURL}${l.prefix}/policy/2026-07/`);
        try {
          expect((await policy.page.locator("[data-fingerprint='2026-07']").textContent())!.trim()).toBe(fingerprint);
          const href = await policy.page.locator("[data-canonical]").getAttribute("href");
          const canonical = Buffer.from(await (await fetch(`${baseURL}${href}`)).arrayBuffer());
          expect(createHash("sha256").update(canonical).digest("hex")).toBe(fingerprint);
          // the Chinese page shows the record in the site's current terms and says so; the record keeps its words
          if (l.prefix) {
            const shown = (await policy.page.locator("main").textContent())!;
            expect(shown).toContain("待改进");
            expect(shown).toContain("客服主管奖励政策（2026年7月版）");
            for (const old of ["需支持", "客服服务主管", "人力资源部门", "2026 年"]) expect(shown, old).not.toContain(old);
            expect(await policy.page.locator("[data-current-terms]").count()).toBe(1);
            const record = canonical.toString("utf8");
            expect(record).toContain("需支持");
            expect(record).toContain("客服服务主管奖励政策（2026 年 7 月版）");
          }
        } finally {
          await policy.close();
        }
      } finally {
        await close();
      }
    });

    it(`small groups read as "${l.fewer}", and a breakdown that would give one away is withheld whole (${l.lang})`, async () => {
      const july = await openPage(browser, `${baseURL}${l.prefix}/results/2025-07/`);
      try {
        const cells = await july.page.locator("#tier-chart tbody td").allTextContents();
        expect(cells.filter((c) => c === l.fewer).length).toBe(3);
        expect(cells.every((c) => c === l.fewer || Number(c) === 0 || Number(c) >= 5)).toBe(true);
        expect(await july.page.locator("#band-chart").count()).toBe(0);
      } finally {
        await july.close();
      }
      const october = await openPage(browser, `${baseURL}${l.prefix}/results/2025-10/`);
      try {
        expect(await october.page.locator("[data-tiers-withheld]").count()).toBe(1);
        expect(await october.page.locator("#tier-chart").count()).toBe(0);
      } finally {
        await october.close();
      }
    });
  }
});

describe("on a phone", () => {
  for (const path of [
    "/zh-cn/results/2026-Q3/",
    "/results/",
    "/forums/2026-09-17-survey-results-and-bonus-timing/",
    "/zh-cn/results/honours/",
  ]) {
    it(`${path} fits a 360 px screen (tables scroll inside named, focusable regions) and passes axe`, async () => {
      const { page, close } = await openPage(browser, `${baseURL}${path}`, { width: 360 });
      try {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        for (const wrap of await page.locator(".table-wrap").all()) {
          expect(await wrap.getAttribute("tabindex")).toBe("0");
          expect(await wrap.getAttribute("aria-labelledby")).toBeTruthy();
        }
        await expectAxeClean(page);
      } finally {
        await close();
      }
    });
  }
});

describe("honour roll", () => {
  for (const l of LANGS) {
    it(`${l.prefix}/results/honours/ lists honours by cycle, and its filters are static pages (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/results/honours/`);
      try {
        const all = await page.locator("[data-honour]").count();
        expect(all).toBeGreaterThanOrEqual(12);
        expect(await page.locator("[data-honour-cycle]").first().getAttribute("data-honour-cycle")).toBe("2026-11");
        await page.locator(`nav.filters a[href="${l.prefix}/results/honours/team/"]`).click();
        await page.waitForURL(`${baseURL}${l.prefix}/results/honours/team/`);
        const kinds = await page.locator("[data-honour]").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
        expect(kinds.length).toBeGreaterThan(0);
        expect(new Set(kinds)).toEqual(new Set(["team"]));
        expect(await page.locator("nav.filters a[aria-current=page]").getAttribute("href")).toBe(`${l.prefix}/results/honours/team/`);
      } finally {
        await close();
      }
      for (const path of ["/results/honours/person/", "/results/honours/award/commendation-meeting/"]) {
        const filtered = await openStatic(`${l.prefix}${path}`);
        try {
          const n = await filtered.page.locator("[data-honour]").count();
          expect(n).toBeGreaterThan(0);
          expect(n).toBeLessThan(12);
        } finally {
          await filtered.close();
        }
      }
    });
  }

  it("publishes RSS for results and honours in each language", async () => {
    for (const feed of ["/results/rss.xml", "/zh-cn/results/rss.xml", "/results/honours/rss.xml", "/zh-cn/results/honours/rss.xml"]) {
      const res = await fetch(`${baseURL}${feed}`);
      expect(res.status).toBe(200);
      const xml = await res.text();
      expect(xml).toContain("<rss");
      expect((xml.match(/<item>/g) ?? []).length).toBeGreaterThanOrEqual(12);
    }
  });

  it("lists the new pages in the sitemap, in both languages", async () => {
    const index = await (await fetch(`${baseURL}/sitemap-index.xml`)).text();
    const maps = [...index.matchAll(/<loc>[^<]*\/(sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]);
    const all = (await Promise.all(maps.map(async (m) => (await fetch(`${baseURL}/${m}`)).text()))).join("");
    for (const path of [
      "/results/2026-Q3/",
      "/zh-cn/results/2025/",
      "/results/honours/team/",
      "/forums/2026-09-17-survey-results-and-bonus-timing/",
      "/zh-cn/you-said-we-did/",
    ]) {
      expect(all).toContain(path);
    }
  });
});

describe("staff forums", () => {
  for (const l of LANGS) {
    it(`${l.prefix}/forums/ lists the upcoming forum with a calendar file, and past ones (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/forums/`);
      try {
        expect(await page.locator("[data-forum]").count()).toBe(5);
        const ics = page.locator("[data-ics]");
        expect(await ics.count()).toBe(1);
        expect(await ics.getAttribute("href")).toBe(`${l.prefix}/forums/2026-12-10-annual-review-preparation.ics`);
      } finally {
        await close();
      }
    });

    it(`a past forum shows minutes, decisions and action items, open ones past due as overdue (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/forums/2026-09-17-survey-results-and-bonus-timing/`);
      try {
        expect(await page.locator(".prose li").count()).toBe(3);
        expect(await page.locator("[data-action='bonus-by-the-10th']").getAttribute("data-status")).toBe("overdue");
        expect(await page.locator("[data-action='bonus-by-the-10th'] .badge").textContent()).toBe(l.overdue);
        // open, but not yet due
        expect(await page.locator("[data-action='resilience-course']").getAttribute("data-status")).toBe("open");
        expect(await page.locator("[data-action='tier-examples']").getAttribute("data-status")).toBe("done");
      } finally {
        await close();
      }
    });

    it(`the upcoming forum's .ics and the feed of all forums parse as iCalendar (${l.lang})`, async () => {
      const one = await fetch(`${baseURL}${l.prefix}/forums/2026-12-10-annual-review-preparation.ics`);
      expect(one.status).toBe(200);
      const events = parseIcs(await one.text());
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ DTSTART: "20261210T060000Z", DTEND: "20261210T073000Z" });
      expect(events[0]!.SUMMARY).toContain(l.lang === "en" ? "Preparing the 2026 annual review" : "2026 年度评估准备");
      expect(events[0]!.UID).toMatch(/^forum-2026-12-10-annual-review-preparation@/);
      const feed = parseIcs(await (await fetch(`${baseURL}${l.prefix}/forums/calendar.ics`)).text());
      expect(feed).toHaveLength(5);
      expect(new Set(feed.map((e) => e.UID)).size).toBe(5);
    });
  }
});

describe("you said, we did, and the home page", () => {
  for (const l of LANGS) {
    it(`${l.prefix}/you-said-we-did/ follows forums, surveys and ideas to policy changes and actions (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/you-said-we-did/`);
      try {
        expect(await page.locator("[data-yousaid=policy] [data-prompt]").count()).toBe(5);
        expect(await page.locator(`[data-yousaid=policy] a[href="${l.prefix}/forums/2026-06-11-engagement-and-workload/"]`).count()).toBe(
          1,
        );
        expect(await page.locator(`[data-yousaid=policy] a[href^="${l.prefix}/ideas/#idea-"]`).count()).toBe(1);
        expect(
          await page.locator(`[data-yousaid=surveys] a[href="${l.prefix}/surveys/reward-survey-2026-h1/#survey-results"]`).count(),
        ).toBe(1);
        expect(await page.locator(`[data-yousaid=ideas] a[href="${l.prefix}/ideas/"]`).count()).toBe(1);
        expect(await page.locator("[data-yousaid=forums] .overdue").count()).toBe(1);
      } finally {
        await close();
      }
    });

    it(`the home page says what is open now and what is new, then the latest results and highlights (${l.lang})`, async () => {
      const { page, close } = await openStatic(`${l.prefix}/`);
      try {
        for (const block of ["now", "new", "results", "yousaid"]) expect(await page.locator(`[data-home=${block}]`).count()).toBe(1);
        expect(await page.locator("[data-home=results] [data-latest-cycle]").getAttribute("data-latest-cycle")).toBe("2026-10");
        // pulse and career survey are open on 2026-11-30, the sooner to close first, with its closing day
        expect(
          await page.locator("[data-home=now] [data-open-survey]").evaluateAll((els) => els.map((e) => e.getAttribute("data-open-survey"))),
        ).toEqual(["pulse-2026-11", "supervisor-career-2026"]);
        expect(await page.locator("[data-open-survey=pulse-2026-11]").textContent()).toContain(
          l.lang === "en" ? "closes 4 Dec" : "12月4日截止",
        );
        expect(await page.locator("[data-home=now] [data-next-forum] a").getAttribute("href")).toBe(
          `${l.prefix}/forums/2026-12-10-annual-review-preparation/`,
        );
        // what is new: newest first, at most five, honours among them
        const days = await page.locator("[data-home=new] time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
        expect(days.length).toBe(5);
        expect([...days].sort().reverse()).toEqual(days);
        expect(days.every((d) => d <= "2026-11-30")).toBe(true);
        expect(await page.locator('[data-home=new] a[href*="/results/honours"]').count()).toBeGreaterThan(0);
        // the news comes before the navigation cards
        const [now, cards] = await Promise.all([
          page.locator("[data-home=now]").evaluate((el) => el.getBoundingClientRect().top),
          page.locator(".cards").evaluate((el) => el.getBoundingClientRect().top),
        ]);
        expect(now).toBeLessThan(cards);
      } finally {
        await close();
      }
    });
  }
});

/** A small RFC 5545 reader: unfolds lines and returns each VEVENT's properties (parameters dropped). */
function parseIcs(text: string): Record<string, string>[] {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  for (const line of lines) expect(new TextEncoder().encode(line).length).toBeGreaterThan(0);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i).split(";")[0]!] = line
        .slice(i + 1)
        .replace(/\\([,;\\])/g, "$1")
        .replace(/\\n/g, "\n");
    }
  }
  for (const e of events) for (const key of ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"]) expect(e[key], key).toBeTruthy();
  return events;
}
