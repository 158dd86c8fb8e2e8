// The console's editor, the server and the build judge a survey file with
// one function (src/lib/surveys/check.ts): on every shipped survey and on
// broken variants of them, surveyProblems says what the build's loader (the
// registry, which the pages, the Functions and the tests read) says, and
// names the problem with a code the console words in HR's language.
import { describe, expect, it } from "vitest";
import { surveyProblems, type CheckCode } from "#lib/surveys/check.ts";
import { fromTemplate, versionForQuestions } from "#lib/surveys/from-template.ts";
import { SURVEY_FILES } from "#lib/surveys/files.generated.ts";
import { findSurvey, loadSurvey } from "#lib/surveys/registry.ts";
import { ZSurveyFields, type TSurveyFile } from "#lib/surveys/schema.ts";

/** The build's verdict: the content collection's schema and the registry's loader, questions included. */
function buildAccepts(file: unknown): boolean {
  if (!ZSurveyFields.safeParse(file).success) return false;
  try {
    void loadSurvey(file).questions;
    return true;
  } catch {
    return false;
  }
}

const shipped = Object.entries(SURVEY_FILES);
const pulse = () => structuredClone(SURVEY_FILES["pulse-2026-11.json"]) as TSurveyFile;
type El = Record<string, unknown>;
const elements = (s: TSurveyFile) => s.definition.pages[0]!.elements as El[];

const BROKEN: [string, CheckCode, string, (s: TSurveyFile) => void][] = [
  ["an empty Chinese title", "text_empty", "title.zh-cn", (s) => (s.title["zh-cn"] = " ")],
  ["closes before opens", "date_order", "closes", (s) => (s.closes = "2026-01-01")],
  ["k below 3", "k_floor", "minGroupSize", (s) => (s.minGroupSize = 2)],
  ["a field the schema lacks", "unknown_field", "colour", (s) => ((s as unknown as El).colour = "red")],
  ["a question type Candor cannot validate", "question_type", "definition.satisfaction", (s) => (elements(s)[0]!.type = "file")],
  ["a question without its Chinese title", "question_text", "definition.workload", (s) => delete (elements(s)[1]!.title as El)["zh-cn"]],
  [
    "a choice without its English text",
    "choice_text",
    "definition.workload.choices.0",
    (s) => ((((elements(s)[1]!.choices as El[])[0]!.text as El).default as string) = ""),
  ],
  ["two questions with one name", "question_twice", "definition.satisfaction", (s) => (elements(s)[1]!.name = "satisfaction")],
  ["a choice question with no choices", "no_choices", "definition.workload", (s) => (elements(s)[1]!.choices = [])],
  [
    "a segment that is not a question",
    "segment_missing",
    "segments",
    (s) =>
      elements(s).splice(
        elements(s).findIndex((e) => e.name === "team"),
        1,
      ),
  ],
  ["a segment that is not single-choice", "segment_type", "segments", (s) => (s.segments = ["satisfaction"])],
  ["four segments", "segments_max", "segments", (s) => (s.segments = ["team", "tenure", "workload", "satisfaction"])],
  ["no question left", "no_questions", "definition", (s) => (s.definition.pages[0]!.elements = [])],
];

describe("the survey check the console, the server and the build share", () => {
  it("passes every shipped survey, as the build does", () => {
    expect(shipped.length).toBeGreaterThan(3);
    for (const [name, file] of shipped) {
      expect(surveyProblems(file), name).toEqual([]);
      expect(buildAccepts(file), name).toBe(true);
    }
  });

  for (const [what, code, path, breakIt] of BROKEN)
    it(`refuses ${what}, as the build does, with code ${code} at ${path}`, () => {
      const s = pulse();
      breakIt(s);
      const problems = surveyProblems(s);
      expect(problems.map((p) => [p.code, p.path])).toContainEqual([code, path]);
      expect(problems.every((p) => p.message.length > 0)).toBe(true);
      expect(buildAccepts(s)).toBe(false);
    });
});

describe("a survey from a template", () => {
  const template = (() => {
    const { questions: _q, ...rest } = findSurvey("pulse-2026-11")!;
    return rest as TSurveyFile;
  })();

  it("carries the questions, audience, access, k and segments; a new id, version 1, no series, dates from today over the template's span", () => {
    const made = fromTemplate(template, { id: "canteen-2027" }, "2027-02-01");
    if ("refused" in made) throw new Error(made.refused);
    expect(made).toMatchObject({ id: "canteen-2027", version: 1, opens: "2027-02-01", closes: "2027-02-15", title: template.title });
    expect([made.audience, made.access, made.minGroupSize, made.segments, made.definition]).toEqual([
      template.audience,
      template.access,
      template.minGroupSize,
      template.segments,
      template.definition,
    ]);
    expect([made.series, made.shortTitle]).toEqual([undefined, undefined]);
    expect(surveyProblems(made)).toEqual([]);
  });

  it("refuses an invitation survey as a template (its key is the deployment's)", () => {
    expect(fromTemplate({ ...template, access: "invitation" }, { id: "x-2027" }, "2027-02-01")).toEqual({ refused: "invitation" });
  });

  it("keeps the previous run's version while the questions are the same, one more once they change", () => {
    const same = { version: 1, definition: structuredClone(template.definition) };
    expect(versionForQuestions(same, template)).toBe(template.version);
    const edited = structuredClone(template.definition);
    ((edited.pages[0]!.elements[0] as El).title as El).default = "How satisfied are you this month?";
    expect(versionForQuestions({ version: template.version, definition: edited }, template)).toBe(template.version + 1);
    // edited twice: still one more than the previous run, not two
    expect(versionForQuestions({ version: template.version + 1, definition: edited }, template)).toBe(template.version + 1);
    // outside a series: its own version
    expect(versionForQuestions({ version: 1, definition: edited }, undefined)).toBe(1);
  });
});
