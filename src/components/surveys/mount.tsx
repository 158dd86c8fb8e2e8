// The on-demand half of the survey page: React, SurveyJS and the form,
// fetched by ./start.ts only when the person starts the survey or a draft is
// waiting in this browser. The form may be drawn ahead, unseen, once the
// reader is engaged with the page; the press then only shows it.
import type { ComponentProps } from "react";
import { createRoot, type Root } from "react-dom/client";
import { loadSurveyStyles } from "../surveyjs/setup.ts";
import SurveyForm from "./SurveyForm.tsx";
import { prepareSurveyModel } from "./survey-model.ts";

export type SurveyFormProps = ComponentProps<typeof SurveyForm>;

const roots = new WeakMap<HTMLElement, Root>();

function rootOf(element: HTMLElement): Root {
  let root = roots.get(element);
  if (!root) roots.set(element, (root = createRoot(element)));
  return root;
}

/** Renders the form into `element` once SurveyJS's stylesheets apply; a form drawn ahead there is kept and shown. */
export async function mountSurveyForm(element: HTMLElement, props: SurveyFormProps): Promise<void> {
  await loadSurveyStyles();
  rootOf(element).render(<SurveyForm {...props} ahead={false} />);
}

/**
 * Draws the form ahead of a press into `element`, which the caller keeps
 * unseen and inert: its stylesheets applied, its SurveyJS model built and its
 * first page laid out. Resolves once the form has settled on what it shows.
 */
export async function prepareSurveyForm(element: HTMLElement, props: SurveyFormProps): Promise<void> {
  await loadSurveyStyles();
  prepareSurveyModel(props.definition, props.strings.locale, props.surveyJsStrings);
  // the model and the first page in two tasks, so a scroll in between is not held up by both
  await new Promise((next) => setTimeout(next, 0));
  await new Promise<void>((settled) => rootOf(element).render(<SurveyForm {...props} focusFirst={false} ahead onSettled={settled} />));
}
