// The deferred start of a SurveyJS form, shared by the survey page and the
// idea form: the page is readable and usable at once, and the form's module
// (SurveyJS with React, ≈ 430 KB of gzip JavaScript, about a second of a
// phone's main thread) is fetched only when the person presses the start
// button, or at once when this browser holds something the form must show
// (a survey draft, a receipt issued in this tab). While the page is idle
// after loading, the module and what it needs are fetched and compiled but
// not run (<link rel=modulepreload>, the list the build writes on <html> as
// data-form-modules), so a press only runs code already in memory; fetching
// also begins as soon as a pointer or the keyboard reaches the button. A
// role=status element says what is happening.

// A module whose fetch failed stays failed for the life of the page (the
// browser's module map keeps the error), so pressing again after a failure
// reloads the page, which then starts by itself once it is back.
const START_AFTER_RELOAD = "candor:start-after-reload";

export interface StartOnPress<M> {
  button: HTMLButtonElement;
  /** A role=status element: "Loading…", then the failure if there is one. */
  status: HTMLElement;
  loading: string;
  failed: string;
  /** The dynamic import of the form's module; called once, on intent or on press. */
  load: () => Promise<M>;
  /** Renders the form from the loaded module; `pressed` is true when the person asked for it (focus the first field). */
  mount: (module: M, pressed: boolean) => Promise<void>;
  /** What this page starts, for the reload after a failed fetch (a page can hold only one such form). */
  reloadKey: string;
  /** Something in this browser the form must show: start without waiting for a press. */
  startNow?: boolean;
}

export interface StartedForm {
  /** Whether the form has begun loading (the form, not the page, now says what is what). */
  readonly opened: boolean;
}

/**
 * Fetches and compiles the form's modules once the page has loaded and the
 * browser is idle, without running them; marks <html data-form-preloaded>
 * "done" when they are in (what the speed bench waits for).
 */
function preloadWhenIdle(button: HTMLButtonElement, onFailure: () => void): void {
  const root = document.documentElement;
  const files = root.dataset.formModules?.split(" ").filter(Boolean) ?? [];
  if (files.length === 0 || root.dataset.formPreloaded) return;
  root.dataset.formPreloaded = "pending";
  const fetchAll = () => {
    // a closed or upcoming survey shows no Start: nothing to get ready for
    if (button.closest("[hidden]")) return void delete root.dataset.formPreloaded;
    const loaded = files.map(
      (href) =>
        new Promise<boolean>((resolve) => {
          if (document.head.querySelector(`link[href="${href}"]`)) return resolve(true);
          const link = document.createElement("link");
          if (href.endsWith(".css")) {
            link.rel = "preload";
            link.as = "style";
          } else link.rel = "modulepreload";
          link.href = href;
          link.onload = () => resolve(true);
          link.onerror = () => resolve(false);
          document.head.appendChild(link);
        }),
    );
    void Promise.all(loaded).then((ok) => {
      root.dataset.formPreloaded = ok.every(Boolean) ? "done" : "failed";
      // a module whose fetch failed stays failed for this page: Start must reload
      if (root.dataset.formPreloaded === "failed") onFailure();
    });
  };
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(fetchAll, { timeout: 4000 }) : setTimeout(fetchAll, 1500));
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
}

export function startOnPress<M>(options: StartOnPress<M>): StartedForm {
  const { button, status } = options;
  let loading: Promise<M> | null = null;
  const load = () => (loading ??= options.load());
  let failed = false;
  let opened = false;

  async function open(pressed: boolean): Promise<void> {
    opened = true;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    status.textContent = options.loading;
    try {
      await options.mount(await load(), pressed);
      status.textContent = "";
    } catch {
      failed = true;
      button.disabled = false;
      button.removeAttribute("aria-busy");
      status.textContent = options.failed;
    }
  }

  let reloadedToStart = false;
  try {
    reloadedToStart = sessionStorage.getItem(START_AFTER_RELOAD) === options.reloadKey;
    sessionStorage.removeItem(START_AFTER_RELOAD);
  } catch {
    // storage disabled
  }

  for (const intent of ["pointerenter", "touchstart", "focus"] as const)
    button.addEventListener(intent, () => void load().catch(() => {}), { once: true });
  button.addEventListener("click", () => {
    if (!failed) return void open(true);
    try {
      sessionStorage.setItem(START_AFTER_RELOAD, options.reloadKey);
    } catch {
      // storage disabled: the reloaded page waits for another press
    }
    location.reload();
  });
  if (reloadedToStart || options.startNow) void open(reloadedToStart);
  else preloadWhenIdle(button, () => (failed = true));

  return {
    get opened() {
      return opened;
    },
  };
}
