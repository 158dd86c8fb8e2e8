// Every survey file, from the list scripts/survey-list.ts generates out of
// src/content/surveys/ before the build, the check and the tests. A list of
// static imports rather than import.meta.glob: the Pages Functions bundle
// (esbuild) has no glob, and the browser's form and the definition the server
// validates against must come from the very same files. Adding a survey =
// adding its JSON under src/content/surveys/ (test/unit/survey-list.test.ts).
import { SURVEY_FILES } from "./files.generated.ts";
import { checkedQuestions, parseSurveyFile, problemsText } from "./check.ts";
import type { QuestionSpec } from "./questions.ts";
import { checkSegments } from "./segments.ts";
import type { TSurveyFile } from "./schema.ts";
import { shortNameClash } from "./short-address.ts";

export interface Survey extends TSurveyFile {
  questions: QuestionSpec[];
}

/** One survey file through the build's checks (./check.ts, which the HR console's editor runs too). */
export function loadSurvey(file: unknown): Survey {
  const id = (file as { id?: string })?.id ?? "?";
  const { file: parsed, problems } = parseSurveyFile(file);
  if (!parsed) throw new Error(`survey ${id}: ${problemsText(problems)}`);
  // Questions are read with survey-core on first use, not at start-up: a
  // Worker's start-up CPU budget is small, and a request touches one survey.
  // The pages read every survey's questions, so the build still fails on a
  // definition Candor cannot validate.
  let questions: QuestionSpec[] | undefined;
  return Object.defineProperty({ ...parsed } as Survey, "questions", {
    enumerable: true,
    get() {
      try {
        questions ??= checkedQuestions(parsed);
      } catch (err) {
        throw new Error(`survey ${id}: ${(err as Error).message}`, { cause: err });
      }
      return questions;
    },
  });
}

export { checkSegments };

/** All surveys, opening date descending (newest first). */
export const SURVEYS: readonly Survey[] = Object.entries(SURVEY_FILES)
  .map(([name, file]) => {
    const survey = loadSurvey(file);
    // The file name is the survey's address in the repository and in a publication's path.
    if (`${survey.id}.json` !== name) throw new Error(`survey ${survey.id}: its file must be named ${survey.id}.json, not ${name}`);
    return survey;
  })
  .sort((a, b) => b.opens.localeCompare(a.opens) || a.id.localeCompare(b.id));

const BY_ID = new Map(SURVEYS.map((s) => [s.id, s]));
if (BY_ID.size !== SURVEYS.length) throw new Error("two surveys share an id");
const clash = shortNameClash(SURVEYS);
if (clash) throw new Error(clash);

export function findSurvey(id: string): Survey | undefined {
  return BY_ID.get(id);
}

/**
 * The run of the same series before this one: the latest that closed before
 * this one opened. Its results are what "change since the last run" compares
 * with.
 */
export function previousRun(survey: Pick<Survey, "id" | "series" | "opens">): Survey | undefined {
  if (!survey.series) return undefined;
  return SURVEYS.filter((s) => s.series === survey.series && s.id !== survey.id && s.closes < survey.opens).sort((a, b) =>
    b.closes.localeCompare(a.closes),
  )[0];
}
