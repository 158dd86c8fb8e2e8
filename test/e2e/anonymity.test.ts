// Anonymity as a person meets it, in Chromium against the real built site,
// functions and local D1, in both languages: invitation codes redeemed for a
// blind token before the questions (the code never travels with the answers,
// the token never outlives the browser session), and drafts on a shared PC
// (kept for the session unless the person says the device is theirs, and
// expiring even then). "Shared PC" is a browser profile on disk that is
// closed and opened again, as the next person at the same desk would.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../../scripts/env.ts";
import { axeViolations, formatViolations, launchProfile, watchPage } from "./browser.ts";
import { storedResponses } from "./db.ts";
import { useTranslations } from "#i18n/index.ts";
import { MIGRATED_STATE, stateFrom, startServer, type RunningServer } from "./server.ts";

const PULSE = "pulse-2026-11";
const CAREER = "supervisor-career-2026";
const ADMIN_TOKEN = "e2e-admin-token-anonymity-0123456789";
const persistTo = `${TMP_DIR}/e2e-anonymity`;
let server: RunningServer;

beforeAll(async () => {
  await stateFrom(MIGRATED_STATE, persistTo);
  server = await startServer({ persistTo, dist: `${TMP_DIR}/e2e-dist`, vars: { ADMIN_TOKEN } });
});
afterAll(async () => {
  await server?.stop();
});

const q = (page: Page, name: string) => page.locator(`.sd-question[data-name="${name}"]`);
/** Presses Start: with nothing of the survey's kept in this browser, the form loads only then. */
const start = (page: Page, label: string = LANGS[0].start) => page.getByRole("button", { name: label, exact: true }).click();
const storageKeys = (page: Page, area: "localStorage" | "sessionStorage") =>
  page.evaluate((a) => Object.entries(window[a]).filter(([k]) => k.startsWith("candor:")), area);

async function mintCodes(n: number): Promise<string[]> {
  const res = await fetch(`${server.url}/api/admin/surveys/${CAREER}/tokens`, {
    method: "POST",
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ count: n }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { codes: string[] }).codes;
}

/** A profile on disk: the "shared PC". `open` starts the browser on it; closing the context is closing the browser. */
async function sharedPc(locale: string) {
  const dir = await mkdtemp(join(TMP_DIR, "profile-"));
  let context: BrowserContext | undefined;
  return {
    async open(path: string) {
      context = await launchProfile(dir, locale);
      const page = context.pages()[0] ?? (await context.newPage());
      const problems = watchPage(page, server.url);
      await page.goto(`${server.url}${path}`);
      return { page, problems };
    },
    async closeBrowser() {
      await context?.close();
      context = undefined;
    },
    async dispose() {
      await context?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const [en, zh] = [useTranslations("en"), useTranslations("zh-cn")];
const LANGS = [
  {
    prefix: "",
    locale: "en-US",
    start: "Start the survey",
    codeHeading: "Enter your invitation code",
    codeLabel: "Invitation code",
    proceed: "Continue",
    complete: "Send my answers",
    done: "Thank you — your answers were received",
    used: "already been used",
    resumed: "Welcome back",
    ownDevice: "This is my own device",
    ownDeviceCode: "This is my own device: let me come back to this code",
    warning: en("survey.code.warning"),
    kept: en("survey.code.kept"),
    usedFull: en("survey.code.used"),
    usedSays: ["already been used", "another device", "closed", "This is my own device", "replacement code"],
  },
  {
    prefix: "/zh-cn",
    locale: "zh-CN",
    start: "开始填写问卷",
    codeHeading: "请输入邀请码",
    codeLabel: "邀请码",
    proceed: "继续",
    complete: "提交回答",
    done: "谢谢，我们已收到你的回答",
    used: "已被使用",
    resumed: "欢迎回来",
    ownDevice: "这是我自己的设备",
    ownDeviceCode: "这是我自己的设备：14 天内可以回到本设备接着作答",
    warning: zh("survey.code.warning"),
    kept: zh("survey.code.kept"),
    usedFull: zh("survey.code.used"),
    usedSays: ["已被使用", "另一台设备", "关闭", "这是我自己的设备", "补发"],
  },
] as const;

describe("invitation codes redeemed for a blind token before the questions", () => {
  for (const l of LANGS) {
    it(`${l.prefix || "en"}: the code is used up at form open, the answers go with an unlinkable token, never with the code`, async () => {
      const [code, other] = await mintCodes(2);
      const before = storedResponses(persistTo, CAREER);
      const pc = await sharedPc(l.locale);
      try {
        const { page, problems } = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        const posts: { url: string; body: string }[] = [];
        page.on("request", (req) => {
          if (req.method() === "POST") posts.push({ url: req.url(), body: req.postData() ?? "" });
        });
        await start(page, l.start);
        await page.getByRole("heading", { name: l.codeHeading }).waitFor();
        expect(await q(page, "pathsClear").count()).toBe(0); // no question before the code
        // Start moves focus to the code
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("survey-code");
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);

        await page.getByLabel(l.codeLabel).fill(code!.toLowerCase());
        await page.getByRole("button", { name: l.proceed }).click();
        await q(page, "pathsClear").waitFor({ timeout: 15_000 });
        // redeemed now, with a blinded token; nothing sent with answers yet
        expect(posts.map((p) => new URL(p.url).pathname)).toEqual([`/api/surveys/${CAREER}/redeem`]);
        const redemption = JSON.parse(posts[0]!.body) as { code: string; blinded: string };
        expect(redemption.blinded).toMatch(/^[0-9a-f]+$/);
        // the token lives in this session only
        const session = await storageKeys(page, "sessionStorage");
        const token = JSON.parse(session.find(([k]) => k.endsWith(":token"))![1]) as { input: string; output: string };
        expect(token.input).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(await storageKeys(page, "localStorage"))).not.toContain(token.input);

        // a reload in the same session does not ask for the code again
        await page.reload();
        await q(page, "pathsClear").waitFor({ timeout: 15_000 });
        await q(page, "pathsClear").locator('label:has(input[value="4"])').click();
        await q(page, "guidanceUseful").locator('label:has(input[value="3"])').click();
        await q(page, "interests").locator('label:has(input[value="crossDept"])').click();
        await page.getByRole("button", { name: l.complete }).click();
        await page.getByRole("heading", { name: l.done }).waitFor({ timeout: 15_000 });

        const sent = posts.find((p) => p.url.endsWith("/responses"))!;
        const body = JSON.parse(sent.body) as { token: { input: string; output: string } };
        expect(body.token).toEqual(token);
        // the answers carry neither the code (in any spelling) nor anything sent at redemption
        for (const secret of [code!, code!.toLowerCase(), code!.replace(/-/g, ""), redemption.blinded])
          expect(sent.body).not.toContain(secret);
        expect(posts.find((p) => p.url.endsWith("/redeem"))!.body).not.toContain(token.input);
        expect(storedResponses(persistTo, CAREER)).toBe(before + 1);
        // once sent, nothing is left in the browser but the mark "answered in this session" (no draft, no token;
        // the mark holds nothing else and goes with the session)
        expect(await storageKeys(page, "sessionStorage")).toEqual([[`candor:survey:${CAREER}:v1:answered`, "1"]]);
        expect(await storageKeys(page, "localStorage")).toEqual([]);
        expect(problems).toEqual([]);
        await pc.closeBrowser();

        // the next person at the same PC: the code was used up when the form opened
        const next = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        await start(next.page, l.start);
        await next.page.getByLabel(l.codeLabel).fill(code!);
        await next.page.getByRole("button", { name: l.proceed }).click();
        await next.page.getByRole("alert").filter({ hasText: l.used }).waitFor({ timeout: 15_000 });
        expect(await q(next.page, "pathsClear").count()).toBe(0);
        // the 409 is an expected answer, logged by the browser as a failed resource
        expect(next.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
        void other;
      } finally {
        await pc.dispose();
      }
    }, 90_000);
  }

  for (const l of LANGS) {
    it(`${l.prefix || "en"}: Continue warns, before the code is sent, that it uses the code up: answer now, on this device`, async () => {
      const pc = await sharedPc(l.locale);
      try {
        const { page, problems } = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        const posts: string[] = [];
        page.on("request", (req) => void (req.method() === "POST" && posts.push(req.url())));
        await start(page, l.start);
        const proceed = page.getByRole("button", { name: l.proceed });
        await proceed.waitFor();
        // said in plain words, right before the button, and read out with it
        const warning = page.locator("[data-code-warning]");
        expect(await warning.textContent()).toBe(l.warning);
        expect(await proceed.getAttribute("aria-describedby")).toBe(await warning.getAttribute("id"));
        expect(
          await page.locator("form.survey-code > *").evaluateAll((els, id) => els.findIndex((e) => e.id === id), "survey-code-warning"),
        ).toBeLessThan(await page.locator("form.survey-code > *").evaluateAll((els) => els.findIndex((e) => e.tagName === "BUTTON")));
        // the choice that lets the person come back to the code is offered before it is used
        expect(await page.getByLabel(l.ownDeviceCode).isChecked()).toBe(false);
        expect(posts).toEqual([]);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        await page.screenshot({ path: `${TMP_DIR}/screenshots/survey-code-warning-${l.prefix ? "zh-cn" : "en"}.png` });
        expect(problems).toEqual([]);
      } finally {
        await pc.dispose();
      }
    }, 90_000);

    it(`${l.prefix || "en"}: a reload while the code's answer is on its way finishes the redemption, without the code again`, async () => {
      const [code] = await mintCodes(1);
      const pc = await sharedPc(l.locale);
      try {
        const { page, problems } = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        // the server uses the code up, and its answer never reaches the tab (the phone dropped the page)
        let lost = 0;
        await page.route("**/redeem", async (route) => {
          await route.fetch();
          lost++;
          await route.abort("connectionreset");
        });
        await start(page, l.start);
        await page.getByLabel(l.codeLabel).fill(code!);
        await page.getByRole("button", { name: l.proceed }).click();
        await expect.poll(() => lost).toBe(1);
        await page.getByRole("alert").waitFor();
        await page.unroute("**/redeem");
        const redeemed: string[] = [];
        page.on("request", (req) => void (req.url().endsWith("/redeem") && redeemed.push(req.postData() ?? "")));
        await page.reload();
        // the same redemption asked for again, answered again: the questions, with no code typed
        await q(page, "pathsClear").waitFor({ timeout: 15_000 });
        expect(redeemed).toHaveLength(1);
        const token = (await storageKeys(page, "sessionStorage")).find(([k]) => k.endsWith(":token"));
        expect(token).toBeDefined();
        // the connection reset is the test's own doing; nothing else went wrong
        expect(problems.filter((p) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(p))).toEqual([]);
      } finally {
        await pc.dispose();
      }
    }, 90_000);

    it(`${l.prefix || "en"}: on one's own device, a closed browser gets the same code's token back; on a shared PC, the refusal says what happened and what to do`, async () => {
      const [mine, shared] = await mintCodes(2);
      const pc = await sharedPc(l.locale);
      try {
        const first = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        await start(first.page, l.start);
        await first.page.getByLabel(l.ownDeviceCode).check();
        await first.page.getByLabel(l.codeLabel).fill(mine!);
        await first.page.getByRole("button", { name: l.proceed }).click();
        await q(first.page, "pathsClear").waitFor({ timeout: 15_000 });
        const session = await storageKeys(first.page, "sessionStorage");
        const token = JSON.parse(session.find(([k]) => k.endsWith(":token"))![1]) as { input: string; output: string };
        await q(first.page, "pathsClear").locator('label:has(input[value="5"])').click();
        // on the device: the draft and the redemption, never the code (in any spelling) nor the token's output
        const device = JSON.stringify(await storageKeys(first.page, "localStorage"));
        expect(device).toContain(":redemption");
        for (const secret of [mine!, mine!.replace(/-/g, ""), mine!.toLowerCase(), token.output]) expect(device).not.toContain(secret);
        expect(device).not.toContain(":token");
        await pc.closeBrowser();

        // the tab is gone, and the token with it; the same code, typed again here, gets it back
        const again = await pc.open(`${l.prefix}/surveys/${CAREER}/`);
        await again.page.getByRole("heading", { name: l.codeHeading }).waitFor();
        expect(await again.page.locator("[data-code-kept]").textContent()).toBe(l.kept);
        expect(await again.page.getByLabel(l.ownDeviceCode).isChecked()).toBe(true);
        await again.page.getByLabel(l.codeLabel).fill(mine!.toLowerCase());
        await again.page.getByRole("button", { name: l.proceed }).click();
        await q(again.page, "pathsClear").waitFor({ timeout: 15_000 });
        const back = (await storageKeys(again.page, "sessionStorage")).find(([k]) => k.endsWith(":token"))!;
        expect(JSON.parse(back[1])).toEqual(token);
        expect(await q(again.page, "pathsClear").locator('input[value="5"]').isChecked()).toBe(true);
        await q(again.page, "guidanceUseful").locator('label:has(input[value="3"])').click();
        await q(again.page, "interests").locator('label:has(input[value="crossDept"])').click();
        await again.page.getByRole("button", { name: l.complete }).click();
        await again.page.getByRole("heading", { name: l.done }).waitFor({ timeout: 15_000 });
        // answered: nothing of the code's redemption is left on the device
        expect(JSON.stringify(await storageKeys(again.page, "localStorage"))).not.toMatch(/:redemption|:token|redeeming/);
        expect(again.problems).toEqual([]);
        await pc.closeBrowser();

        // a shared PC (not ticked): the browser closed after Continue; the code cannot come back, and the page says why and what to do
        const other = await sharedPc(l.locale);
        try {
          const desk = await other.open(`${l.prefix}/surveys/${CAREER}/`);
          await start(desk.page, l.start);
          await desk.page.getByLabel(l.codeLabel).fill(shared!);
          await desk.page.getByRole("button", { name: l.proceed }).click();
          await q(desk.page, "pathsClear").waitFor({ timeout: 15_000 });
          expect(await storageKeys(desk.page, "localStorage")).toEqual([]);
          await other.closeBrowser();
          const back = await other.open(`${l.prefix}/surveys/${CAREER}/`);
          await start(back.page, l.start);
          await back.page.getByLabel(l.codeLabel).fill(shared!);
          await back.page.getByRole("button", { name: l.proceed }).click();
          const refusal = back.page.getByRole("alert");
          await refusal.waitFor({ timeout: 15_000 });
          expect(await refusal.textContent()).toBe(l.usedFull);
          for (const words of l.usedSays) expect(await refusal.textContent()).toContain(words);
          expect(back.problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
        } finally {
          await other.dispose();
        }
      } finally {
        await pc.dispose();
      }
    }, 120_000);
  }
});

describe("drafts on a shared PC", () => {
  for (const l of LANGS) {
    it(`${l.prefix || "en"}: forgotten when the browser closes, kept only on "my own device", and even then not for ever`, async () => {
      const pc = await sharedPc(l.locale);
      try {
        // the first person answers half, and leaves
        const first = await pc.open(`${l.prefix}/surveys/${PULSE}/`);
        await start(first.page, l.start);
        await q(first.page, "satisfaction").locator('label:has(input[value="2"])').click();
        expect((await storageKeys(first.page, "sessionStorage")).length).toBe(1);
        expect(await storageKeys(first.page, "localStorage")).toEqual([]);
        expect(first.problems).toEqual([]);
        await pc.closeBrowser();

        // the next person sees a blank form
        const next = await pc.open(`${l.prefix}/surveys/${PULSE}/`);
        await start(next.page, l.start);
        await q(next.page, "satisfaction").waitFor();
        expect(await next.page.getByRole("status").filter({ hasText: l.resumed }).count()).toBe(0);
        expect(await q(next.page, "satisfaction").locator('input[value="2"]').isChecked()).toBe(false);

        // on one's own device, by choice: kept across visits
        await next.page.getByLabel(l.ownDevice).check();
        await q(next.page, "satisfaction").locator('label:has(input[value="4"])').click();
        expect((await storageKeys(next.page, "localStorage")).length).toBe(1);
        expect(await storageKeys(next.page, "sessionStorage")).toEqual([]);
        await pc.closeBrowser();
        const mine = await pc.open(`${l.prefix}/surveys/${PULSE}/`);
        await mine.page.getByRole("status").filter({ hasText: l.resumed }).waitFor();
        expect(await q(mine.page, "satisfaction").locator('input[value="4"]').isChecked()).toBe(true);
        expect(await mine.page.getByLabel(l.ownDevice).isChecked()).toBe(true);

        // … but not for ever: a draft last saved 15 days ago is gone
        await mine.page.evaluate(() => {
          const key = Object.keys(localStorage).find((k) => k.startsWith("candor:survey:"))!;
          const draft = JSON.parse(localStorage.getItem(key)!) as { saved: string };
          // 15 days before the day the form stamped it with (the browser's own clock)
          const old = new Date(Date.parse(`${draft.saved}T00:00:00Z`) - 15 * 86_400_000).toISOString().slice(0, 10);
          localStorage.setItem(key, JSON.stringify({ ...draft, saved: old, pending: true }));
        });
        await pc.closeBrowser();
        const later = await pc.open(`${l.prefix}/surveys/${PULSE}/`);
        await q(later.page, "satisfaction").waitFor();
        expect(await q(later.page, "satisfaction").locator('input[value="4"]').isChecked()).toBe(false);
        expect(await storageKeys(later.page, "localStorage")).toEqual([]);
        expect(later.problems).toEqual([]);
      } finally {
        await pc.dispose();
      }
    }, 90_000);
  }
});
