// survey-core's verdict kept per combination of answers
// (src/lib/surveys/logic-verdict.ts): which definitions it applies to, that a
// kept verdict is the one survey-core gives, and the allowlist it trusts.
//
// The allowlist of SurveyJS keys: a definition that uses only those is run
// through survey-core once per combination of answers, anything else on every
// response. Every key survey-core's Serializer reads, for the survey, its pages,
// panels, every question type Candor allows and their choices, is classified
// here: allowed (KEYABLE_KEYS) or judged every time (JUDGED). A survey-core
// upgrade that adds or renames a key fails "classifies every key" until
// someone decides which it is, so what is kept cannot change without anyone
// noticing.
import fc from "fast-check";
import { Serializer } from "survey-core";
import { afterEach, describe, expect, it } from "vitest";
import { KEYABLE_KEYS, keptVerdicts, logicVerdict, runLogic, verdictIsKeyable } from "#lib/surveys/logic-verdict.ts";
import { SUPPORTED_TYPES } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import type { TSurveyDefinition } from "#lib/surveys/schema.ts";
import { runs } from "../support/fast-check.ts";

const locales = fc.constantFrom("en" as const, "zh-cn" as const);
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const surveys = fc.constantFrom(...SURVEYS);
/** Free text of every kind: plain, Chinese, markup, direction and zero-width marks. */
const comments = ["Fine.", "排班可以更灵活一些。", "<b>not html</b>", "\u200Fmixed\u200B"];

describe("survey-core's verdict, kept per answered questions and conditions", { timeout: 60_000 }, () => {
  it("applies to every shipped survey (else the property below would prove nothing)", () => {
    for (const s of SURVEYS) expect(verdictIsKeyable(s.definition), s.id).toBe(true);
  });

  it("does not apply to a definition whose verdict could depend on more", () => {
    const base = { pages: [{ name: "p", elements: [{ type: "text", name: "a", isRequired: true }] }] };
    const withElement = (extra: Record<string, unknown>) => ({
      pages: [{ name: "p", elements: [{ ...base.pages[0]!.elements[0]!, ...extra }] }],
    });
    expect(verdictIsKeyable(base)).toBe(true);
    for (const extra of [
      { validators: [{ type: "text", minLength: 3 }] },
      { requiredIf: "{b} = 1" },
      { inputType: "email" },
      { visibleIf: "age({born}) > 30" },
      { visibleIf: "{$x} = 1" },
      { choices: [{ value: 1, text: "one", visibleIf: "{b} = 1" }] },
    ])
      expect(verdictIsKeyable(withElement(extra)), JSON.stringify(extra)).toBe(false);
    expect(verdictIsKeyable({ ...base, triggers: [{ type: "setvalue" }] })).toBe(false);
    expect(verdictIsKeyable({ ...base, calculatedValues: [{ name: "x", expression: "{a}" }] })).toBe(false);
    expect(verdictIsKeyable({ pages: [{ ...base.pages[0]!, visibleIf: "today() > '2026-01-01'" }] })).toBe(false);
  });

  it("is the verdict survey-core gives, for any response, after many others were judged", () => {
    // Kept verdicts are reused often (the combinations are few), for
    // responses that differ in everything the key leaves out.
    const keptNow = () => SURVEYS.reduce((n, s) => n + keptVerdicts(s.definition), 0);
    const keptBefore = keptNow();
    let judged = 0;
    fc.assert(
      fc.property(surveys, seeds, locales, fc.constantFrom(0, 0.3, 0.6), fc.boolean(), (s, seed, locale, skipRate, addHidden) => {
        const random = seededRandom(seed);
        const answers = sampleAnswers(s.definition, s.questions, random, { comments, commentRate: 0.5, skipRate });
        // sometimes an answer to a question the logic may hide, or one required answer left out
        if (addHidden) {
          const dependent = s.questions.filter((q) => q.dependsOn.length > 0 && !(q.name in answers));
          const q = dependent[Math.floor(random() * dependent.length)];
          if (q)
            answers[q.name] = sampleAnswers(s.definition, s.questions, random, { mood: random() })[q.name] ?? q.choices[0]?.value ?? "x";
        } else {
          const names = Object.keys(answers);
          if (names.length > 0) delete answers[names[Math.floor(random() * names.length)]!];
        }
        const data = Object.fromEntries(
          Object.entries(answers).filter(([name, value]) => s.questions.some((q) => q.name === name) && value !== undefined),
        );
        expect(logicVerdict(s.definition, s.questions, data, locale)).toEqual(runLogic(s.definition, data, locale));
        judged++;
      }),
      { numRuns: runs(600) },
    );
    // many responses were answered from a kept verdict, so the property tested the key
    expect(judged - (keptNow() - keptBefore)).toBeGreaterThan(100);
  });
});

type Level = keyof typeof KEYABLE_KEYS;

/** Keys that make survey-core judge the definition on every response: everything survey-core reads that the allowlist does not hold. */
const JUDGED: Record<Level, readonly string[]> = {
  survey: [
    "$schema",
    "allowCompleteSurveyAutomatic",
    "allowResizeComment",
    "autoAdvanceAllowComplete",
    "autoAdvanceEnabled",
    "autoFocusFirstError",
    "autoFocusFirstQuestion",
    "autoGrowComment",
    "backgroundImage",
    "backgroundImageAttachment",
    "backgroundImageFit",
    "backgroundOpacity",
    "calculatedValues",
    "clearInvisibleValues",
    "commentAreaRows",
    "completedBeforeHtml",
    "completedHtmlOnCondition",
    "cookieName",
    "editText",
    "elements",
    "firstPageIsStartPage",
    "firstPageIsStarted",
    "fitToContainer",
    "focusFirstQuestionAutomatic",
    "focusOnFirstError",
    "goNextPageAutomatic",
    "gridLayoutEnabled",
    "headerView",
    "isSinglePage",
    "loadingHtml",
    "locale",
    "logo",
    "logoFit",
    "logoHeight",
    "logoPosition",
    "logoWidth",
    "matrixDragHandleArea",
    "maxCommentLength",
    "maxOthersLength",
    "maxTextLength",
    "maxTimeToFinish",
    "maxTimeToFinishPage",
    "mode",
    "navigateToUrl",
    "navigateToUrlOnCondition",
    "navigationButtonsLocation",
    "partialSendEnabled",
    "previewMode",
    "previewText",
    "progressBarInheritWidthFrom",
    "progressBarNavigationTextLocation",
    "progressBarShowNavigationText",
    "progressBarShowPageNumbers",
    "progressBarShowPageTitles",
    "questionDescriptionLocation",
    "questionErrorLocation",
    "questionOrder",
    "questionStartIndex",
    "questionTitleLocation",
    "questionTitlePattern",
    "questionTitleTemplate",
    "questions",
    "questionsOrder",
    "readOnly",
    "requiredMark",
    "requiredText",
    "sendResultOnPageNext",
    "showBrandInfo",
    "showCompletePage",
    "showNavigationButtons",
    "showPageNumbers",
    "showPageTitles",
    "showPrevButton",
    "showPreviewBeforeComplete",
    "showTOC",
    "showTimer",
    "showTimerPanel",
    "showTimerPanelMode",
    "showTitle",
    "sjsVersion",
    "startSurveyText",
    "storeOthersAsComment",
    "surveyId",
    "surveyPostId",
    "surveyShowDataSaving",
    "textUpdateMode",
    "timeLimit",
    "timeLimitPerPage",
    "timerInfoMode",
    "timerLocation",
    "tocItemComponent",
    "tocLocation",
    "triggers",
    "validateVisitedEmptyFields",
    "width",
    "widthMode",
  ],
  page: [
    "allowAdaptiveActions",
    "colSpan",
    "effectiveColSpan",
    "enableIf",
    "gridLayoutColumns",
    "indent",
    "innerIndent",
    "isRequired",
    "maxTimeToFinish",
    "maxWidth",
    "minWidth",
    "navigationButtonsVisibility",
    "navigationDescription",
    "navigationTitle",
    "page",
    "questionErrorLocation",
    "questionOrder",
    "questionStartIndex",
    "questionTitleLocation",
    "questionTitleWidth",
    "questions",
    "questionsOrder",
    "readOnly",
    "requiredErrorText",
    "requiredIf",
    "showNavigationButtons",
    "showNumber",
    "showQuestionNumbers",
    "startWithNewLine",
    "state",
    "timeLimit",
    "visible",
    "width",
  ],
  element: [
    "acceptCarriageReturn",
    "allowAdaptiveActions",
    "allowClear",
    "allowCustomChoices",
    "allowResize",
    "autoComplete",
    "autoGenerate",
    "autocomplete",
    "bindings",
    "choiceTextsFromQuestion",
    "choiceValuesFromQuestion",
    "choicesByUrl",
    "choicesEnableIf",
    "choicesFromQuestion",
    "choicesFromQuestionMode",
    "choicesLazyLoadEnabled",
    "choicesLazyLoadPageSize",
    "choicesMax",
    "choicesMin",
    "choicesOrder",
    "choicesStep",
    "choicesVisibleIf",
    "clearIfInvisible",
    "colSpan",
    "cols",
    "commentPlaceHolder",
    "commentPlaceholder",
    "commentText",
    "correctAnswer",
    "createCustomChoiceText",
    "dataList",
    "defaultDisplayValue",
    "defaultValue",
    "defaultValueExpression",
    "displayMode",
    "dontKnowText",
    "effectiveColSpan",
    "enableIf",
    "errorLocation",
    "gridLayoutColumns",
    "hasComment",
    "hasNone",
    "hasOther",
    "hasSelectAll",
    "hideIfChoicesEmpty",
    "hideNumber",
    "indent",
    "innerIndent",
    "inputFieldComponent",
    "inputSize",
    "inputTextAlignment",
    "inputType",
    "itemComponent",
    "label",
    "longTap",
    "maskSettings",
    "maskType",
    "max",
    "maxErrorText",
    "maxValueExpression",
    "maxWidth",
    "maximumRateDescription",
    "min",
    "minErrorText",
    "minSelectedChoices",
    "minValueExpression",
    "minWidth",
    "mininumRateDescription",
    "noneText",
    "optionsCaption",
    "otherErrorText",
    "otherPlaceHolder",
    "otherPlaceholder",
    "otherText",
    "page",
    "placeHolder",
    "questionErrorLocation",
    "questionOrder",
    "questionStartIndex",
    "questionTitleLocation",
    "questionTitleWidth",
    "questions",
    "questionsOrder",
    "randomize",
    "randomizeCategory",
    "rateColorMode",
    "rateCount",
    "rateDescriptionLocation",
    "rateDisplayMode",
    "rateType",
    "rateValues",
    "readOnly",
    "refuseText",
    "renderAs",
    "requiredErrorText",
    "requiredIf",
    "resetValueIf",
    "scaleColorMode",
    "searchEnabled",
    "searchMode",
    "selectAllText",
    "selectToRankAreasLayout",
    "selectToRankEmptyRankedAreaText",
    "selectToRankEmptyUnrankedAreaText",
    "selectToRankEnabled",
    "selectToRankSwapAreas",
    "separateSpecialChoices",
    "setValueExpression",
    "setValueIf",
    "showClearButton",
    "showCommentArea",
    "showDontKnowItem",
    "showNoneItem",
    "showNumber",
    "showOptionsCaption",
    "showOtherItem",
    "showQuestionNumbers",
    "showRefuseItem",
    "showSelectAllItem",
    "showTitle",
    "size",
    "state",
    "step",
    "stepErrorText",
    "storeOthersAsComment",
    "swapOrder",
    "textUpdateMode",
    "textWrapEnabled",
    "useDisplayValuesInDynamicTexts",
    "useDisplayValuesInTitle",
    "useTitleAsLabel",
    "validators",
    "valueFalse",
    "valueName",
    "valuePropertyName",
    "valueTrue",
    "visible",
    "width",
  ],
  choice: [
    "commentPlaceholder",
    "elements",
    "enableIf",
    "isCommentRequired",
    "isExclusive",
    "randomize",
    "randomizeCategory",
    "showCommentArea",
    "visibleIf",
  ],
};

/** The SurveyJS classes whose keys can appear at each level of a definition Candor accepts. */
function classes(): Record<Level, string[]> {
  const choiceClasses = SUPPORTED_TYPES.flatMap((t) => Serializer.findProperty(t, "choices")?.className ?? []);
  return {
    survey: ["survey"],
    page: ["page"],
    element: ["panel", ...SUPPORTED_TYPES],
    choice: [...new Set(["itemvalue", ...choiceClasses])],
  };
}

/** Every key survey-core reads at a level: each serializable property's name and its alternative name. */
function keysRead(level: Level): Set<string> {
  const keys = new Set<string>();
  for (const name of classes()[level])
    for (const p of Serializer.getProperties(name)) {
      keys.add(p.name);
      if (p.alternativeName) keys.add(p.alternativeName);
    }
  return keys;
}

const LEVELS = Object.keys(KEYABLE_KEYS) as Level[];

function unclassified(): string[] {
  return LEVELS.flatMap((level) =>
    [...keysRead(level)].filter((k) => !KEYABLE_KEYS[level].has(k) && !JUDGED[level].includes(k)).map((k) => `${level}: ${k}`),
  );
}

/** A keyable definition with `key` set at `level`. */
function withKey(level: Level, key: string): TSurveyDefinition {
  const choice: Record<string, unknown> = { value: "a", text: "A" };
  const element: Record<string, unknown> = { type: "radiogroup", name: "q1", choices: [choice, "b"] };
  const page: Record<string, unknown> = { name: "p1", elements: [element] };
  const survey: Record<string, unknown> = { pages: [page] };
  ({ survey, page, element, choice })[level][key] = true;
  return survey as TSurveyDefinition;
}

describe("the kept verdict's allowlist against survey-core's Serializer", () => {
  afterEach(() => Serializer.removeProperty("rating", "candorProbe"));

  it("classifies every key survey-core reads, for every question type Candor allows", () => {
    expect(unclassified()).toEqual([]);
  });

  it("names only keys survey-core reads (a renamed or dropped key shows up here)", () => {
    for (const level of LEVELS) {
      const read = keysRead(level);
      expect(
        JUDGED[level].filter((k) => !read.has(k)),
        `${level}: judged keys survey-core does not read`,
      ).toEqual([]);
      // "type" picks the class and is not a property of it
      expect(
        [...KEYABLE_KEYS[level]].filter((k) => k !== "type" && !read.has(k)),
        `${level}: allowed keys survey-core does not read`,
      ).toEqual([]);
    }
  });

  it("reports a key survey-core gains, as an upgrade would add it", () => {
    Serializer.addProperty("rating", { name: "candorProbe:boolean" });
    expect(unclassified()).toEqual(["element: candorProbe"]);
  });

  it("sends a definition using any judged key to survey-core every time", () => {
    expect(verdictIsKeyable(withKey("choice", "text"))).toBe(true);
    for (const level of LEVELS)
      for (const key of JUDGED[level]) expect(verdictIsKeyable(withKey(level, key)), `${level}: ${key}`).toBe(false);
  });
});
