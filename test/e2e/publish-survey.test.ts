// HR makes a new survey from a template in the console, in Chromium, in both
// languages: picks November's pulse, gives the new survey its address and
// title, edits a question's text and sees it in the preview (SurveyJS, as
// employees see the form), adds a question and fixes what the build's check
// says in HR's words, saves; a second HR person approves and the first
// publishes. After the rebuild (as `npm start` does, over a copy of the
// project) the survey pages appear in both languages and the new survey
// accepts an answer. The git host is the only thing stood in for.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "#i18n/translate.ts";
import { pickStrings } from "#i18n/index.ts";
import { openPage } from "./browser.ts";
import { storedResponses } from "./db.ts";
import { surveyFromTemplate } from "./console-steps.ts";
import { approveAndPublish, ANA, startPublishingRig, type PublishingRig } from "./publishing-rig.ts";

let rig: PublishingRig;

beforeAll(async () => {
  rig = await startPublishingRig("publish-survey", { project: true });
});
afterAll(async () => {
  await rig?.stop();
});

const RUNS = {
  en: { id: "canteen-2026", title: "Canteen survey", question: "How satisfied are you with the canteen?", previewLang: "en" },
  "zh-cn": { id: "lockers-2026", title: "更衣柜调查", question: "您对更衣柜满意吗？", previewLang: "zh-cn" },
} as const;

const status = async (path: string) => (await fetch(`${rig.server.url}${path}`)).status;

describe("a new survey from a template, edited with a live preview, approved and published", () => {
  for (const lang of ["en", "zh-cn"] as const) {
    it(`${lang}: creates from November's pulse, edits a question seen in the preview, fixes a check, and publishes with a second HR person`, async () => {
      const run = RUNS[lang];
      const t = translator(pickStrings(lang, "admin."));
      const url = `${rig.server.url}${lang === "en" ? "" : "/zh-cn"}/admin/publish/`;
      const file = `src/content/surveys/${run.id}.json`;
      const ana = await rig.signIn(url, ANA);
      let id: string;
      try {
        const page = ana.page;
        await surveyFromTemplate(
          page,
          {
            template: "pulse-2026-11",
            id: run.id,
            title: lang === "en" ? { en: run.title, "zh-cn": "食堂调查" } : { en: "Lockers survey", "zh-cn": run.title },
          },
          t("admin.template.create"),
        );

        const card = page.locator(`[data-draft-path="${file}"]`);
        await card.waitFor();
        id = (await card.getAttribute("data-draft"))!;
        const editor = card.locator("[data-survey-editor]");
        await editor.waitFor();
        const preview = editor.locator(`[data-survey-preview="${run.previewLang}"]`);
        await preview.locator('.sd-question[data-name="satisfaction"]').waitFor();

        // a question's text, edited in the console's language, appears in the preview in that language
        const sjs = run.previewLang === "en" ? "default" : "zh-cn";
        await editor.locator(`input[name="satisfaction.title.${sjs}"]`).fill(run.question);
        await preview.locator('.sd-question[data-name="satisfaction"]', { hasText: run.question }).waitFor();

        // a new question without its texts: the build's check, in HR's words, until both are written
        await editor.locator("select[name=addType]").selectOption("comment");
        await editor.locator("input[name=addName]").fill("lunchIdea");
        await editor.getByRole("button", { name: t("admin.editor.add") }).click();
        const problems = editor.locator("[data-problems] li");
        await expect(problems.allTextContents()).resolves.toEqual([
          t("admin.check.question_text", { name: "lunchIdea", lang: t("admin.policy.lang.en") }),
          t("admin.check.question_text", { name: "lunchIdea", lang: t("admin.policy.lang.zh-cn") }),
        ]);
        expect(await editor.locator("[data-save-survey]").isDisabled()).toBe(true);
        await editor.locator('input[name="lunchIdea.title.default"]').fill("One idea for lunch");
        await editor.locator('input[name="lunchIdea.title.zh-cn"]').fill("关于午餐的一个建议");
        await editor.locator("[data-problems-none]").waitFor();
        await preview.locator('.sd-question[data-name="lunchIdea"]').waitFor();

        // the other language's preview, on a press
        const other = run.previewLang === "en" ? "zh-cn" : "en";
        await editor.locator(`[data-preview-lang="${other}"]`).click();
        await editor
          .locator(`[data-survey-preview="${other}"] .sd-question[data-name="lunchIdea"]`, {
            hasText: other === "en" ? "One idea for lunch" : "关于午餐的一个建议",
          })
          .waitFor();

        await editor.locator("[data-save-survey]").click();
        await card.getByText(t("admin.editor.saved")).waitFor();
        expect(ana.problems).toEqual([]);
      } finally {
        await ana.close();
      }

      await approveAndPublish(rig, url, id, t);
      const written = JSON.parse(readFileSync(join(rig.tree, file), "utf8"));
      expect(written).toMatchObject({ id: run.id, version: 1, access: "open", segments: ["team", "tenure"], opens: "2026-11-30" });
      const names = written.definition.pages[0].elements.map((e: { name: string }) => e.name);
      expect(names.at(-1)).toBe("lunchIdea");
      expect(JSON.stringify(written)).toContain(run.question);
    });
  }

  it("after the rebuild, both new surveys' pages appear in both languages and accept an answer", async () => {
    await rig.rebuilder!.settled();
    for (const run of Object.values(RUNS)) {
      expect(await status(`/surveys/${run.id}/`)).toBe(200);
      expect(await status(`/zh-cn/surveys/${run.id}/`)).toBe(200);
    }
    const { id, question } = RUNS.en;
    const before = storedResponses(rig.server.persistTo, id);
    const { page, problems, close } = await openPage(rig.browser, `${rig.server.url}/surveys/${id}/`);
    try {
      await page.getByRole("button", { name: "Start the survey" }).click();
      const q = (name: string) => page.locator(`.sd-question[data-name="${name}"]`);
      await q("satisfaction").getByText(question).waitFor();
      await q("satisfaction").locator('label:has(input[value="4"])').click();
      await q("workload").locator('label:has(input[value="normal"])').click();
      await q("recognised").locator(".sd-boolean__thumb-ghost").last().click();
      await q("lunchIdea").locator("textarea").fill("Soup on Fridays");
      await page.getByRole("button", { name: "Send my answers" }).click();
      await page.getByRole("heading", { name: "Thank you — your answers were received" }).waitFor({ timeout: 15_000 });
      await expect.poll(() => storedResponses(rig.server.persistTo, id)).toBe(before + 1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
    // a whole site build happens inside this test (about a minute on a quiet machine)
  }, 600_000);
});
