// Where a form starts after Start: focus on the first question's first
// control and its whole card on the screen. SurveyJS's own
// focusFirstQuestion() scrolls the control into view as it focuses it,
// measuring the page several times before the form's fonts and last styles
// have laid out: on a phone in Chinese that left the first question's title
// above the screen (people began at question 2), and under a phone's slower
// CPU the measuring cost about half a second of the press. So the control is
// focused without scrolling, and the card brought into view once, after
// layout has settled.
import type { Model } from "survey-core";

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

const CONTROL = "input:not([type=hidden]):not([disabled]), textarea, select, [tabindex='0'], button:not([disabled])";

export async function startAtFirstQuestion(model: Model): Promise<void> {
  const root = (model as Model & { rootElement?: HTMLElement }).rootElement ?? document;
  // the first page is drawn in the same commit as the form; wait a frame if it is not yet
  let card = root.querySelector<HTMLElement>(".sd-question");
  if (!card) {
    await nextFrame();
    card = root.querySelector<HTMLElement>(".sd-question");
  }
  if (!card) return void model.focusFirstQuestion();
  card.querySelector<HTMLElement>(CONTROL)?.focus({ preventScroll: true });
  card.scrollIntoView({ block: "start" });
  await document.fonts.ready;
  await nextFrame();
  await nextFrame();
  card.scrollIntoView({ block: "start" });
}
