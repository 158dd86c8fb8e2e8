// The survey form as it looks: SurveyJS dressed in the site's palette in both
// colour schemes, text and controls that read at WCAG AA contrast (computed
// here from the rendered colours: axe reports contrast it cannot resolve, over
// SurveyJS's layered backgrounds, as "incomplete", not as a failure), focus
// that never looks like a selected answer, rating buttons kept on a phone,
// and the page after answering.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectAxeClean, launchBrowser, openPage, type OpenOptions } from "./browser.ts";

const baseURL = inject("baseURL");
const PULSE = "pulse-2026-11";
const CAREER = "supervisor-career-2026";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function startSurvey(page: Page) {
  await page.getByRole("button", { name: /^(Start the survey|开始填写问卷)$/ }).click();
}

async function open(path: string, options: OpenOptions = {}) {
  const opened = await openPage(browser, `${baseURL}${path}`, options);
  // the page fetches SurveyJS when the person presses Start
  await startSurvey(opened.page);
  await opened.page.locator(".sd-root-modern").waitFor();
  return opened;
}

/** A site custom property as the browser resolves it, e.g. "--surface" → "rgb(26, 32, 38)". */
async function siteColour(page: Page, name: string): Promise<string> {
  return page.evaluate((prop) => {
    const probe = document.createElement("span");
    probe.style.color = `var(${prop})`;
    document.body.appendChild(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }, name);
}

interface Reading {
  where: string;
  ratio: number;
  fg: string;
  bg: string;
}

/**
 * Contrast of every visible text in `root` (and of `extra` elements' own text), computed as WCAG 2.1 does:
 * the text colour (its alpha blended) against the first opaque background behind it, walking up the tree.
 */
async function contrasts(page: Page, root: string): Promise<Reading[]> {
  return page.evaluate((selector) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const blend = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!));
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let node = el; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let base = [255, 255, 255];
      for (const layer of layers.reverse()) base = blend(layer, base);
      return base;
    };
    const out: { where: string; ratio: number; fg: string; bg: string }[] = [];
    const root = document.querySelector(selector)!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement!;
      if (!node.textContent!.trim()) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden" || el.closest(".sv-hidden, .sd-hidden, [hidden]"))
        continue;
      if (el.closest(".visually-hidden, .sv-visuallyhidden, .sd-visuallyhidden")) continue;
      const bg = background(el);
      const fg = blend(parse(style.color), bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      out.push({
        where: `${el.className || el.tagName}: ${node.textContent!.trim().slice(0, 30)}`,
        ratio: (l1! + 0.05) / (l2! + 0.05),
        fg: fg.map(Math.round).join(","),
        bg: bg.map(Math.round).join(","),
      });
    }
    return out;
  }, root);
}

describe("after Start", () => {
  for (const prefix of ["", "/zh-cn"]) {
    for (const width of [360, 1280]) {
      for (const how of ["mouse", "keyboard"] as const) {
        it(`${prefix || "en"}, ${width} px, Start by ${how}: the first question's whole card is on screen, its first rating bordered and ringed`, async () => {
          const { page, problems, close } = await openPage(browser, `${baseURL}${prefix}/surveys/${PULSE}/`, { width, height: 800 });
          try {
            const startButton = page.getByRole("button", { name: /^(Start the survey|开始填写问卷)$/ });
            if (how === "mouse") await startButton.click();
            else {
              await startButton.focus();
              await page.keyboard.press("Enter");
            }
            const first = page.locator(".sd-question").first();
            await first.waitFor();
            await expect.poll(() => page.evaluate(() => document.activeElement?.closest(".sd-rating__item") !== null)).toBe(true);
            // let the form finish laying out, then read where its first card is
            await page.waitForTimeout(600);
            const place = await first.evaluate((card) => {
              const title = card.querySelector(".sd-question__title")!.getBoundingClientRect();
              return { titleTop: title.top, titleBottom: title.bottom, height: window.innerHeight };
            });
            expect(place.titleTop, "the first question's title is below the top edge").toBeGreaterThanOrEqual(0);
            expect(place.titleBottom).toBeLessThanOrEqual(place.height);
            // the focused first rating keeps its border, and a focus ring shows outside it
            const look = await page.evaluate(() => {
              const item = document.activeElement!.closest(".sd-rating__item")!;
              const other = item.parentElement!.querySelectorAll(".sd-rating__item")[1]!;
              const s = getComputedStyle(item);
              return {
                shadow: s.boxShadow,
                otherShadow: getComputedStyle(other).boxShadow,
                outline: s.outlineStyle,
                width: s.outlineWidth,
              };
            });
            // the border is the first shadow layer of every rating button
            const border = (shadow: string) => shadow.split(/,(?![^(]*\))/)[0]!.trim();
            expect(look.shadow).not.toBe("none");
            expect(border(look.shadow)).toBe(border(look.otherShadow));
            expect(look.outline).toBe("solid");
            expect(parseFloat(look.width)).toBeGreaterThanOrEqual(2);
            expect(problems).toEqual([]);
          } finally {
            await close();
          }
        });
      }
    }
  }
});

describe("the survey form in the site's clothes", () => {
  for (const prefix of ["", "/zh-cn"]) {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [360, 1280]) {
        it(`${prefix || "en"}, ${colorScheme}, ${width} px: the site's palette, readable text, a send button at ≥ 4.5:1`, async () => {
          const { page, problems, close } = await open(`${prefix}/surveys/${PULSE}/`, { colorScheme, width });
          try {
            // SurveyJS's colours are the site's, in this scheme
            const [surface, text, accent, accentText, focus] = await Promise.all(
              ["--surface", "--text", "--accent", "--accent-text", "--focus"].map((p) => siteColour(page, p)),
            );
            const question = page.locator(".sd-question").first();
            expect(await question.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(surface);
            expect(
              await page
                .locator(".sd-question__title")
                .first()
                .evaluate((el) => getComputedStyle(el).color),
            ).toBe(text);
            // not SurveyJS's mint page behind the form
            expect(await page.locator(".sd-root-modern").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgba(0, 0, 0, 0)");
            const send = page.locator(".sd-navigation__complete-btn");
            expect(await send.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(accent);
            expect(await send.locator(".sd-action__title").evaluate((el) => getComputedStyle(el).color)).toBe(accentText);
            const label = (await contrasts(page, ".sd-footer")).filter((r) => r.where.startsWith("sd-action__title"));
            expect(label).toHaveLength(1);
            expect(label[0]!.ratio, `${label[0]!.fg} on ${label[0]!.bg}`).toBeGreaterThanOrEqual(4.5);
            // every text in the form reads at 4.5:1 or better (placeholders and disabled text aside)
            const low = (await contrasts(page, ".survey-wrap")).filter((r) => r.ratio < 4.5);
            expect(low, JSON.stringify(low)).toEqual([]);

            // a selected rating is filled with the accent; keyboard focus draws the focus colour's ring instead
            const items = page.locator(".sd-rating__item");
            await page.locator(".sd-rating input").nth(3).focus();
            await page.keyboard.press("Space");
            await expect.poll(() => items.nth(3).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(accent);
            await page.keyboard.press("Tab"); // on to the first radio of the next question, not selected
            const radio = page.locator(".sd-radio__decorator").first();
            const ring = await radio.evaluate((el) => getComputedStyle(el, "::before").boxShadow);
            expect(ring).toContain(focus);
            expect(await radio.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(accent);
            // the selected rating keeps its fill without focus, and its number reads on it
            for (const r of await contrasts(page, ".sd-rating"))
              expect(r.ratio, `${r.where} ${r.fg} on ${r.bg}`).toBeGreaterThanOrEqual(4.5);

            // a 1–5 rating stays five buttons on one row, each a comfortable target, never a dropdown
            expect(await page.locator(".sd-rating .sd-dropdown, .sd-rating select").count()).toBe(0);
            const boxes = await items.evaluateAll((els) =>
              els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), w: r.width, h: r.height })),
            );
            expect(boxes).toHaveLength(5);
            expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
            for (const b of boxes) expect(Math.min(b.w, b.h)).toBeGreaterThanOrEqual(44);
            // the scale's ends are named under it
            expect(await page.locator(".sd-rating__min-text").isVisible()).toBe(true);
            await expectAxeClean(page);
            expect(problems).toEqual([]);
          } finally {
            await close();
          }
        });
      }
    }
  }

  it("counts questions the way the page does, and speaks the site's words, not SurveyJS's", async () => {
    for (const [prefix, count, progress, send] of [
      // the pulse's six questions asked of everyone (with the team and tenure ones) and the one that depends on an answer
      ["", "6 questions, plus 1 depending on your answers", "0 of 6 questions answered", "Send my answers"],
      ["/zh-cn", "共 6 道题，视回答可能再加 1 道", "已答 0 题，共 6 题", "提交回答"],
    ] as const) {
      const { page, close } = await open(`${prefix}/surveys/${PULSE}/`);
      try {
        expect(await page.locator("[data-survey-meta]").textContent()).toContain(count);
        expect(await page.locator(".sd-progress__text:not(.sd-hidden)").textContent()).toBe(progress);
        expect((await page.locator(".sd-navigation__complete-btn").textContent())?.trim()).toBe(send);
        // the conditional question appears, and the count follows it
        await page.getByText(prefix ? "比平时重" : "Heavier than usual", { exact: true }).click();
        await expect
          .poll(() => page.locator(".sd-progress__text:not(.sd-hidden)").textContent())
          .toBe(prefix ? "已答 1 题，共 7 题" : "1 of 7 questions answered");
        // SurveyJS's own validation message, in the site's wording
        await page.locator(".sd-navigation__complete-btn").click();
        expect(await page.locator(".sd-question__erbox").first().textContent()).toContain(
          prefix ? "请回答此题。" : "Please answer this question.",
        );
      } finally {
        await close();
      }
    }
  });

  it("the anonymity statement is two lines and a 'more', and says what happens to results as the survey is set up", async () => {
    for (const [path, visibility, words] of [
      [`/surveys/${PULSE}/`, "after-close", "Results are published once, after the survey closes"],
      ["/surveys/reward-survey-2026-h1/", "after-close", "Results are published once, after the survey closes"],
      [`/zh-cn/surveys/${CAREER}/`, "after-close", "结果只在问卷结束后公示一次"],
    ] as const) {
      const { page, close } = await openPage(browser, `${baseURL}${path}`, { width: 360 });
      try {
        const statement = page.locator(`[data-anonymity=${visibility}]`);
        const lead = statement.locator("p").first();
        const lines = await lead.evaluate((el) =>
          Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
        );
        expect(lines).toBeLessThanOrEqual(path.startsWith("/zh-cn") ? 2 : 4); // at 360 px; two lines from 1280
        expect(await statement.locator("details").getAttribute("open")).toBeNull();
        await statement.locator("summary").click();
        expect(await statement.textContent()).toContain(words);
        // no promise to keep answers "to continue later" once the survey is closed
        if (visibility === "after-close") expect(await page.locator("main").textContent()).not.toContain("continue later");
      } finally {
        await close();
      }
    }
  });
});

describe("after answering", () => {
  it("shows no results before the close, answered or not, and 'you answered this survey on this device' on coming back", async () => {
    // the invitation survey is open on the demo day; a demo code (the seed's last, used by no other test) opens it
    const { page, problems, close } = await openPage(browser, `${baseURL}/surveys/${CAREER}/`);
    try {
      const results = page.locator("#survey-results");
      await results.getByText("Results will be published here once, after the survey closes.").waitFor();
      expect(await results.locator("table").count()).toBe(0);
      // who takes part, from the server: the audience, the codes HR issued and withdrew, the responses in steps
      await expect
        .poll(() => page.locator("[data-survey-facts] [data-facts]").textContent())
        .toMatch(/For \d+ people · \d+ invitation codes issued, \d+ withdrawn · /);
      await startSurvey(page);
      await page.getByLabel("Invitation code").fill("demo-code-0005");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.locator('.sd-question[data-name="pathsClear"] label:has(input[value="4"])').click();
      await page.locator('.sd-question[data-name="guidanceUseful"] label:has(input[value="3"])').click();
      await page.locator('.sd-question[data-name="interests"] label:has(input[value="crossDept"])').click();
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: /your answers were received/ }).waitFor({ timeout: 15_000 });
      // answering shows no results either: nothing of the answers exists before the close
      expect(await results.locator("table").count()).toBe(0);
      expect(await results.textContent()).toContain("published here once, after the survey closes");
      // nothing about it reached the server beyond the response: the mark is this browser session's
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(stored).toContain(":answered");
      expect(stored).not.toContain("crossDept");

      // coming back in the same tab: not a Start button, a blank form or a code to enter again
      await page.goto(`${baseURL}/surveys/`);
      await page.goto(`${baseURL}/surveys/${CAREER}/`);
      await page.locator("[data-answered-here]").waitFor();
      expect(await page.getByRole("button", { name: "Start the survey" }).isVisible()).toBe(false);
      expect(await page.locator(".sd-root-modern").count()).toBe(0);
      expect(await page.locator("[data-answered-here]").textContent()).toContain("You answered this survey on this device");
      expect(await page.locator("[data-answered-here]").textContent()).toContain("Results are published once, after the survey closes");
      await results.getByText("Results will be published here once, after the survey closes.").waitFor();
      expect(await results.locator("table").count()).toBe(0);
      await expectAxeClean(page);
      // a colleague at the same computer can still answer, with a code of their own
      await page.getByRole("button", { name: /Answer as a new person/ }).click();
      await page.getByRole("heading", { name: "Enter your invitation code" }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
