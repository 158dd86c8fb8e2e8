// Where a form starts after Start: focus on the first question's first
// control and its whole card on the screen. SurveyJS scrolls the control into
// view as it focuses it, before the form's fonts and last styles have laid
// out; on a phone in Chinese that left the first question's title above the
// screen, and people began at question 2. So the card is brought into view
// again once layout has settled.
import type { Model } from "survey-core";

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export async function startAtFirstQuestion(model: Model): Promise<void> {
  model.focusFirstQuestion();
  await document.fonts.ready;
  // SurveyJS focuses on a short timer when the control is not rendered yet; then two frames for layout
  await new Promise((resolve) => setTimeout(resolve, 20));
  await nextFrame();
  await nextFrame();
  const root = (model as Model & { rootElement?: HTMLElement }).rootElement ?? document;
  root.querySelector<HTMLElement>(".sd-question")?.scrollIntoView({ block: "start" });
}
