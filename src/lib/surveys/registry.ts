// Every survey, imported explicitly (no import.meta.glob) so the Pages
// Functions bundle and the site read the very same files: the form the
// browser renders and the definition the server validates against agree by
// construction. Adding a survey = adding its JSON under src/content/surveys/
// and one line here (test/unit/surveys-model.test.ts checks none is missed).
import pulse202611 from "../../content/surveys/pulse-2026-11.json" with { type: "json" };
import reward2026h1 from "../../content/surveys/reward-survey-2026-h1.json" with { type: "json" };
import reward2026h2 from "../../content/surveys/reward-survey-2026-h2.json" with { type: "json" };
import supervisorCareer2026 from "../../content/surveys/supervisor-career-2026.json" with { type: "json" };
import { describeQuestions, type QuestionSpec } from "./questions.ts";
import { ZSurveyFile, type TSurveyFile } from "./schema.ts";

export interface Survey extends TSurveyFile {
  questions: QuestionSpec[];
}

const FILES: unknown[] = [reward2026h1, reward2026h2, pulse202611, supervisorCareer2026];

function load(file: unknown): Survey {
  const parsed = ZSurveyFile.safeParse(file);
  const id = (file as { id?: string })?.id ?? "?";
  if (!parsed.success) throw new Error(`survey ${id}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  // Questions are read with survey-core on first use, not at start-up: a
  // Worker's start-up CPU budget is small, and a request touches one survey.
  // The pages read every survey's questions, so the build still fails on a
  // definition Candor cannot validate.
  let questions: QuestionSpec[] | undefined;
  return Object.defineProperty({ ...parsed.data } as Survey, "questions", {
    enumerable: true,
    get() {
      try {
        questions ??= describeQuestions(parsed.data.definition);
      } catch (err) {
        throw new Error(`survey ${id}: ${(err as Error).message}`, { cause: err });
      }
      return questions;
    },
  });
}

/** All surveys, opening date descending (newest first). */
export const SURVEYS: readonly Survey[] = FILES.map(load).sort((a, b) => b.opens.localeCompare(a.opens) || a.id.localeCompare(b.id));

const BY_ID = new Map(SURVEYS.map((s) => [s.id, s]));
if (BY_ID.size !== SURVEYS.length) throw new Error("two surveys share an id");

export function findSurvey(id: string): Survey | undefined {
  return BY_ID.get(id);
}
