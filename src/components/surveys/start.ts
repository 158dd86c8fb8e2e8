// The survey page's own script, a few kilobytes: the form starts on a press
// (../surveyjs/start-on-press.ts), or at once when this browser already holds
// something for the survey — a draft, a send waiting for its confirmation —
// so a draft comes back and a waiting send is delivered without a press. The
// short address on an invitation slip (/i/<name>) lands here with #code: the
// form starts at once with the cursor in the code field (the code itself is
// never in an address).
import { startOnPress } from "../surveyjs/start-on-press.ts";
import { draftKey, hasStoredDraft } from "./draft.ts";
import type { SurveyFormProps } from "./mount.tsx";
import { serverStatus } from "./status.ts";
import { CODE_FRAGMENT } from "#lib/surveys/short-address.ts";

function show(root: HTMLElement, selector: string): void {
  for (const part of root.querySelectorAll<HTMLElement>("[data-survey-part]")) part.hidden = !part.matches(selector) && !isAhead(part);
}

// A form drawn ahead of the press sits in the page's flow at its full width
// (SurveyJS lays its questions out for the width it has), but unseen, with
// no height, and inert: nothing in it can be focused, clicked or read out.
function drawAhead(form: HTMLElement): void {
  form.dataset.ahead = "";
  form.inert = true;
  form.style.cssText = "visibility: hidden; height: 0; overflow: hidden";
  form.hidden = false;
}

function isAhead(form: HTMLElement): boolean {
  return form.dataset.ahead !== undefined;
}

function reveal(form: HTMLElement): void {
  delete form.dataset.ahead;
  form.inert = false;
  form.removeAttribute("style");
}

export function initSurveyStart(root: HTMLElement): void {
  const props = JSON.parse(root.dataset.props ?? "{}") as SurveyFormProps;
  const formRoot = root.querySelector<HTMLElement>("[data-survey-form]")!;
  const key = draftKey(props.surveyId, props.version);
  const forCode = props.access === "invitation" && location.hash === `#${CODE_FRAGMENT}`;
  const form = startOnPress({
    button: root.querySelector<HTMLButtonElement>("[data-survey-start]")!,
    status: root.querySelector<HTMLElement>("[data-survey-status]")!,
    loading: root.dataset.loading ?? "",
    failed: root.dataset.failed ?? "",
    load: () => import("./mount.tsx"),
    mount: async ({ mountSurveyForm }, pressed) => {
      reveal(formRoot);
      await mountSurveyForm(formRoot, { ...props, focusFirst: pressed || forCode });
      show(root, "[data-survey-form]");
    },
    prepare: ({ prepareSurveyForm }) => {
      drawAhead(formRoot);
      return prepareSurveyForm(formRoot, props);
    },
    reloadKey: key,
    // a draft: the form decides what it needs (resume, deliver, forget)
    startNow: hasStoredDraft(key) || forCode,
  });
  if (form.opened) return;
  // the page shows the status of its build day; the server's, once it answers, wins
  void serverStatus(props.surveyId).then((status) => {
    if (status && !form.opened) show(root, `[data-survey-part="${status}"]`);
  });
}
