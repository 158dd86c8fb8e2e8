// Every section page as a visitor meets it: rendered in its language, clean
// under axe and the CSP, the header on a phone, the language switch, the skip
// link, the results index, the 404 page, security headers and the API's JSON
// 404 and health behind the same server.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeViolations, expectAxeClean, formatViolations, launchBrowser, openPage, type OpenOptions } from "./browser.ts";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const open = (path: string, options: OpenOptions = {}) => openPage(browser, `${baseURL}${path}`, options);

const PAGES = ["/", "/policy/", "/results/", "/surveys/", "/ideas/"];

describe("the site's pages", () => {
  for (const prefix of ["", "/zh-cn"]) {
    for (const path of PAGES) {
      const url = `${prefix}${path}`;
      it(`${url} renders in its language, satisfies the CSP and passes axe (WCAG 2.1 AA)`, async () => {
        const { page, problems, response, close } = await open(url);
        try {
          expect(response.status()).toBe(200);
          expect(await page.getAttribute("html", "lang")).toBe(prefix ? "zh-CN" : "en");
          // Chinese pages take punctuation shared by both scripts (“ ” …) from a Chinese font, not a Latin one
          const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
          expect(font.split(",")[0]!.trim().replace(/"/g, "")).toBe(prefix ? "PingFang SC" : "system-ui");
          expect(await page.locator("h1").count()).toBe(1);
          const nav = page.locator("nav.site-nav");
          expect(await nav.getByRole("link").count()).toBe(4);
          const violations = await axeViolations(page);
          expect(violations, formatViolations(violations)).toEqual([]);
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }

  it("passes axe in the dark colour scheme too", async () => {
    for (const url of ["/", "/zh-cn/"]) {
      const { page, problems, close } = await open(url, { colorScheme: "dark" });
      try {
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  it("keeps the header to one row (at most 64 px) on a 360 px phone, with a menu that works from the keyboard", async () => {
    for (const prefix of ["", "/zh-cn"]) {
      for (const path of PAGES) {
        for (const colorScheme of ["light", "dark"] as const) {
          const { page, problems, close } = await open(`${prefix}${path}`, { width: 360, colorScheme });
          try {
            const header = await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().height);
            expect(header, `${prefix}${path}`).toBeLessThanOrEqual(64);
            // brand, menu and language switch share one row
            const tops = await page
              .locator(".brand, .nav-menu summary, .lang-switch a")
              .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
            expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
            expect(
              await page.evaluate(() => document.documentElement.scrollWidth),
              `${prefix}${path}: sideways scrolling`,
            ).toBeLessThanOrEqual(360);
            expect(problems).toEqual([]);
          } finally {
            await close();
          }
        }
      }
    }
    // the menu: a disclosure button that opens with the keyboard and shows every section, one of them current
    const { page, close } = await open("/zh-cn/surveys/", { width: 360 });
    try {
      const nav = page.getByRole("navigation", { name: "主导航" });
      expect(await nav.getByRole("link").count()).toBe(0); // folded away
      const menu = page.locator(".nav-menu summary");
      await page.keyboard.press("Tab"); // skip link
      await page.keyboard.press("Tab"); // brand
      await page.keyboard.press("Tab");
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await menu.textContent()).toContain("菜单");
      await page.keyboard.press("Enter");
      expect(await nav.getByRole("link").count()).toBe(4);
      expect(await nav.getByRole("link", { name: "问卷调查" }).getAttribute("aria-current")).toBe("page");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("奖励政策");
      // the panel overlays the page: the header itself stays one row
      expect(await page.locator(".site-header").evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(64);
      await expectAxeClean(page);
    } finally {
      await close();
    }
    // wide screens show the links in the header, with no menu button
    const wide = await open("/", { width: 1280 });
    try {
      expect(await wide.page.locator(".nav-menu summary").isVisible()).toBe(false);
      expect(await wide.page.getByRole("navigation", { name: "Main" }).getByRole("link").count()).toBe(4);
    } finally {
      await wide.close();
    }
  });

  it("switches language and stays on the same page", async () => {
    const { page, close } = await open("/surveys/");
    try {
      await page.click("[data-locale-switch='zh-cn']");
      await page.waitForURL(`${baseURL}/zh-cn/surveys/`);
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.locator("h1").textContent()).toBe("问卷调查");
      await page.click("[data-locale-switch='en']");
      await page.waitForURL(`${baseURL}/surveys/`);
      expect(await page.locator("h1").textContent()).toBe("Surveys");
    } finally {
      await close();
    }
  });

  it("is usable with the keyboard: the skip link moves focus to the content", async () => {
    const { page, close } = await open("/");
    try {
      await page.keyboard.press("Tab");
      const skip = page.locator(".skip-link");
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    } finally {
      await close();
    }
  });

  it("the results page links to every survey that publishes results, and never to a hidden one", async () => {
    const { SURVEYS } = await import("#lib/surveys/registry.ts");
    for (const prefix of ["", "/zh-cn"]) {
      const { page, close } = await open(`${prefix}/results/`);
      try {
        const hrefs = await page.locator(".results-list a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        const expected = SURVEYS.filter((s) => s.resultsVisibility !== "hidden").map((s) => `${prefix}/surveys/${s.id}/#survey-results`);
        expect([...hrefs].sort()).toEqual([...expected].sort());
        for (const s of SURVEYS.filter((x) => x.resultsVisibility === "hidden")) expect(hrefs.join(" ")).not.toContain(s.id);
        const target = await fetch(`${baseURL}${expected[0]!.split("#")[0]}`);
        expect(target.status).toBe(200);
      } finally {
        await close();
      }
    }
  });

  it("answers an unknown page with the 404 page and status 404", async () => {
    const { page, response, close } = await open("/no/such/page");
    try {
      expect(response.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Page not found");
      expect(await page.getByRole("heading", { name: "页面不存在" }).count()).toBe(1);
    } finally {
      await close();
    }
  });

  it("serves the security headers on pages", async () => {
    const res = await fetch(`${baseURL}/`);
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("answers unknown /api paths with JSON, not the HTML 404 — an empty segment (/api//surveys) too", async () => {
    for (const path of ["/api/nope", "/api//surveys", "/api//ideas", "/api/surveys//stats"]) {
      const res = await fetch(`${baseURL}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Content-Type"), path).toContain("application/json");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("reports database health", async () => {
    const res = await fetch(`${baseURL}/api/health`);
    expect(await res.json()).toEqual({ ok: true, database: "ok" });
  });
});
