// The SurveyJS model of a survey in the page's language. Building it is most
// of what pressing Start costs on a phone (survey-core reads the definition,
// compiles its conditions and lays out the first page: about a second and a
// half under a 4× slower CPU), so the page may build it ahead, once the reader
// is engaged with the page (./start.ts), and the form takes that one when it
// mounts. A model is taken once: a second mount builds its own.
import { Model } from "survey-core";
import type { Locale } from "#i18n/config.ts";
import { adoptThemeStyles, applySiteWording, type SurveyJsStrings } from "../surveyjs/setup.ts";

const built = new WeakMap<object, { locale: Locale; model: Model }>();

function buildModel(definition: Record<string, unknown>, locale: Locale, surveyJsStrings: SurveyJsStrings): Model {
  applySiteWording(surveyJsStrings);
  const model = new Model(definition);
  model.locale = locale === "en" ? "" : locale;
  model.textUpdateMode = "onTyping"; // save the draft while typing, not only on blur
  model.showCompletedPage = false;
  model.checkErrorsMode = "onNextPage";
  adoptThemeStyles(model);
  return model;
}

/** Builds the model ahead of the form, for `surveyModel` to hand over; returns it. */
export function prepareSurveyModel(definition: Record<string, unknown>, locale: Locale, surveyJsStrings: SurveyJsStrings): Model {
  let ahead = built.get(definition);
  if (ahead?.locale !== locale) built.set(definition, (ahead = { locale, model: buildModel(definition, locale, surveyJsStrings) }));
  return ahead.model;
}

/** The model built ahead for this definition and language, or a new one. */
export function surveyModel(definition: Record<string, unknown>, locale: Locale, surveyJsStrings: SurveyJsStrings): Model {
  const ahead = built.get(definition);
  built.delete(definition);
  return ahead?.locale === locale ? ahead.model : buildModel(definition, locale, surveyJsStrings);
}
