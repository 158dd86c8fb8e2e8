// HR publishes a new reward-policy version from the console, in Chromium, in
// both languages: one HR person drafts it from the version in force, changes
// two weights (the build's check refuses the first change alone, as HR
// types), sees the word-level diff and the tier calculator on the draft, and
// saves; a second HR person approves (the author cannot); the first
// publishes. The new version lands in the working tree as current, the old
// one superseded, and the folder passes the content loader's check with the
// policy history's diff showing the change; after the rebuild the policy page
// shows the new version and its history the diff. HR also rewrites when a cycle's
// rewards are paid (the draft's diff shows it, the file carries it) and is
// refused a budget currency that is not a code, beside the field, in HR's
// language. Only the git host is stood in
// for (scripts/git-host-standin.ts), over a temporary copy of the content.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Standin } from "../../scripts/git-host-standin.ts";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { diffPolicies } from "#lib/policy/diff.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { ANA, LI, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";
import type { RunningServer } from "./server.ts";

const FILE = "src/content/policy/2027-01.json";
const POLICY = "src/content/policy";
const BONUS_FORUM = "2026-09-17-survey-results-and-bonus-timing";
const TRAINING = { en: "Two coaching sessions on first-contact resolution.", "zh-cn": "两次关于首次解决率的辅导课。" };
const PROMPTED = { en: "The bonus is paid with the salary of the month it is for.", "zh-cn": "奖金随所属月份的工资发放。" };
let rig: PublishingRig;
let tree: string;
let standin: Standin;
let server: RunningServer;

beforeAll(async () => {
  // a copy of the project, its site rebuilt after each commit as `npm start` does
  rig = await startPublishingRig("publish-policy", { project: true });
  ({ tree, standin, server } = rig);
});
afterAll(async () => {
  await rig?.stop();
});

const signIn = (url: string, who: { name: string; token: string }) => rig.signIn(url, who);

describe("publishing a new policy version from the console", () => {
  for (const lang of ["en", "zh-cn"] as const) {
    it(`${lang}: drafts from the version in force, checks and diffs as HR types, a second HR person approves, the file is written`, async () => {
      // each language starts from the policy as the repository has it
      rmSync(join(tree, POLICY), { recursive: true, force: true });
      cpSync(POLICY, join(tree, POLICY), { recursive: true });
      const t = translator(pickStrings(lang, "admin."));
      const policyT = translator(pickStrings(lang, "policy."));
      const monthlyName = JSON.parse(readFileSync(join(POLICY, "2026-07.json"), "utf8")).cycles[0].name[lang];
      const paid = lang === "en" ? "The monthly bonus is paid with the same month's salary." : "月度绩效奖金随当月工资发放。";
      const url = `${server.url}${lang === "en" ? "" : "/zh-cn"}/admin/publish/`;
      let id = "";
      const card = (page: Page, state: string) => page.locator(`[data-draft="${id}"][data-draft-state=${state}]`);

      const ana = await signIn(url, ANA);
      try {
        await ana.page.getByRole("button", { name: t("admin.policy.start", { version: "2026-07" }) }).click();
        const mine = ana.page.locator(`[data-draft-path="${FILE}"][data-draft-state=draft]`).last();
        await mine.waitFor();
        id = (await mine.getAttribute("data-draft"))!;
        const form = card(ana.page, "draft").locator("[data-policy-draft]");
        await form.locator("[data-checks-pass]").waitFor();

        // one weight up alone (csat is the first criterion): the weights no longer add up to 100, and the
        // build's check says so as HR types, in HR's language
        await form.locator('input[name="criteria.0.weight"]').fill("30");
        const problems = form.locator("[data-problems]");
        await expect(problems.textContent()).resolves.toContain(t("admin.problem.weights_sum", { total: 105 }));
        if (lang === "zh-cn") await expect(problems.textContent()).resolves.toContain("各项权重之和必须为 100%，目前为 105%。");
        expect(await form.getByRole("button", { name: t("admin.policy.save") }).isDisabled()).toBe(true);
        await form.locator('input[name="criteria.1.weight"]').fill("15");
        await form.locator("[data-checks-pass]").waitFor();

        // a criterion added: its fields say what is missing, the weights' problem stays until they are fixed; then removed again
        await form.getByRole("button", { name: t("admin.policy.addCriterion") }).click();
        const newId = form.locator('input[name="criteria.7.id"]');
        await expect(newId.getAttribute("aria-invalid")).resolves.toBe("true");
        const describedBy = (await newId.getAttribute("aria-describedby"))!.split(" ");
        await expect(ana.page.locator(`[id="${describedBy.at(-1)}"]`).textContent()).resolves.toBe(t("admin.problem.format_slug"));
        await newId.fill("callback-time");
        for (const l of ["en", "zh-cn"])
          for (const k of ["name", "measures", "source", "formula", "period"])
            await form.locator(`[name="criteria.7.${k}.${l}"]`).fill(l === "en" ? `Callback ${k}` : `回访${k}`);
        await form.locator('input[name="criteria.7.weight"]').fill("10");
        await expect(problems.textContent()).resolves.toContain(t("admin.problem.weights_sum", { total: 110 }));
        await expect(newId.getAttribute("aria-invalid")).resolves.toBeNull();
        await form.locator('input[name="criteria.0.weight"]').fill("20");
        await form.locator("[data-checks-pass]").waitFor();
        // the calculator and the diff run on the draft with the new criterion
        await expect(form.locator("[data-policy-calculator]").textContent()).resolves.toContain(
          lang === "en" ? "Callback name" : "回访name",
        );
        await expect(form.locator("[data-policy-diff]").textContent()).resolves.toContain(lang === "en" ? "Callback name" : "回访name");
        await form
          .getByRole("button", { name: t("admin.policy.removeCriterion", { name: lang === "en" ? "Callback name" : "回访name" }) })
          .click();
        await expect(problems.textContent()).resolves.toContain(t("admin.problem.weights_sum", { total: 90 }));
        await form.locator('input[name="criteria.0.weight"]').fill("30");
        await form.locator("[data-checks-pass]").waitFor();
        expect(await form.locator('input[name="criteria.7.id"]').count()).toBe(0);
        await form
          .locator(`textarea[name="summary.${lang}"]`)
          .fill(lang === "en" ? "Satisfaction now weighs 30%." : "客户满意度权重调整为 30%。");

        // the rest of the version: a budget currency that is not a code is refused beside its field, in HR's language
        const currency = form.locator('input[name="budget.currency"]');
        await currency.fill("yuan");
        await expect(currency.getAttribute("aria-invalid")).resolves.toBe("true");
        const currencyProblem = ana.page.locator(`[id="${(await currency.getAttribute("aria-describedby"))!.split(" ").at(-1)}"]`);
        await expect(currencyProblem.textContent()).resolves.toBe(t("admin.problem.format_currency"));
        if (lang === "zh-cn") await expect(currencyProblem.textContent()).resolves.toBe("请填写三个字母的货币代码，例如 CNY。");
        expect(await form.getByRole("button", { name: t("admin.policy.save") }).isDisabled()).toBe(true);
        await currency.fill("CNY");
        await form.locator("[data-checks-pass]").waitFor();
        // when the monthly cycle's rewards are paid, rewritten in HR's language
        await form.locator(`[data-cycle="monthly"] textarea[name="cycles.0.paid.${lang}"]`).fill(paid);
        // what the Good tier's training involves, for employees, in both languages
        await form.locator('textarea[name="tiers.2.rewards.1.detail.en"]').locator("xpath=ancestor::details[1]/summary").click();
        for (const [l, text] of Object.entries(TRAINING)) await form.locator(`textarea[name="tiers.2.rewards.1.detail.${l}"]`).fill(text);
        // what prompted it: September's forum on bonus timing, picked from the site's forums; until it is picked, its problem
        await form.getByRole("button", { name: t("admin.policy.addPrompt") }).click();
        const forum = form.locator('select[name="promptedBy.0.id"]');
        await expect(forum.getAttribute("aria-invalid")).resolves.toBe("true");
        await forum.selectOption(BONUS_FORUM);
        for (const [l, text] of Object.entries(PROMPTED)) await form.locator(`textarea[name="promptedBy.0.change.${l}"]`).fill(text);
        await form.locator("[data-checks-pass]").waitFor();

        // the diff against the version in force, and the calculator running on the draft
        const diff = form.locator("[data-policy-diff]");
        const monthly = diff.locator('[data-change="cycles.monthly"]');
        await expect(monthly.textContent()).resolves.toContain(`${policyT("policy.section.cycles")}: ${monthlyName}`);
        await expect(monthly.textContent()).resolves.toContain(`${policyT("policy.field.paid")}: `);
        await expect(monthly.locator("ins").allTextContents()).resolves.not.toEqual([]);
        await expect(diff.locator("del").allTextContents()).resolves.toContain("25");
        await expect(diff.locator("ins").allTextContents()).resolves.toContain("30");
        await expect(diff.locator("[data-words] ins").count()).resolves.toBeGreaterThan(0);
        await form.locator("[data-policy-calculator]").waitFor();

        await form.getByRole("button", { name: t("admin.policy.save") }).click();
        await form.getByText(t("admin.policy.saved")).waitFor();
        await expect(card(ana.page, "draft").textContent()).resolves.toContain(t("admin.programme.ownDraft"));
        expect(
          await card(ana.page, "draft")
            .getByRole("button", { name: t("admin.programme.approve") })
            .count(),
        ).toBe(0);
      } catch (err) {
        await ana.close();
        throw err;
      }

      const li = await signIn(url, LI);
      try {
        await card(li.page, "draft")
          .getByRole("button", { name: t("admin.programme.approve") })
          .click();
        await card(li.page, "approved").waitFor();
        expect(li.problems).toEqual([]);
      } finally {
        await li.close();
      }

      try {
        await ana.page.reload();
        await ana.page.locator("[data-admin-session=in]").waitFor();
        await card(ana.page, "approved")
          .getByRole("button", { name: t("admin.programme.publish") })
          .click();
        await card(ana.page, "building").waitFor();
        expect(ana.problems).toEqual([]);
      } finally {
        await ana.close();
      }

      // the working tree: the new version in force, the old one superseded, both by ana
      const written = JSON.parse(readFileSync(join(tree, FILE), "utf8"));
      expect([written.version, written.status, written.criteria[0].weight, written.criteria[1].weight]).toEqual([
        "2027-01",
        "current",
        30,
        15,
      ]);
      expect(JSON.parse(readFileSync(join(tree, POLICY, "2026-07.json"), "utf8")).status).toBe("superseded");
      expect(standin.commits.slice(-2).map((c) => [c.path, c.author?.email])).toEqual([
        [FILE, ANA.name],
        [`${POLICY}/2026-07.json`, ANA.name],
      ]);
      // what the next build reads: the folder passes the content loader's check, and the history's diff shows the change
      const files = readdirSync(join(tree, POLICY)).map((path) => ({ path, text: readFileSync(join(tree, POLICY, path), "utf8") }));
      const { versions } = parsePolicySet(files);
      expect(versions.filter((v) => v.status === "current").map((v) => v.version)).toEqual(["2027-01"]);
      const change = diffPolicies(
        versions.find((v) => v.version === "2026-07")!,
        versions.find((v) => v.version === "2027-01")!,
      );
      expect(change.changes.find((c) => c.id === "csat")?.fields.find((f) => f.field === "weight")).toMatchObject({ from: 25, to: 30 });
      expect(written.cycles[0].paid[lang]).toBe(paid);
      expect(change.changes.find((c) => c.section === "cycles" && c.id === "monthly")?.fields.map((f) => f.field)).toEqual(["paid"]);
      expect(written.promptedBy).toEqual([{ kind: "forum", id: BONUS_FORUM, change: PROMPTED }]);
      expect(written.tiers[2].rewards[1]).toEqual({ form: "training", detail: TRAINING });
    });
  }

  it("after the rebuild, the policy page shows the new version in force, and its history links the diff against the old one", async () => {
    await rig.rebuilder!.settled();
    const page = async (path: string) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    // the Chinese run published last: its words are in force
    const current = await page("/zh-cn/policy/");
    expect(current).toContain('data-policy-version="2027-01"');
    expect(current).toContain("月度绩效奖金随当月工资发放。");
    expect(current).toContain(TRAINING["zh-cn"]);
    expect(await page("/policy/")).toContain('data-policy-version="2027-01"');
    // and what prompted it, among what staff said and what was done
    expect(await page("/zh-cn/you-said-we-did/")).toContain(PROMPTED["zh-cn"]);
    const history = await page("/zh-cn/policy/history/");
    expect(history).toMatch(/<li[^>]* data-version="2027-01"/);
    expect(history).toContain("客户满意度权重调整为 30%。");
    expect(history).toMatch(/href="\/zh-cn\/policy\/compare\/2026-07\/2027-01\/?"/);
    const compare = await page("/zh-cn/policy/compare/2026-07/2027-01/");
    expect(compare).toMatch(/data-change-count="4"/);
    for (const [section, id] of [
      ["criteria", "csat"],
      ["criteria", "resolution-rate"],
      ["tiers", "good"],
      ["cycles", "monthly"],
    ])
      expect(compare, `${section} ${id}`).toMatch(new RegExp(`data-section="${section}"[\\s\\S]*data-id="${id}"`));
    // a whole site build happens inside this file (about a minute on a quiet machine)
  }, 600_000);
});

describe("an honour from the console", () => {
  for (const [lang, person, zhName] of [
    ["en", "Guo Ying", "郭颖"],
    ["zh-cn", "Zhou Min", "周敏"],
  ] as const) {
    it(`${lang}: written with the build's checks as HR types, approved by a second HR person, published only once the person's consent is on record`, async () => {
      const t = translator(pickStrings(lang, "admin."));
      const url = `${server.url}${lang === "en" ? "" : "/zh-cn"}/admin/publish/`;
      const file = `src/content/honours/2026-11-27-${person.toLowerCase().replace(" ", "-")}.json`;
      const card = (page: Page, state: string) => page.locator(`[data-draft-path="${file}"][data-draft-state=${state}]`);

      const ana = await signIn(url, ANA);
      try {
        await ana.page.getByText(t("admin.honour.new")).click();
        const form = ana.page.locator("[data-honour-form]");
        await form.locator('select[name="award"] option[value="honour-certificate"]').waitFor({ state: "attached" });
        await form.locator('input[name="date"]').fill("2026-11-27");
        await form.locator('input[name="cycle"]').fill("2026-11");
        await form.locator('select[name="award"]').selectOption("honour-certificate");
        await form.locator('input[name="title.en"]').fill("Timely recognition, November 2026");
        await form.locator('input[name="title.zh-cn"]').fill("2026年11月及时表彰");
        await form.locator('input[name="recipient.name.en"]').fill(person);
        await form.locator('input[name="recipient.name.zh-cn"]').fill(zhName);
        await form
          .locator('textarea[name="reason.en"]')
          .fill("Rebuilt the callback queue during the billing outage so that no customer waited more than a day.");
        // "great work" is not recognition: the build's check says so once HR leaves the field
        await form.locator('textarea[name="reason.zh-cn"]').fill("表现很好。");
        await form.locator('input[name="title.en"]').focus();
        await expect.poll(() => form.locator(".field-error").allTextContents()).toEqual([t("admin.problem.reason_vague", { min: 15 })]);
        await expect(form.locator('textarea[name="reason.zh-cn"]').getAttribute("aria-invalid")).resolves.toBe("true");
        await form.locator('textarea[name="reason.zh-cn"]').fill("计费系统故障期间重建回访队列，使每位客户在一天内得到答复。");
        await expect.poll(() => form.locator(".field-error").count()).toBe(0);
        await form.getByRole("button", { name: t("admin.honour.create") }).click();
        await card(ana.page, "draft").waitFor();
        expect(await card(ana.page, "draft").locator("[data-consent]").textContent()).toContain(t("admin.honour.needsConsent"));
      } catch (err) {
        await ana.close();
        throw err;
      }

      const li = await signIn(url, LI);
      try {
        await card(li.page, "draft")
          .getByRole("button", { name: t("admin.programme.approve") })
          .click();
        await card(li.page, "approved").waitFor();
        expect(li.problems).toEqual([]);
      } finally {
        await li.close();
      }

      try {
        await ana.page.reload();
        await ana.page.locator("[data-admin-session=in]").waitFor();
        // without consent: refused, in HR's language, beside the button; nothing reaches the repository
        const approved = card(ana.page, "approved");
        await approved.getByRole("button", { name: t("admin.programme.publish") }).click();
        await expect.poll(() => approved.locator("[data-outcome-error]").textContent()).toBe(t("admin.honour.consentMissing"));
        expect(existsSync(join(tree, file))).toBe(false);
        // the person agreed: recorded (an audited step), then published
        await approved.getByRole("button", { name: t("admin.honour.consent") }).click();
        await expect.poll(() => card(ana.page, "approved").locator("[data-consent]").textContent()).toContain(ANA.name);
        await card(ana.page, "approved")
          .getByRole("button", { name: t("admin.programme.publish") })
          .click();
        await card(ana.page, "building").waitFor();
        expect(ana.problems.filter((p) => !p.includes("409"))).toEqual([]);
      } finally {
        await ana.close();
      }
      const written = JSON.parse(readFileSync(join(tree, file), "utf8"));
      expect(written.recipient).toEqual({ kind: "person", name: { en: person, "zh-cn": zhName }, consent: true });
      expect(standin.commits.at(-1)!.author?.email).toBe(ANA.name);
    });
  }
});
