// survey-core's verdict on a response: which answers the survey's own logic
// hides, and which questions fail its own checks (required, in the
// respondent's language). Reaching it costs about a millisecond a response —
// setting the model's data re-runs every condition and question — and it was
// the largest part of a submission's CPU in the Worker.
//
// For a definition made only of what this verdict can see through — plain
// questions of the supported types, isRequired, visibleIf over answers with
// no functions — the verdict depends on two things only: which questions are
// answered, and the answers the visibleIf expressions read. It is kept per
// such combination (and language), per isolate, so a Worker runs survey-core
// once per combination instead of once per response. A definition that uses
// anything else (validators, requiredIf, a function in an expression,
// triggers, an input type…) is judged by survey-core every time.
// test/unit/logic-verdict.test.ts checks, over generated responses, that
// a kept verdict is the verdict survey-core gives.
import type { Locale } from "#i18n/config.ts";
import { dropHiddenAnswers, modelFor, type QuestionSpec } from "./questions.ts";
import type { TSurveyDefinition } from "./schema.ts";

export interface LogicVerdict {
  /** Answers the survey's logic hides, in the order survey-core found them. */
  hidden: string[];
  /** Questions that fail survey-core's own checks, in form order, with its message. */
  errors: [string, string][];
}

/** survey-core on the well-formed answers, every time. */
export function runLogic(definition: TSurveyDefinition, data: Record<string, unknown>, locale: Locale): LogicVerdict {
  const model = modelFor(definition);
  model.locale = locale === "en" ? "" : locale;
  const hidden = dropHiddenAnswers(model, { ...data });
  model.validate(true, false);
  const errors: [string, string][] = [];
  for (const q of model.getAllQuestions(true)) {
    const found = q.errors as { getText(): string }[];
    if (found.length > 0) errors.push([q.name, found.map((e) => e.getText()).join(" ")]);
  }
  return { hidden, errors };
}

const TOP = new Set([
  "title",
  "description",
  "pages",
  "showProgressBar",
  "progressBarLocation",
  "progressBarType",
  "showQuestionNumbers",
  "questionsOnPageMode",
  "completeText",
  "pageNextText",
  "pagePrevText",
  "completedHtml",
  "showCompletedPage",
  "checkErrorsMode",
]);
const PAGE = new Set(["name", "title", "description", "elements", "visibleIf"]);
const ELEMENT = new Set([
  "type",
  "name",
  "title",
  "description",
  "elements",
  "isRequired",
  "visibleIf",
  "choices",
  "colCount",
  "rateMin",
  "rateMax",
  "rateStep",
  "minRateDescription",
  "maxRateDescription",
  "displayRateDescriptionsAsExtremeItems",
  "labelTrue",
  "labelFalse",
  "maxLength",
  "maxSelectedChoices",
  "rows",
  "autoGrow",
  "placeholder",
  "startWithNewLine",
  "titleLocation",
  "descriptionLocation",
]);
const CHOICE = new Set(["value", "text"]);

/**
 * The keys a keyable definition may use, at each level; anything else sends the
 * definition to survey-core on every response. test/unit/logic-verdict.test.ts
 * holds every other key survey-core reads, so a survey-core upgrade that adds one fails there.
 */
export const KEYABLE_KEYS: Readonly<Record<"survey" | "page" | "element" | "choice", ReadonlySet<string>>> = {
  survey: TOP,
  page: PAGE,
  element: ELEMENT,
  choice: CHOICE,
};

const only = (value: unknown, allowed: Set<string>) =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).every((k) => allowed.has(k));

/** Whether the verdict on `definition` depends on nothing but answered questions and the answers its visibleIf read. */
export function verdictIsKeyable(definition: TSurveyDefinition): boolean {
  const plainCondition = (e: Record<string, unknown>) =>
    e.visibleIf === undefined || (typeof e.visibleIf === "string" && !/[()$]/.test(e.visibleIf));
  const element = (e: unknown): boolean => {
    if (!only(e, ELEMENT)) return false;
    const el = e as Record<string, unknown>;
    if (!plainCondition(el)) return false;
    if (el.choices !== undefined && !(Array.isArray(el.choices) && el.choices.every((c) => typeof c !== "object" || only(c, CHOICE))))
      return false;
    return el.elements === undefined || (Array.isArray(el.elements) && el.elements.every(element));
  };
  return (
    only(definition, TOP) &&
    definition.pages.every((p) => only(p, PAGE) && plainCondition(p as Record<string, unknown>) && (p.elements ?? []).every(element))
  );
}

const MAX_KEPT = 4096;
const kept = new WeakMap<object, { variables: string[]; verdicts: Map<string, LogicVerdict> } | null>();

/** The verdict, from this isolate's kept verdicts where the definition allows it. */
export function logicVerdict(
  definition: TSurveyDefinition,
  specs: readonly QuestionSpec[],
  data: Record<string, unknown>,
  locale: Locale,
): LogicVerdict {
  let entry = kept.get(definition);
  if (entry === undefined) {
    entry = verdictIsKeyable(definition)
      ? { variables: [...new Set(specs.flatMap((s) => s.dependsOn))].sort(), verdicts: new Map() }
      : null;
    kept.set(definition, entry);
  }
  if (!entry) return runLogic(definition, data, locale);
  const key = JSON.stringify([locale, Object.keys(data).sort(), entry.variables.map((v) => (v in data ? data[v] : null))]);
  let verdict = entry.verdicts.get(key);
  if (!verdict) {
    verdict = runLogic(definition, data, locale);
    if (entry.verdicts.size >= MAX_KEPT) entry.verdicts.clear();
    entry.verdicts.set(key, verdict);
  }
  return verdict;
}

/** How many verdicts this isolate keeps for `definition` (tests: a kept verdict must have been reused to be proved). */
export function keptVerdicts(definition: TSurveyDefinition): number {
  return kept.get(definition)?.verdicts.size ?? 0;
}
