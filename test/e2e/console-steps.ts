// Steps HR takes in the console, shared by the browser tests that prove a
// flow and by the docs' pictures of it (scripts/screenshots.ts), so what the
// guide shows is what the tests drive.
import type { Locator, Page } from "playwright-core";

/** The demo's KPI export for the second half of 2025: 31 supervisors under the first policy version. */
export const H2_2025 = { cycle: "2025-H2", file: "test/fixtures/kpis/2025-H2.csv" };

/** What HR writes beside 2025-H2's figures; 3 promotions is fewer than k, published as "fewer than 5". */
export const H2_2025_TEXTS = {
  promotions: "3",
  "training.courses": "4",
  "training.hours": "52",
  "training.people": "18",
  "commentary.en": "The second half of 2025, scored under the first policy.",
  "commentary.zh-cn": "2025 年下半年，按第一版政策评分。",
};

/** In the results form: the cycle, then the export, scored in the browser. */
export async function pickExport(form: Locator, cycle: string, file: string): Promise<void> {
  await form.locator('input[name="cycle"]').fill(cycle);
  await form.locator('input[type="file"]').setInputFiles(file);
}

/** In the results form, once the export is scored: what HR writes, until the checks pass. */
export async function writeResultsTexts(form: Locator, texts: Record<string, string> = H2_2025_TEXTS): Promise<void> {
  for (const [name, value] of Object.entries(texts)) await form.locator(`[name="${name}"]`).fill(value);
  await form.locator("[data-checks-pass]").waitFor();
}

export interface NewSurvey {
  template: string;
  id: string;
  title: { en: string; "zh-cn": string };
}

/** A new survey from a shipped one: the template, its id and its title in both languages, then create (the button found by `create`, its label, when given). */
export async function surveyFromTemplate(page: Page, survey: NewSurvey, create?: string): Promise<void> {
  await page.locator("[data-new-survey-details] summary").click();
  const form = page.locator("[data-new-survey]");
  await form.locator("select[name=template]").selectOption(survey.template);
  await form.locator("input[name=id]").fill(survey.id);
  await form.locator('input[name="title.default"]').fill(survey.title.en);
  await form.locator('input[name="title.zh-cn"]').fill(survey.title["zh-cn"]);
  await (create ? form.getByRole("button", { name: create }) : form.locator("button[type=submit]")).click();
}

/** The console's words these steps find their controls by, in its language. */
type ForumWords = (key: "admin.forum.pick" | "admin.forum.start" | "admin.forum.action.status") => string;

/** A held forum drafted for its minutes, decisions and actions: picked, then started. */
export async function draftFromHeldForum(page: Page, say: ForumWords, forum: string): Promise<void> {
  await page.getByLabel(say("admin.forum.pick")).selectOption(forum);
  await page.getByRole("button", { name: say("admin.forum.start") }).click();
}

/** An action of the forum form marked done; what came of it is asked next. */
export async function markActionDone(action: Locator, say: ForumWords): Promise<void> {
  await action.getByLabel(say("admin.forum.action.status")).selectOption("done");
}

/** What came of an action, in both languages: the "you said, we did" entry. */
export async function writeOutcome(action: Locator, outcome: { en: string; "zh-cn": string }): Promise<void> {
  for (const [l, text] of Object.entries(outcome)) await action.locator(`textarea[name$=".outcome.${l}"]`).fill(text);
}
