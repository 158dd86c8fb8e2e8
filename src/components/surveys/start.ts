// The survey page's own script, a few kilobytes: the page is readable and
// usable at once, and SurveyJS with React (≈ 430 KB of gzip JavaScript, about
// a second of a phone's main thread) is fetched only when the person presses
// Start. When this browser already holds something for the survey — a draft,
// a send waiting for its confirmation — the form loads straight away, so
// resuming and delivering work exactly as before. Fetching begins as soon as
// a pointer or the keyboard reaches the Start button.
import { draftKey, hasStoredDraft } from "./draft.ts";
import type { SurveyFormProps } from "./mount.tsx";
import { serverStatus } from "./status.ts";

type Mount = typeof import("./mount.tsx");

let loading: Promise<Mount> | null = null;
function load(): Promise<Mount> {
  loading ??= import("./mount.tsx");
  return loading;
}

// A module whose fetch failed stays failed for the life of the page (the
// browser's module map keeps the error), so pressing Start again after a
// failure reloads the page and starts once it is back.
const START_AFTER_RELOAD = "candor:survey-start-after-reload";

function show(root: HTMLElement, selector: string): void {
  for (const part of root.querySelectorAll<HTMLElement>("[data-survey-part]")) part.hidden = !part.matches(selector);
}

export function initSurveyStart(root: HTMLElement): void {
  const props = JSON.parse(root.dataset.props ?? "{}") as SurveyFormProps;
  const button = root.querySelector<HTMLButtonElement>("[data-survey-start]")!;
  const status = root.querySelector<HTMLElement>("[data-survey-status]")!;
  const formRoot = root.querySelector<HTMLElement>("[data-survey-form]")!;

  const key = draftKey(props.surveyId, props.version);
  let failed = false;
  let opened = false;

  async function open(started: boolean): Promise<void> {
    opened = true; // from here the form says whether the survey is open
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    status.textContent = root.dataset.loading ?? "";
    try {
      const { mountSurveyForm } = await load();
      await mountSurveyForm(formRoot, { ...props, focusFirst: started });
      show(root, "[data-survey-form]");
    } catch {
      failed = true;
      button.disabled = false;
      button.removeAttribute("aria-busy");
      status.textContent = root.dataset.failed ?? "";
    }
  }

  function press(): void {
    if (!failed) return void open(true);
    try {
      sessionStorage.setItem(START_AFTER_RELOAD, key);
    } catch {
      // storage disabled: the reloaded page waits for another press
    }
    location.reload();
  }

  let reloadedToStart = false;
  try {
    reloadedToStart = sessionStorage.getItem(START_AFTER_RELOAD) === key;
    sessionStorage.removeItem(START_AFTER_RELOAD);
  } catch {
    // storage disabled
  }
  if (reloadedToStart || hasStoredDraft(key)) {
    // a draft: the form decides what it needs (resume, deliver, forget)
    void open(reloadedToStart);
    return;
  }
  // the page shows the status of its build day; the server's, once it answers, wins
  void serverStatus(props.surveyId).then((status) => {
    if (status && !opened) show(root, `[data-survey-part="${status}"]`);
  });
  for (const intent of ["pointerenter", "touchstart", "focus"] as const)
    button.addEventListener(intent, () => void load().catch(() => {}), { once: true });
  button.addEventListener("click", press);
}
