// The survey key is pinned at build (src/lib/invitation/key.ts), in Chromium
// against the real built site, functions and local D1, in both languages.
//
// The attack it stops: a server that answers each person's code under a key
// of its own — with a valid proof for that key, and that key served from
// GET /api/surveys/{id} — could recognise each token when the answers arrive,
// and link code to answers. The form checks the proof against the key built
// into the page and nothing else: it refuses such an answer, says so, and
// sends nothing more. The server's own key is played with the real server.
import { EvaluationRequest, VOPRFServer, generateKeyPair } from "@cloudflare/voprf-ts";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_CODES } from "../../scripts/seed/0100-surveys.ts";
import { fromHex, toHex } from "#lib/hex.ts";
import { keyFingerprint } from "#lib/invitation/key.ts";
import { TOKEN_CRYPTO, TOKEN_SUITE } from "#lib/invitation/oprf.ts";
import { axeViolations, formatViolations, launchBrowser, newPinnedContext, openPage } from "./browser.ts";

const baseURL = inject("baseURL");
const CAREER = "supervisor-career-2026";
const committed = (JSON.parse(readFileSync(`src/content/surveys/${CAREER}.json`, "utf8")) as { invitationKey: string }).invitationKey;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LANGS = [
  {
    prefix: "",
    start: "Start the survey",
    codeLabel: "Invitation code",
    proceed: "Continue",
    wrongKey: "The server answered with a key that is not this survey's published key.",
    keysLink: "Compare with the published survey keys",
  },
  {
    prefix: "/zh-cn",
    start: "开始填写问卷",
    codeLabel: "邀请码",
    proceed: "继续",
    wrongKey: "服务器答复时使用的密钥不是本问卷公布的密钥。",
    keysLink: "核对已公布的问卷密钥",
  },
] as const;

/** A key pair of the server's own choosing: what a server would hand one person to recognise them later. */
async function rogueServer() {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_SUITE, TOKEN_CRYPTO);
  return { server: new VOPRFServer(TOKEN_SUITE, privateKey, TOKEN_CRYPTO), publicKey: toHex(publicKey) };
}

const isPath = (path: string) => (url: URL) => url.pathname === path;

/** GET /api/surveys/{id} as the real server answers it, with `key` in place of the published one. */
async function serveKey(context: BrowserContext, key: string): Promise<void> {
  await context.route(isPath(`/api/surveys/${CAREER}`), async (route: Route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.invitationKey).toBe(committed); // what the real server says
    await route.fulfill({ status: res.status(), json: { ...body, invitationKey: key } });
  });
}

/** Every request that would carry answers: recorded and never let through. */
async function catchAnswers(context: BrowserContext): Promise<string[]> {
  const sent: string[] = [];
  await context.route(isPath(`/api/surveys/${CAREER}/responses`), async (route: Route) => {
    sent.push(route.request().postData() ?? "");
    await route.abort();
  });
  return sent;
}

async function enterCode(page: Page, l: (typeof LANGS)[number], code: string) {
  await page.getByRole("button", { name: l.start, exact: true }).click();
  await page.getByLabel(l.codeLabel).fill(code);
  await page.getByRole("button", { name: l.proceed }).click();
  // whichever comes first: the refusal, an error under the code, or the first question
  await page.locator(`[data-wrong-key], #survey-code-error, ${QUESTION}`).first().waitFor({ timeout: 15_000 });
}

const QUESTION = '.sd-question[data-name="pathsClear"]';
const sessionKeys = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("candor:")));

describe("the survey key is the one built into the page", () => {
  for (const l of LANGS) {
    it(`${l.prefix || "en"}: a redemption answered under another key — the one the API serves — is refused, and nothing more is sent`, async () => {
      const rogue = await rogueServer();
      const context = await newPinnedContext(browser);
      await serveKey(context, rogue.publicKey);
      const redemptions: string[] = [];
      await context.route(isPath(`/api/surveys/${CAREER}/redeem`), async (route: Route) => {
        const { blinded } = route.request().postDataJSON() as { blinded: string };
        redemptions.push(blinded);
        // a valid evaluation with a valid proof — for the rogue key
        const request = EvaluationRequest.deserialize(TOKEN_SUITE, fromHex(blinded)!, TOKEN_CRYPTO);
        await route.fulfill({ json: { evaluation: toHex((await rogue.server.blindEvaluate(request)).serialize()) } });
      });
      const answers = await catchAnswers(context);
      const { page, problems, close } = await openPage(browser, `${baseURL}${l.prefix}/surveys/${CAREER}/`, { context });
      try {
        await enterCode(page, l, "7KQ2-M9XD-4RTB");
        expect(redemptions).toHaveLength(1);
        // no token was kept and no question shown: the answers can never be sent with that token
        expect((await sessionKeys(page)).filter((k) => k.endsWith(":token") || k.endsWith(":redeeming"))).toEqual([]);
        expect(await page.locator(QUESTION).count()).toBe(0);
        expect(await page.getByRole("alert").textContent()).toContain(l.wrongKey);
        // no way on from here: the code form is gone
        expect(await page.getByLabel(l.codeLabel).count()).toBe(0);
        await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute("data-wrong-key"))).toBe(true);
        expect(await page.getByRole("link", { name: l.keysLink }).getAttribute("href")).toBe(`${l.prefix}/results/keys/`);
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(answers).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    }, 60_000);
  }

  it("a code is redeemed under the built key whatever key the API serves (the real server, its own key)", async () => {
    const context = await newPinnedContext(browser);
    await serveKey(context, (await rogueServer()).publicKey);
    const answers = await catchAnswers(context);
    const { page, problems, close } = await openPage(browser, `${baseURL}/surveys/${CAREER}/`, { context });
    try {
      // a demo code of the e2e database no other test uses (survey-look uses the last one)
      await enterCode(page, LANGS[0], DEMO_CODES[3]!);
      expect(await page.locator("[data-wrong-key], #survey-code-error").allTextContents()).toEqual([]);
      expect(await page.locator(QUESTION).count()).toBe(1);
      expect((await sessionKeys(page)).some((k) => k.endsWith(":token"))).toBe(true);
      expect(answers).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});

describe("the key is published", () => {
  const fingerprint = () => keyFingerprint(committed);

  for (const l of LANGS) {
    it(`${l.prefix || "en"}: the survey page carries the key committed in the survey's file, and shows its fingerprint`, async () => {
      const html = await (await fetch(`${baseURL}${l.prefix}/surveys/${CAREER}/`)).text();
      const props = /data-props="([^"]*)"/
        .exec(html)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
      expect((JSON.parse(props) as { invitationKey: string }).invitationKey).toBe(committed);
      expect(html).toContain(`data-key-fingerprint="${await fingerprint()}"`);
      // an open survey has no key
      const open = await (await fetch(`${baseURL}${l.prefix}/surveys/pulse-2026-11/`)).text();
      expect(open).not.toContain("invitationKey");
      expect(open).not.toContain("data-key-fingerprint");
    });

    it(`${l.prefix || "en"}: /results/keys/ lists it with its fingerprint, without JavaScript, linked from the read log; the surveys feed carries it`, async () => {
      const { page, problems, close } = await openPage(browser, `${baseURL}${l.prefix}/results/keys/`);
      try {
        const section = page.locator(`[data-survey-key="${CAREER}"]`);
        expect((await section.locator("[data-key]").textContent())!.trim()).toBe(committed);
        expect(await section.locator("[data-fingerprint]").textContent()).toBe(await fingerprint());
        expect(await page.locator("script").count()).toBe(0);
        expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toBe(
          `${l.prefix}/surveys/rss.xml`,
        );
        const violations = await axeViolations(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
      const access = await (await fetch(`${baseURL}${l.prefix}/results/access/`)).text();
      expect(access).toContain(`href="${l.prefix}/results/keys/"`);

      const feed = await (await fetch(`${baseURL}${l.prefix}/surveys/rss.xml`)).text();
      const item = feed.split("<item>").find((i) => i.includes(`/surveys/${CAREER}/</link>`))!;
      expect(item).toContain(committed);
      expect(item).toContain(await fingerprint());
      // a new key would be a new item to every reader
      expect(item).toContain('<guid isPermaLink="false">');
      expect(item).toContain(`${l.prefix}/surveys/${CAREER}/#key-${(await fingerprint()).replace(/ /g, "")}</guid>`);
    });
  }
});
