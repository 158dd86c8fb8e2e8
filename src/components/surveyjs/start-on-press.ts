// The deferred start of a SurveyJS form, shared by the survey page and the
// idea form: the page is readable and usable at once, and the form's module
// (SurveyJS with React, ≈ 430 KB of gzip JavaScript, about a second of a
// phone's main thread) is fetched only when the person presses the start
// button, or at once when this browser holds something the form must show
// (a survey draft, a receipt issued in this tab). While the page is idle
// after loading, the module and what it needs are fetched and compiled but
// not run (<link rel=modulepreload>, the list the build writes on <html> as
// data-form-modules), so a press only runs code already in memory; fetching
// also begins as soon as a pointer or the keyboard reaches the button. Once
// the reader is engaged with the page (scrolls, touches, clicks or types
// anywhere on it) and the browser is idle, the module is run and the form
// made ready (`prepare`; the survey page draws it unseen), so a press only
// shows it: a crawler or an audit that never touches the page pays nothing
// for this. A role=status element says what is happening.

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
  /** Makes the form ready ahead of a press (runs once the reader is engaged and the browser idle). */
  prepare?: (module: M) => Promise<void>;
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
function preloadWhenIdle(button: HTMLButtonElement, onFailure: () => void): Promise<boolean> {
  const root = document.documentElement;
  const files = root.dataset.formModules?.split(" ").filter(Boolean) ?? [];
  if (files.length === 0 || root.dataset.formPreloaded) return Promise.resolve(false);
  root.dataset.formPreloaded = "pending";
  let settle: (ok: boolean) => void;
  const preloaded = new Promise<boolean>((resolve) => (settle = resolve));
  const fetchAll = () => {
    // a closed or upcoming survey shows no Start: nothing to get ready for
    if (button.closest("[hidden]")) {
      delete root.dataset.formPreloaded;
      return settle(false);
    }
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
      settle(ok.every(Boolean));
    });
  };
  if (document.readyState === "complete") whenIdle(fetchAll, 4000);
  else addEventListener("load", () => whenIdle(fetchAll, 4000), { once: true });
  return preloaded;
}

function whenIdle(run: () => void, timeout: number): void {
  if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout });
  else setTimeout(run, 200);
}

const ENGAGED = ["scroll", "pointerdown", "touchstart", "keydown", "wheel"] as const;

/** Resolves on the reader's first scroll, touch, click or key anywhere on the page. */
function engaged(): Promise<void> {
  return new Promise((resolve) => {
    const once = () => {
      for (const type of ENGAGED) removeEventListener(type, once, true);
      resolve();
    };
    for (const type of ENGAGED) addEventListener(type, once, { capture: true, passive: true });
  });
}

/**
 * After the idle fetch, and once the reader is engaged: runs the module and
 * `prepare` in two idle moments; marks <html data-form-prepared> "done" (what
 * the speed bench waits for). Nothing is shown: a press still opens the form.
 */
async function prepareWhenEngaged<M>(
  preloaded: Promise<boolean>,
  load: () => Promise<M>,
  prepare: (module: M) => Promise<void>,
  isOpened: () => boolean,
): Promise<void> {
  const [ok] = await Promise.all([preloaded, engaged()]);
  if (!ok || isOpened()) return;
  const root = document.documentElement;
  root.dataset.formPrepared = "pending";
  try {
    const module = await new Promise<M>((resolve, reject) => whenIdle(() => load().then(resolve, reject), 2000));
    await new Promise<void>((resolve, reject) => whenIdle(() => (isOpened() ? resolve() : prepare(module).then(resolve, reject)), 2000));
    root.dataset.formPrepared = "done";
  } catch {
    // the press reports a failure, not the preparation
    delete root.dataset.formPrepared;
  }
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
  else {
    const preloaded = preloadWhenIdle(button, () => (failed = true));
    if (options.prepare) void prepareWhenEngaged(preloaded, load, options.prepare, () => opened);
  }

  return {
    get opened() {
      return opened;
    },
  };
}
