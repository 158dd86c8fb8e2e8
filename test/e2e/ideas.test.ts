// The suggestion box as a person uses it, in Chromium against the built site:
// send an idea, keep the receipt, follow HR's answer (written straight into
// the server's D1, as the HR console is a later issue), reply, give a verdict,
// and find the idea on the public board in both languages.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { hashReceipt, parseReceipt } from "../../src/lib/receipt.ts";
import { addHrMessage, findIdeaByReceiptHash, publishIdea, setStatus } from "../../src/server/db/ideas.ts";
import { expectAxeClean, launchBrowser, openPage, type OpenOptions } from "./browser.ts";

const baseURL = inject("baseURL");
const persistTo = inject("persistTo");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: OpenOptions = {}) {
  const opened = await openPage(browser, `${baseURL}${path}`, { acceptDownloads: true, ...options });
  await hydrated(opened.page);
  return opened;
}

/** Islands answer only once React has hydrated them; SSR-rendered ones carry [ssr] until then. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);
}

/** HR's side, written into the same local D1 the server uses. */
async function asHr<T>(work: (env: { DB: D1Database }) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(persistTo, "v3") } });
  try {
    return await work(proxy.env);
  } finally {
    await proxy.dispose();
  }
}

describe("suggestion box in the browser", () => {
  it("stores an idea once when the answer to the first send is lost, and shows the same receipt", async () => {
    const { page, problems, close } = await open("/ideas/new/");
    const title = `Retry-safe idea ${crypto.randomUUID().slice(0, 8)}`;
    try {
      await page.getByText("Tools and systems").click();
      await page.getByRole("textbox", { name: /Title/ }).fill(title);
      await page
        .getByRole("textbox", { name: /Your idea/ })
        .fill("The knowledge base search should rank articles by how often they solved a ticket.");
      // the server stores the first send, but its answer never reaches the browser
      let dropped = 0;
      await page.route("**/api/ideas", async (route) => {
        if (route.request().method() !== "POST" || dropped > 0) return route.continue();
        dropped++;
        await route.fetch();
        await route.abort("connectionreset");
      });
      await page.getByRole("button", { name: "Send anonymously" }).click();
      await expect.poll(() => page.getByText("the connection failed").count()).toBe(1);
      await page.getByRole("button", { name: "Send anonymously" }).click();
      const receipt = (await page.locator("[data-receipt]").textContent())!.trim();
      expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const stored = await asHr(async (env) => {
        const rows = await env.DB.prepare("SELECT receipt_hash FROM ideas WHERE title = ?1").bind(title).all<{ receipt_hash: string }>();
        return rows.results;
      });
      expect(stored).toEqual([{ receipt_hash: await hashReceipt(receipt) }]);
      // the dropped connection is the only error the page logged
      expect(problems.filter((p) => !p.includes("ERR_CONNECTION_RESET") && !p.includes("Failed to load resource"))).toEqual([]);
    } finally {
      await close();
    }
  });

  it("sends an idea, warns about identifying details without blocking, and shows the receipt once", async () => {
    const { page, context, problems, close } = await open("/ideas/new/");
    try {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
      await page.getByText("Training and development").click();
      await page.getByRole("textbox", { name: /Title/ }).fill("Resilience training for night-shift supervisors");
      await page
        .getByRole("textbox", { name: /Your idea/ })
        .fill("Night-shift supervisors handle the hardest escalations. Call me on 13812345678 if you want details.");
      await page.getByText("HR may publish a moderated version on the public board").click();
      // the warning appears while typing, and again (with a choice) on sending
      await expect.poll(() => page.locator("[data-identifying-warning]").getAttribute("data-identifying-warning")).toBe("phone");
      await page.getByRole("button", { name: "Send anonymously" }).click();
      await page.getByRole("button", { name: "Edit my text" }).click();
      await page
        .getByRole("textbox", { name: /Your idea/ })
        .fill("Night-shift supervisors handle the hardest escalations and would benefit from resilience training.");
      await expect.poll(() => page.locator("[data-identifying-warning]").count()).toBe(0);
      await page
        .getByRole("textbox", { name: /Your idea/ })
        .fill("Night-shift supervisors need resilience training. Since 3 March the escalations doubled.");
      await page.getByRole("button", { name: "Send anonymously" }).click();
      // the choice is announced: focus moves to the warning's heading
      await expect
        .poll(() => page.getByRole("heading", { name: "Your text may identify you" }).evaluate((el) => el === document.activeElement))
        .toBe(true);
      await page.getByRole("button", { name: "Send anyway" }).click();

      const code = page.locator("[data-receipt]");
      await code.waitFor();
      const receipt = (await code.textContent())!;
      expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(await page.getByRole("heading", { name: "Your receipt code" }).evaluate((el) => el === document.activeElement)).toBe(true);

      await page.getByRole("button", { name: "Copy code" }).click();
      await page.getByText("Copied to the clipboard.").waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(receipt);

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as text" }).click()]);
      expect(download.suggestedFilename()).toBe("candor-receipt.txt");
      const text = await readFile((await download.path())!, "utf8");
      expect(text).toContain(receipt);
      expect(text).toContain(`${baseURL}/ideas/track/`);

      // the code is nowhere but on screen: not in the URL, not in storage
      expect(page.url()).not.toContain(receipt);
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(receipt);
      await expectAxeClean(page);
      expect(problems).toEqual([]);

      // leaving the page wipes the receipt and the text before a back/forward-cache snapshot
      await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
      expect(await page.locator("[data-receipt]").count()).toBe(0);
      const shown = (await page.locator("main").textContent())!;
      expect(shown).not.toContain(receipt);
      expect(shown).not.toContain("escalations doubled");
      expect(await page.getByRole("textbox", { name: /Title/ }).inputValue()).toBe("");

      // HR answers, moves it on and publishes a moderated version
      await asHr(async (env) => {
        const idea = await findIdeaByReceiptHash(env, await hashReceipt(parseReceipt(receipt)!));
        expect(idea).toMatchObject({
          title: "Resilience training for night-shift supervisors",
          status: "received",
          receivedOn: DEMO_TODAY,
          publishConsent: true,
        });
        await setStatus(env, idea!.id, "planned", DEMO_TODAY, "Added to next half-year's training plan.");
        await addHrMessage(env, idea!.id, "private", "Thank you. Would an evening session suit night shifts?", DEMO_TODAY);
        await addHrMessage(
          env,
          idea!.id,
          "public",
          "Planned: a resilience course for night-shift supervisors. 已计划：为夜班主管开设抗压培训。",
          DEMO_TODAY,
        );
        await publishIdea(env, idea!.id, {
          title: "Resilience training for night shifts / 夜班抗压培训",
          body: "A resilience course for supervisors on night shifts.",
          day: DEMO_TODAY,
        });
      });

      // follow it up, in the same browser, typing the code loosely
      const track = await page.goto(`${baseURL}/ideas/track/`);
      expect(track!.status()).toBe(200);
      await hydrated(page);
      await page.getByRole("textbox", { name: "Receipt code" }).fill(receipt.toLowerCase().replace(/-/g, " "));
      await page.getByRole("button", { name: "Show my idea" }).click();
      await page.getByRole("heading", { name: "Your idea", exact: true }).waitFor();
      expect(page.url()).toBe(`${baseURL}/ideas/track/`);
      expect(await page.locator("[data-status]").first().getAttribute("data-status")).toBe("planned");
      await page.getByText("Would an evening session suit night shifts?").waitFor();
      await page.getByText("Planned: a resilience course for night-shift supervisors.", { exact: false }).waitFor();
      expect(await page.locator("[data-messages] li[data-from=hr]").count()).toBe(2);
      expect(
        await page.evaluate(
          () => localStorage.length === 0 || !JSON.stringify({ ...localStorage }).match(/[0-9A-Z]{4}[- ]?[0-9A-Z]{4}[- ]?[0-9A-Z]{4}/i),
        ),
      ).toBe(true);
      await expectAxeClean(page);

      // reply anonymously
      await page.getByRole("textbox", { name: "Reply anonymously" }).fill("An evening session at 18:30 would be ideal. <b>thanks</b>");
      await page.getByRole("button", { name: "Send reply" }).click();
      await page.getByText("Your reply was sent.").waitFor();
      const mine = page.locator("[data-messages] li[data-from=author]");
      expect(await mine.count()).toBe(1);
      expect(await mine.locator("p.idea-text").textContent()).toBe("An evening session at 18:30 would be ideal. <b>thanks</b>");

      // the last word
      await page.getByRole("radio", { name: "Resolved", exact: true }).check();
      await page.getByRole("textbox", { name: /Comment for HR/ }).fill("Thank you!");
      await page.getByRole("button", { name: "Save my verdict" }).click();
      await page.getByText("Your verdict was saved.").waitFor();
      expect(await page.locator("[data-current-verdict]").getAttribute("data-current-verdict")).toBe("resolved");

      // a failed look-up (here: the network) keeps the saved code, so the next try works
      await page.route("**/api/ideas/track", (route) => route.abort("connectionreset"));
      await page.reload();
      await hydrated(page);
      await page.getByText("Something went wrong: network error").waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
      await page.unroute("**/api/ideas/track");
      expect(problems.filter((p) => !p.includes("ERR_CONNECTION_RESET") && !p.includes("Failed to load resource"))).toEqual([]);
      problems.length = 0;

      // a reload in the same tab keeps the code for the session only
      await page.reload();
      await hydrated(page);
      await page.getByRole("heading", { name: "Your idea", exact: true }).waitFor();

      // leaving the page wipes the idea before a back/forward-cache snapshot; coming back behaves like a reload
      await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
      expect(await page.getByRole("heading", { name: "Your idea", exact: true }).count()).toBe(0);
      expect(await page.locator("main").textContent()).not.toContain("Would an evening session suit night shifts?");
      await page.evaluate(() => dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
      await page.getByRole("heading", { name: "Your idea", exact: true }).waitFor();
      await page.getByRole("button", { name: "Close and forget the code" }).click();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await expectAxeClean(page);
      expect(problems).toEqual([]);

      // the board shows HR's version; the author's verdict, given today, shows beside the status from tomorrow
      // (the board is no clock for when an author acted; the seeded ideas show verdicts given on earlier days)
      await page.goto(`${baseURL}/ideas/`);
      await hydrated(page);
      const card = page.locator("article", { hasText: "Resilience training for night shifts" });
      await card.waitFor();
      expect(await card.locator("[data-status]").getAttribute("data-status")).toBe("planned");
      expect(await card.locator("[data-verdict]").getAttribute("data-verdict")).toBe("none");
      expect(await card.textContent()).not.toContain("Call me");
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("tells a wrong receipt apart without saying more, and never puts it in the URL", async () => {
    const { page, problems, close } = await open("/zh-cn/ideas/track/");
    try {
      await page.getByRole("textbox", { name: "回执码" }).fill("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
      await page.getByRole("button", { name: "查询" }).click();
      await page.getByText("没有与此回执码对应的建议，请检查后重试。").waitFor();
      expect(page.url()).toBe(`${baseURL}/zh-cn/ideas/track/`);
      expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
      await expectAxeClean(page);
      // a 404 from the API is the expected answer here, not a page error
      expect(problems.filter((p) => !p.includes("404"))).toEqual([]);
    } finally {
      await close();
    }
  });

  for (const [prefix, lang, heading, rewarded] of [
    ["", "en", "Suggestion box", "Rewarded idea"],
    ["/zh-cn", "zh-CN", "意见箱", "优秀建议奖励"],
  ] as const) {
    it(`shows published ideas on the board (${lang}), filters them, and supports once per browser`, async () => {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, problems, close } = await open(`${prefix}/ideas/`, { colorScheme });
        try {
          expect(await page.getAttribute("html", "lang")).toBe(lang);
          expect(await page.locator("h1").textContent()).toBe(heading);
          await page.locator("[data-idea]").first().waitFor();
          // seeded demo idea 1: published, done, rewarded, resolved
          const demo = page.locator("article", { hasText: "每季度开始前公布奖励等级门槛" });
          expect(await demo.locator("[data-status]").getAttribute("data-status")).toBe("done");
          expect(await demo.locator("[data-verdict]").getAttribute("data-verdict")).toBe("resolved");
          expect(await demo.textContent()).toContain(rewarded);
          // unpublished demo ideas never show
          expect(await page.getByText("A quiet room for a break after difficult calls").count()).toBe(0);
          expect(await page.getByText("夜班交接流程需要规范").count()).toBe(0);
          // the 12 demo ideas, counted in steps of five over past days (today never counts)
          expect(Number(await page.locator("[data-stat=received]").textContent())).toBeGreaterThanOrEqual(10);
          await expectAxeClean(page);
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      }

      const { page, problems, close } = await open(`${prefix}/ideas/`);
      try {
        await page.locator("[data-idea]").first().waitFor();
        // "you said, we did": done ideas only
        await page.getByRole("button", { name: prefix ? "你提建议，我们行动" : "You said, we did" }).click();
        await expect
          .poll(async () => [
            ...new Set(await page.locator("[data-idea] [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))),
          ])
          .toEqual(["done"]);
        await page.getByRole("button", { name: prefix ? "全部已公示建议" : "All published ideas" }).click();
        // category filter
        await page.locator("select[data-filter=category]").selectOption("tools");
        await expect.poll(async () => page.locator("[data-idea]").count()).toBe(1);
        await page.locator("select[data-filter=category]").selectOption("");
        // sort by support: counts never increase down the list
        await page.locator("select[data-filter=sort]").selectOption("support");
        await expect
          .poll(async () => {
            const counts = (await page.locator("[data-support-count]").allTextContents()).map((t) => Number(t.match(/\d+/)![0]));
            return counts.every((c, i) => i === 0 || counts[i - 1]! >= c);
          })
          .toBe(true);

        // a support lost to the network says so (no unhandled rejection) and can be tried again
        await page.route("**/api/ideas/*/support", (route) => route.abort("connectionreset"));
        const card = page.locator("article", { hasText: "增加抗压与情绪管理培训" });
        await card.getByRole("button").click();
        await page
          .getByRole("alert")
          .filter({ hasText: prefix ? "附议未能记录" : "Your support could not be recorded" })
          .waitFor();
        expect(await card.getByRole("button").isDisabled()).toBe(false);
        await page.unroute("**/api/ideas/*/support");
        expect(problems.filter((p) => !p.includes("ERR_CONNECTION_RESET") && !p.includes("Failed to load resource"))).toEqual([]);
        problems.length = 0;

        // me too, once
        const before = Number((await card.locator("[data-support-count]").textContent())!.match(/\d+/)![0]);
        await card.getByRole("button").click();
        await expect
          .poll(async () => Number((await card.locator("[data-support-count]").textContent())!.match(/\d+/)![0]))
          .toBe(before + 1);
        expect(await card.getByRole("button").isDisabled()).toBe(true);
        await page.reload();
        await hydrated(page);
        const again = page.locator("article", { hasText: "增加抗压与情绪管理培训" });
        await again.waitFor();
        expect(await again.getByRole("button").isDisabled()).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  for (const path of ["/ideas/new/", "/zh-cn/ideas/new/", "/ideas/track/", "/zh-cn/ideas/track/"]) {
    it(`${path} renders in its language, satisfies the CSP and passes axe in light and dark`, async () => {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, problems, response, close } = await open(path, { colorScheme });
        try {
          expect(response.status()).toBe(200);
          expect(await page.getAttribute("html", "lang")).toBe(path.startsWith("/zh-cn") ? "zh-CN" : "en");
          expect(await page.locator("h1").count()).toBe(1);
          if (path.includes("new"))
            await page.getByRole("button", { name: path.startsWith("/zh-cn") ? "匿名提交" : "Send anonymously" }).waitFor();
          else await page.getByRole("textbox").waitFor();
          await expectAxeClean(page);
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      }
    });
  }
});
