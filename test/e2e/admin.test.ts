// The HR console as HR uses it, in Chromium, in both languages, keyboard
// first: sign in with the local token, answer an idea privately (the author
// sees it on the tracking page), answer publicly and publish a moderated
// version (it is on the board), mark it done, the author contests, and HR
// sees the verdict in the inbox and beside the audit log (by day). On its own server with an
// ADMIN_TOKEN and a freshly seeded D1, the server, seeders and browser on DEMO_TODAY.
// What employees do reaches the console the next day, so the flow moves the
// server's pinned day on (a restart with the next CANDOR_TODAY, docs/clock.md)
// where an idea or a verdict must have arrived "yesterday".
import { mkdir, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TODAY } from "../../scripts/demo-day.ts";
import { TMP_DIR } from "../../scripts/env.ts";
import { formatDay } from "#i18n/translate.ts";
import { addDays } from "#lib/clock.ts";
import { expectAxeClean, launchBrowser, openPage } from "./browser.ts";
import { SEEDED_STATE, stateFrom, startServer, type RunningServer } from "./server.ts";

const ADMIN_TOKEN = "e2e-console-token-0123456789-abcdefghijklmnop";
const TODAY = DEMO_TODAY;
const DIST = `${TMP_DIR}/e2e-dist`;
const SHOTS = `${TMP_DIR}/screenshots`;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const persistTo = `${TMP_DIR}/admin-e2e`;
  await stateFrom(SEEDED_STATE, persistTo); // migrated and seeded on DEMO_TODAY
  server = await startServer({ persistTo, dist: DIST, today: TODAY, vars: { ADMIN_TOKEN } });
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** HR's public answer in the flow below, in both languages as HR may write it. */
const PUBLIC_ANSWER = "From January, every handover uses one shared checklist. 从一月起，每次交接都使用同一份清单。";

/** What the console's preview says the English and the Chinese pages will show of the text HR is writing. */
const previewed = (page: Page, field: string) =>
  Promise.all(
    ["en", "zh-cn"].map((lang) => page.locator(`form:has(${field}) [data-preview-page=${lang}] [data-preview-text]`).textContent()),
  );

const hydrated = (page: Page) => page.waitForFunction(() => document.querySelectorAll("astro-island[ssr]").length === 0);

/** The server restarted on the next day: what employees did the day before is now in HR's console. */
async function nextDay(): Promise<string> {
  const day = addDays(server.today(), 1);
  await server.restart({ today: day });
  return day;
}

async function hrSearch(q: string): Promise<{ id: string }[]> {
  const res = await fetch(`${server.url}/api/admin/ideas?q=${encodeURIComponent(q)}`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return ((await res.json()) as { ideas: { id: string }[] }).ideas;
}

async function newIdea(title: string): Promise<{ receipt: string }> {
  const res = await fetch(`${server.url}/api/ideas`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({
      category: "process",
      title,
      body: "Handover notes between night and morning shifts get lost; a shared checklist would stop customers repeating themselves.",
      publishConsent: true,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { receipt: string };
}

/**
 * Presses the button and waits for what came of it: a status line (announced
 * to screen readers) in the button's own section, on screen, within a few
 * lines of where the button was — not at the top of a long page.
 */
async function pressForOutcome(page: Page, button: Locator, text: string): Promise<void> {
  const section = await button.evaluateHandle((b) => b.closest("section")!);
  const buttonY = await button.evaluate((b) => b.getBoundingClientRect().top + window.scrollY);
  await button.click();
  const line = await page.waitForFunction(
    ([s, want]) => [...s.querySelectorAll<HTMLElement>("[role=status]")].find((e) => e.textContent === want) ?? null,
    [section, text] as const,
  );
  const seen = await line.evaluate((e) => {
    const r = (e as HTMLElement).getBoundingClientRect();
    return {
      y: r.top + window.scrollY,
      top: r.top,
      bottom: r.bottom,
      height: window.innerHeight,
      live: (e as HTMLElement).getAttribute("aria-live"),
    };
  });
  expect(seen.live).toBe("polite");
  expect(seen.top).toBeGreaterThanOrEqual(0);
  expect(seen.bottom).toBeLessThanOrEqual(seen.height);
  expect(Math.abs(seen.y - buttonY)).toBeLessThan(400);
}

const L = {
  en: {
    prefix: "",
    signIn: "Sign in",
    token: "HR token",
    search: "Search title and text",
    apply: "Apply",
    send: "Send answer",
    publicAnswer: "Public: the author, and the board once the idea is published",
    publish: "Publish",
    confirm: "I have checked: these details do not identify the author.",
    moveTo: "Move to",
    note: /Public note/,
    change: "Change status",
    receipt: "Receipt code",
    show: "Show my idea",
    notResolved: "Not resolved",
    saveVerdict: "Save my verdict",
    verdictSaved: "Your verdict was saved.",
    signOut: "Sign out",
    audit: "Audit log",
    rewardToggle: "Reward this idea",
    rewardNote: /What the reward is/,
    rewardSave: "Save reward",
    dupSearch: "Find the original idea",
    dupFind: "Search",
    dupMark: "Mark as duplicate of this one",
    sent: "Answer sent. The author sees it now.",
    published: "Published.",
    rewardSaved: "Reward saved.",
    statusChanged: "Status changed.",
    dupMarked: "Marked as a duplicate.",
  },
  "zh-cn": {
    prefix: "/zh-cn",
    signIn: "登录",
    token: "人力资源令牌",
    search: "搜索标题和内容",
    apply: "应用",
    send: "发送回复",
    publicAnswer: "公开：提交者可见，建议公示后也显示在公示栏",
    publish: "公示",
    confirm: "我已核对：这些信息不会识别出提交者。",
    moveTo: "改为",
    note: /公开说明/,
    change: "更改状态",
    receipt: "回执码",
    show: "查询",
    notResolved: "未解决",
    saveVerdict: "提交确认",
    verdictSaved: "你的确认已保存。",
    signOut: "退出登录",
    audit: "操作日志",
    rewardToggle: "奖励这条建议",
    rewardNote: /奖励内容/,
    rewardSave: "保存奖励",
    dupSearch: "查找原建议",
    dupFind: "搜索",
    dupMark: "标记为与此建议重复",
    sent: "回复已发送，提交者现在即可看到。",
    published: "已公示。",
    rewardSaved: "奖励已保存。",
    statusChanged: "状态已更改。",
    dupMarked: "已标记为重复建议。",
  },
} as const;

describe("HR console in the browser", () => {
  for (const locale of ["en", "zh-cn"] as const) {
    const l = L[locale];
    it(`${locale}: sign in → answer privately → author sees it → answer publicly and publish → board → done → contested → inbox and audit log`, async () => {
      const title = `Shift handover checklist ${locale} ${crypto.randomUUID().slice(0, 6)}`;
      const { receipt } = await newIdea(title);
      // a second idea saying the same, marked as a duplicate at the end
      const copyTitle = `Same handover idea again ${locale} ${crypto.randomUUID().slice(0, 6)}`;
      await newIdea(copyTitle);
      // sent today: not in the console until tomorrow
      expect(await hrSearch(title)).toEqual([]);
      const day = await nextDay();
      // HR in Shanghai (UTC+8 all year): the audit log shows its times there
      const hr = await openPage(browser, `${server.url}${l.prefix}/admin/`, { today: day, timezoneId: "Asia/Shanghai" });
      const author = await openPage(browser, `${server.url}${l.prefix}/ideas/track/`, { today: day });
      const { page } = hr;
      try {
        expect(hr.response.headers()["x-robots-tag"]).toBe("noindex, nofollow");
        expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex, nofollow");
        await hydrated(page);
        // sign in with the keyboard only
        await page.getByRole("textbox", { name: l.token }).waitFor();
        await expectAxeClean(page);
        await page.getByRole("textbox", { name: l.token }).focus();
        await page.keyboard.type(ADMIN_TOKEN);
        await page.keyboard.press("Enter");
        await page.locator("[data-inbox]").waitFor();
        expect(await page.evaluate(() => sessionStorage.getItem("candor.admin.token"))).toBe(ADMIN_TOKEN);
        expect(await page.evaluate(() => localStorage.length)).toBe(0);
        await page.locator("[data-admin-session=in] [data-actor]").getByText("admin-token").waitFor();
        await page.locator(".admin-list").waitFor();
        await expectAxeClean(page);

        // find the idea and open it from the list with the keyboard
        await page.getByRole("searchbox", { name: l.search }).fill(title);
        await page.getByRole("searchbox", { name: l.search }).press("Enter");
        await expect.poll(() => page.locator(".admin-list a[data-row]").count()).toBe(1);
        await page.locator(".admin-list a[data-row]").first().focus();
        await page.keyboard.press("End");
        await page.keyboard.press("Enter");
        await page.locator("[data-admin-idea]").waitFor();
        expect(page.url()).toMatch(/#idea\/[0-9a-f-]{36}$/);

        // a private answer, with its preview
        await page.locator("#admin-answer-body").fill("Thank you. Which shifts lose the notes most often?");
        await page.locator(".admin-preview").waitFor();
        await expectAxeClean(page);
        // each outcome is said beside the button that caused it, and announced
        await pressForOutcome(page, page.getByRole("button", { name: l.send }), l.sent);
        await expect.poll(() => page.locator("[data-messages] li[data-from=hr][data-visibility=private]").count()).toBe(1);

        // the author sees it at once with the receipt
        await hydrated(author.page);
        await author.page.getByRole("textbox", { name: l.receipt }).fill(receipt);
        await author.page.getByRole("button", { name: l.show }).click();
        await author.page.locator("[data-messages] li[data-from=hr]").getByText("Which shifts lose the notes most often?").waitFor();

        // a public answer, and a moderated version: identifying details are marked and must be confirmed; before
        // sending, HR sees what the English and the Chinese pages will show: the text as written, on both
        await page.getByRole("radio", { name: l.publicAnswer }).check();
        await page.locator("#admin-answer-body").fill(PUBLIC_ANSWER);
        expect(await previewed(page, "#admin-answer-body")).toEqual([PUBLIC_ANSWER, PUBLIC_ANSWER]);
        await page.getByRole("button", { name: l.send }).click();
        await expect.poll(() => page.locator("[data-messages] li[data-visibility=public]").count()).toBe(1);
        await page.locator("#admin-pub-title").fill(`Shared handover checklist ${locale}`);
        await page.locator("#admin-pub-body").fill("Night shift notes get lost; call 138 0013 8000 for details.");
        await page.locator("[data-findings]").waitFor();
        expect(await page.getByRole("button", { name: l.publish, exact: true }).isDisabled()).toBe(true);
        await expectAxeClean(page);
        await page.locator("#admin-pub-body").fill("Handover notes between shifts get lost; a shared checklist would help customers.");
        expect(await previewed(page, "#admin-pub-body")).toEqual([
          "Handover notes between shifts get lost; a shared checklist would help customers.",
          "Handover notes between shifts get lost; a shared checklist would help customers.",
        ]);
        await expect.poll(() => page.locator("[data-findings]").count()).toBe(0);
        await pressForOutcome(page, page.getByRole("button", { name: l.publish, exact: true }), l.published);
        await expect.poll(() => page.locator(".admin-badges .badge").allTextContents()).toContain(locale === "en" ? "Published" : "已公示");

        // on the board: the moderated title and the public answer, never the original
        const board = await fetch(`${server.url}/api/ideas`).then(
          (r) => r.json() as Promise<{ ideas: { title: string; answers: { body: string }[] }[] }>,
        );
        const card = board.ideas.find((i) => i.title === `Shared handover checklist ${locale}`);
        expect(card?.answers.map((a) => a.body)).toEqual([PUBLIC_ANSWER]);
        expect(JSON.stringify(board)).not.toContain(title);
        const boardPage = await openPage(browser, `${server.url}${l.prefix}/ideas/`);
        await hydrated(boardPage.page);
        await boardPage.page.getByText(`Shared handover checklist ${locale}`).waitFor();
        await boardPage.close();

        // a reward with its public note, on the board
        await page.getByRole("checkbox", { name: l.rewardToggle }).check();
        await page.getByRole("textbox", { name: l.rewardNote }).fill(`Innovation award ${locale} / 创新奖：500 元购物卡`);
        expect(await previewed(page, "#admin-reward-note")).toEqual([
          `Innovation award ${locale} / 创新奖：500 元购物卡`,
          `Innovation award ${locale} / 创新奖：500 元购物卡`,
        ]);
        await pressForOutcome(page, page.getByRole("button", { name: l.rewardSave }), l.rewardSaved);
        await page.locator("[data-reward-note]").waitFor();
        await expect
          .poll(async () => {
            const b = (await fetch(`${server.url}/api/ideas`).then((r) => r.json())) as {
              ideas: { title: string; rewardNote: string | null }[];
            };
            return b.ideas.find((i) => i.title === `Shared handover checklist ${locale}`)?.rewardNote;
          })
          .toBe(`Innovation award ${locale} / 创新奖：500 元购物卡`);
        // the board in the console's language shows all of it, and the answer whole
        const rewarded = await openPage(browser, `${server.url}${l.prefix}/ideas/`);
        try {
          const boardRow = rewarded.page.locator("[data-idea]", { hasText: `Shared handover checklist ${locale}` });
          expect(await boardRow.locator("[data-reward-note]").textContent()).toContain(`Innovation award ${locale} / 创新奖：500 元购物卡`);
          expect(await boardRow.locator("[data-answer] .idea-text").textContent()).toBe(PUBLIC_ANSWER);
          expect(rewarded.problems).toEqual([]);
        } finally {
          await rewarded.close();
        }

        // done, with a note
        await page.getByRole("combobox", { name: l.moveTo }).selectOption("done");
        await page.getByRole("textbox", { name: l.note }).fill("The checklist is in use on every shift.");
        await pressForOutcome(page, page.getByRole("button", { name: l.change }), l.statusChanged);
        await expect.poll(() => page.locator("[data-admin-idea] [data-status]").first().getAttribute("data-status")).toBe("done");

        // the author contests (the tracking page looks the idea up again on reload: the code is kept for this tab)
        await author.page.reload();
        await hydrated(author.page);
        await author.page.locator("[data-tracked] [data-status=done]").waitFor();
        await author.page.getByRole("radio", { name: l.notResolved, exact: true }).check();
        await author.page.getByRole("button", { name: l.saveVerdict }).click();
        await author.page.getByText(l.verdictSaved).waitFor();

        // the next day, HR sees the verdict in the inbox …
        const contested = (await hrSearch(title))[0] as { verdict?: string | null };
        expect(contested.verdict ?? null).toBeNull();
        await nextDay();
        await page.goto(`${server.url}${l.prefix}/admin/`);
        await hydrated(page);
        await page.locator("[data-count=contested]").click();
        const row = page.locator(".admin-list li", { hasText: title });
        await row.locator(".admin-contested").waitFor();
        await expectAxeClean(page);
        // … and in the audit log
        await page.getByRole("link", { name: l.audit }).click();
        await page.locator("[data-audit] .admin-audit").waitFor();
        const id = (await hrSearch(title))[0]!.id;
        await page.locator("#audit-target").fill(id);
        await page.locator("#audit-target").press("Enter");
        await expect
          .poll(() =>
            page
              .locator(`.admin-audit li[data-audit-target="${id}"]`)
              .evaluateAll((els) => els.map((e) => e.getAttribute("data-audit-action"))),
          )
          .toEqual(["idea.status", "idea.reward", "idea.publish", "idea.answer", "idea.answer"]);
        // each entry names the idea by its title, at HR's local time (not UTC, not a bare id)
        const entry = page.locator(`.admin-audit li[data-audit-target="${id}"]`).first();
        expect(await entry.locator("[data-audit-title]").textContent()).toBe(title);
        const at = (await entry.locator("time").getAttribute("datetime"))!;
        const shanghai = new Date(Date.parse(at) + 8 * 3_600_000).toISOString();
        expect(await entry.locator("time").textContent()).toBe(
          `${formatDay(locale, shanghai.slice(0, 10))}${locale === "en" ? ", " : " "}${shanghai.slice(11, 16)}`,
        );
        expect(await entry.textContent()).not.toContain("UTC");
        // the author's verdict beside the log, by day only
        const verdict = page.locator("[data-author-side] li[data-author-event=not_resolved]");
        await verdict.waitFor();
        expect(await verdict.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        await expectAxeClean(page);

        // the second idea saying the same is marked as its duplicate, found by search
        const copy = await hrSearch(copyTitle);
        await page.goto(`${server.url}${l.prefix}/admin/#idea/${copy[0]!.id}`);
        await page.locator("[data-admin-idea]").waitFor();
        await page.getByRole("searchbox", { name: l.dupSearch }).fill(title);
        await page.getByRole("button", { name: l.dupFind, exact: true }).click();
        await pressForOutcome(page, page.getByRole("button", { name: l.dupMark }), l.dupMarked);
        await expect.poll(() => page.locator("[data-admin-idea] [data-status]").first().getAttribute("data-status")).toBe("duplicate");

        // sign out forgets the token
        await page.getByRole("button", { name: l.signOut }).click();
        await page.getByRole("textbox", { name: l.token }).waitFor();
        expect(await page.evaluate(() => sessionStorage.getItem("candor.admin.token"))).toBeNull();
        // not even the first question (GET /api/admin/me before signing in) is an error: it answers {signedIn: false}
        expect(hr.problems).toEqual([]);
        expect(author.problems).toEqual([]);
      } finally {
        await hr.close();
        await author.close();
      }
      // two restarts of the server on the next day (about 10 s each on an idle machine) on top of the flow
    }, 180_000);
  }

  it("every console page says what it needs in its first paint, then asks the token: no console error, no CSP violation, nothing moves", async () => {
    for (const locale of ["en", "zh-cn"] as const)
      for (const path of ["/admin/", "/admin/surveys/", "/admin/audit/"]) {
        const url = `${server.url}${L[locale].prefix}${path}`;
        // the built page already holds the sign-in card (the form disabled until the check answers)
        const html = await (await fetch(url)).text();
        expect(html, url).toMatch(/class="card admin-signin"/);
        expect(html, url).toMatch(/<input[^>]*id="admin-token"[^>]*disabled/);
        const { page, context, problems, close } = await openPage(browser, url);
        try {
          // CSP refusals (zod's `new Function` probe among them) are events, not always console messages
          await context.addInitScript(() => {
            const seen: string[] = [];
            (window as unknown as { cspViolations: string[] }).cspViolations = seen;
            document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
                seen.push(`layout shift ${entry.value.toFixed(4)}`);
            }).observe({ type: "layout-shift", buffered: true });
          });
          await page.reload();
          await hydrated(page);
          const token = page.locator("#admin-token");
          await expect.poll(() => token.isEnabled()).toBe(true);
          await page.waitForLoadState("networkidle");
          expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), url).toEqual([]);
          expect(problems, url).toEqual([]);
          await expectAxeClean(page);
        } finally {
          await close();
        }
      }
  });

  it("refuses a wrong token and fails closed without one; the console's JavaScript is on no public page and not in the sitemap", async () => {
    const { page, problems, close } = await openPage(browser, `${server.url}/admin/audit/`);
    try {
      await hydrated(page);
      await page.getByRole("textbox", { name: "HR token" }).fill("not-the-token-not-the-token-not-the-token");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("That token is not valid.").waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    // every built page outside /admin loads none of the console's modules
    const pages: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.name.endsWith(".html")) pages.push(p);
      }
    };
    await walk(DIST);
    const isAdmin = (p: string) => /\/admin\//.test(p.slice(DIST.length));
    const adminHtml = await readFile(join(DIST, "admin/index.html"), "utf8");
    const adminIsland = /component-url="([^"]*AdminApp[^"]*)"/.exec(adminHtml)?.[1];
    expect(adminIsland).toBeTruthy();
    for (const p of pages.filter((p) => !isAdmin(p))) expect(await readFile(p, "utf8"), p).not.toMatch(/AdminApp|admin\.css/);
    // the inbox, the surveys, publishing and the audit log, in both languages
    expect(
      pages
        .filter(isAdmin)
        .map((p) => p.slice(DIST.length))
        .sort(),
    ).toEqual(
      ["/admin/audit/index.html", "/admin/index.html", "/admin/publish/index.html", "/admin/surveys/index.html"]
        .flatMap((p) => [p, `/zh-cn${p}`])
        .sort(),
    );
    const sitemap = await readFile(join(DIST, "sitemap-0.xml"), "utf8");
    expect(sitemap).toContain("/ideas/");
    expect(sitemap).not.toContain("/admin");
  });

  it("/results/access/ shows the audit log's head — the entries and the last hash GET /api/read-log gives — and how to check it, and the retention terms, in both languages", async () => {
    const { chain } = (await fetch(`${server.url}/api/read-log`).then((r) => r.json())) as { chain: { count: number; head: string } };
    expect(chain.count).toBeGreaterThan(0); // the demo's HR actions and this file's
    expect(chain.head).toMatch(/^[0-9a-f]{64}$/);
    for (const locale of ["en", "zh-cn"] as const) {
      const { page, problems, close } = await openPage(browser, `${server.url}${L[locale].prefix}/results/access/`, {
        today: server.today(),
      });
      try {
        await page.locator("[data-chain-head]").waitFor();
        expect(await page.locator("[data-chain-count]").textContent()).toBe(String(chain.count));
        expect(await page.locator("[data-chain-head]").textContent()).toBe(chain.head);
        expect(await page.locator(".read-log-chain code").last().textContent()).toBe(`/api/read-log?at=${chain.count}`);
        // how long what employees wrote is kept: every term, from the same settings the retention run reads
        const retention = page.locator("section[aria-labelledby=read-log-retention]");
        expect(await retention.locator("h2").textContent()).toBe(
          locale === "en" ? "How long what you wrote is kept" : "你写的内容保存多久",
        );
        expect(await retention.locator("li").count()).toBe(4);
        expect(await retention.locator("li").first().textContent()).toContain("365");
        // the answers HR can export (CSV), a year after the survey closed
        expect(await retention.locator("li").nth(2).textContent()).toContain(
          locale === "en" ? "365 days after the survey closed" : "问卷结束 365 天后删除",
        );
        expect(await page.locator("script").count()).toBe(0);
        await expectAxeClean(page);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }
    const at = (await fetch(`${server.url}/api/read-log?at=${chain.count}`).then((r) => r.json())) as { chain: { at: { hash: string } } };
    expect(at.chain.at.hash).toBe(chain.head);
  });

  it("screenshots at 360 and 1280 px, light and dark, English and Chinese (inbox and an idea)", async () => {
    for (const locale of ["en", "zh-cn"] as const)
      for (const colorScheme of ["light", "dark"] as const)
        for (const width of [360, 1280]) {
          const { page, context, problems, close } = await openPage(browser, `${server.url}${L[locale].prefix}/admin/`, {
            colorScheme,
            width,
          });
          try {
            await context.addInitScript((token) => sessionStorage.setItem("candor.admin.token", token), ADMIN_TOKEN);
            await page.reload();
            await hydrated(page);
            await page.locator(".admin-list").waitFor();
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${locale} ${colorScheme} ${width}: inbox overflows`).toBeLessThanOrEqual(0);
            await page.screenshot({ path: `${SHOTS}/console-inbox-${locale}-${colorScheme}-${width}.png`, fullPage: width === 360 });
            await page.goto(`${server.url}${L[locale].prefix}/admin/#idea/00000000-0000-4000-8000-1dea00000009`);
            await page.locator("[data-admin-idea]").waitFor();
            await page.locator("#admin-pub-body").fill("Agent 4471 on the 11月27日 night shift: handover notes get lost.");
            await page.locator("[data-findings]").waitFor();
            const ideaOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(ideaOverflow, `${locale} ${colorScheme} ${width}: idea overflows`).toBeLessThanOrEqual(0);
            await expectAxeClean(page);
            await page.screenshot({ path: `${SHOTS}/console-idea-${locale}-${colorScheme}-${width}.png`, fullPage: true });
            expect(problems).toEqual([]);
          } finally {
            await close();
          }
        }
  });
});
