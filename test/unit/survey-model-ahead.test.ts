// The survey page builds the SurveyJS model ahead of a press (once the reader
// is engaged); the form must take exactly that model once, in its language,
// and build its own otherwise.
import { describe, expect, it } from "vitest";
import { pickStrings } from "#i18n/index.ts";
import { prepareSurveyModel, surveyModel } from "#components/surveys/survey-model.ts";

const definition = () => ({ pages: [{ name: "p", elements: [{ type: "rating", name: "satisfaction", rateMax: 5 }] }] });

describe("a survey model built ahead", () => {
  const sjs = pickStrings("en", "sjs.");

  it("is the one the form takes, once; a second mount builds its own", () => {
    const def = definition();
    const ahead = prepareSurveyModel(def, "en", sjs);
    expect(prepareSurveyModel(def, "en", sjs)).toBe(ahead); // built once
    const first = surveyModel(def, "en", sjs);
    const second = surveyModel(def, "en", sjs);
    expect(first).toBe(ahead);
    expect(first.getQuestionByName("satisfaction")).toBeTruthy();
    expect(second).not.toBe(first);
    expect(second.getQuestionByName("satisfaction")).toBeTruthy();
  });

  it("is not taken for another language or another definition", () => {
    const def = definition();
    const ahead = prepareSurveyModel(def, "en", sjs);
    const zh = surveyModel(def, "zh-cn", pickStrings("zh-cn", "sjs."));
    expect(zh).not.toBe(ahead);
    expect(zh.locale).toBe("zh-cn");
    const other = surveyModel(definition(), "en", sjs);
    expect(other).not.toBe(ahead);
    expect(other.locale).toBe("");
  });

  it("is set up as the form needs it (typing saves, errors per page, no SurveyJS completion page)", () => {
    const def = definition();
    const ahead = prepareSurveyModel(def, "zh-cn", pickStrings("zh-cn", "sjs."));
    const model = surveyModel(def, "zh-cn", pickStrings("zh-cn", "sjs."));
    expect(model).toBe(ahead);
    expect([model.locale, model.textUpdateMode, model.checkErrorsMode, model.showCompletedPage]).toEqual([
      "zh-cn",
      "onTyping",
      "onNextPage",
      false,
    ]);
  });
});
