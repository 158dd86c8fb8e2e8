// The kept verdict (src/lib/surveys/logic-verdict.ts) trusts an allowlist of
// SurveyJS keys: a definition that uses only those is run through survey-core
// once per combination of answers, anything else on every response. Every key
// survey-core 3.0.0's Serializer reads, for the survey, its pages, panels, every
// question type Candor allows and their choices, is classified here: allowed
// (KEYABLE_KEYS) or judged every time (JUDGED). A survey-core upgrade that adds
// or renames a key fails the first test until someone decides which it is, so
// what is kept cannot change without anyone noticing.
import { Serializer } from "survey-core";
import { afterEach, describe, expect, it } from "vitest";
import { KEYABLE_KEYS, verdictIsKeyable } from "../../src/lib/surveys/logic-verdict.ts";
import { SUPPORTED_TYPES } from "../../src/lib/surveys/questions.ts";
import type { TSurveyDefinition } from "../../src/lib/surveys/schema.ts";

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
