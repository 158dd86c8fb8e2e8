// The on-demand half of the survey page: React, SurveyJS and the form,
// fetched by ./start.ts only when the person starts the survey or a draft is
// waiting in this browser.
import type { ComponentProps } from "react";
import { createRoot } from "react-dom/client";
import { loadSurveyStyles } from "../surveyjs/setup.ts";
import SurveyForm from "./SurveyForm.tsx";
import { prepareSurveyModel } from "./survey-model.ts";

export type SurveyFormProps = ComponentProps<typeof SurveyForm>;

/** Renders the form into `root` once SurveyJS's stylesheets apply. */
export async function mountSurveyForm(root: HTMLElement, props: SurveyFormProps): Promise<void> {
  await loadSurveyStyles();
  createRoot(root).render(<SurveyForm {...props} />);
}

/** Gets the form ready ahead of a press: its stylesheets applied and its SurveyJS model built. */
export async function prepareSurveyForm(props: SurveyFormProps): Promise<void> {
  await loadSurveyStyles();
  void prepareSurveyModel(props.definition, props.strings.locale, props.surveyJsStrings);
}
