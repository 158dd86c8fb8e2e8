// The on-demand half of the idea page: React, SurveyJS and the form (or the
// receipt of an idea just sent), fetched by ./start.ts when the person starts
// writing or a receipt issued in this tab is waiting.
import type { ComponentProps } from "react";
import { createRoot } from "react-dom/client";
import { loadSurveyStyles } from "../surveyjs/setup.ts";
import IdeaForm from "./IdeaForm.tsx";

export type IdeaFormProps = ComponentProps<typeof IdeaForm>;

/** Renders the form into `root` once SurveyJS's stylesheets apply. */
export async function mountIdeaForm(root: HTMLElement, props: IdeaFormProps): Promise<void> {
  await loadSurveyStyles();
  createRoot(root).render(<IdeaForm {...props} />);
}
