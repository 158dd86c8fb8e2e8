// The public board's script: plain DOM, no framework (hydrating React for the
// whole board cost a phone a third of a second of blocked main thread). The
// page renders the figures, the filters and an empty list at their final
// size; this fills them from one GET /api/ideas and keeps the filters, search
// and sort in the URL (shareable; Back and Forward walk through them).
// Filters run in the page; past the API's cap (truncated) they go to the
// server, so no idea is out of reach.
import { readStrings, translator } from "#i18n/translate.ts";
import type { BoardIdea, BoardStats } from "#lib/ideas/model.ts";
import { showFigures } from "./board-figures.ts";
import { DEFAULT_QUERY, apiParams, isFiltered, readQuery, shownIdeas, writeQuery, type BoardQuery } from "./board-query.ts";
import { add, el, ideaRow, offerReadMore, setExpanded, votes, type BoardKey, type BoardT } from "./board-row.ts";
import { readSupported, saveSupported, setSupport } from "./support.ts";

interface Loaded {
  ideas: BoardIdea[];
  truncated: boolean;
  stats: BoardStats;
}

export function initBoard(root: HTMLElement): void {
  const t: BoardT = translator(readStrings<BoardKey>(root));
  // no `extends Element`: the Workers types in this project's tsconfig give
  // Element a remove() that HTMLSelectElement's does not match
  const $ = <E = HTMLElement>(selector: string) => root.querySelector(selector) as E;
  const list = $<HTMLOListElement>("[data-board-list]");
  const count = $("[data-board-count]");
  const supportError = $("[data-support-error]");
  const search = $<HTMLInputElement>("input[data-filter=q]");
  const selects = {
    status: $<HTMLSelectElement>("select[data-filter=status]"),
    category: $<HTMLSelectElement>("select[data-filter=category]"),
    sort: $<HTMLSelectElement>("select[data-filter=sort]"),
  };

  let query: BoardQuery = readQuery(location.search);
  let data: Loaded | null = null;
  let failed = false;
  let fetched: string | null = null;
  let supported = readSupported();
  /** One row per idea, kept across filtering: an open response or text stays open, a focused button focused. */
  let rows = new Map<string, HTMLLIElement>();

  // ------------------------------------------------------------ the state on screen

  function showControls() {
    for (const button of root.querySelectorAll<HTMLButtonElement>("[data-view]")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === query.view));
    }
    if (search.value !== query.q) search.value = query.q;
    selects.status.value = query.status;
    selects.category.value = query.category;
    selects.sort.value = query.sort;
    $("[data-status-filter]").hidden = query.view === "done";
    $("[data-view-lead]").hidden = query.view !== "done";
  }

  function showCount(shown: number) {
    const filtered = isFiltered(query);
    count.textContent = failed
      ? t("ideas.board.loadError")
      : data === null
        ? t("ideas.board.loading")
        : shown === 0
          ? t(filtered ? "ideas.board.empty" : "ideas.board.none")
          : data.truncated && !filtered
            ? t("ideas.board.truncated", { n: shown })
            : filtered
              ? t.plural("ideas.board.matching", shown)
              : t.plural("ideas.board.count", shown);
    if (filtered && data !== null) {
      const clear = el("button", t("ideas.filter.clear"), "link-button");
      clear.type = "button";
      clear.addEventListener("click", () => update({ ...DEFAULT_QUERY, sort: query.sort }));
      add(count, " ", clear);
    }
  }

  function showList() {
    if (!data) {
      showCount(0);
      return;
    }
    const shown = shownIdeas(data.ideas, query).map((idea) => {
      let row = rows.get(idea.id);
      if (!row) rows.set(idea.id, (row = ideaRow(idea, t, supported.includes(idea.id))));
      return row;
    });
    list.replaceChildren(...shown);
    list.classList.remove("loading");
    offerReadMore(shown);
    showCount(shown.length);
  }

  // ------------------------------------------------------------ loading

  async function load() {
    const serverSide = data?.truncated === true;
    const params = serverSide ? apiParams(query) : new URLSearchParams();
    const key = params.toString();
    if (key === fetched) return;
    fetched = key;
    failed = false;
    try {
      const res = await fetch(`/api/ideas${key ? `?${key}` : ""}`);
      if (!res.ok) throw new Error(String(res.status));
      const loaded = (await res.json()) as Loaded;
      if (fetched !== key) return; // a later state asked for something else meanwhile
      data = { ...loaded, truncated: serverSide || loaded.truncated === true };
      rows = new Map();
      showFigures($("[data-stats]"), loaded.stats, t);
    } catch {
      if (fetched !== key) return;
      fetched = null; // the next change of state tries again
      failed = true;
    }
    showList();
  }

  function update(patch: Partial<BoardQuery>, mode: "push" | "replace" = "push") {
    query = { ...query, ...patch };
    const url = `${location.pathname}${writeQuery(query)}${location.hash}`;
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    showControls();
    showList();
    void load();
  }

  // ------------------------------------------------------------ "me too" and "Read more"

  const pending = new Set<string>();

  async function toggleSupport(row: HTMLElement, idea: BoardIdea) {
    if (pending.has(idea.id)) return;
    pending.add(idea.id);
    const on = !supported.includes(idea.id);
    supportError.replaceChildren();
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus
    row.querySelector("[data-action=support]")?.setAttribute("aria-disabled", "true");
    const result = await setSupport(idea.id, on);
    pending.delete(idea.id);
    if (!result.ok) {
      const message = result.reason === "closed" ? "ideas.support.closed" : on ? "ideas.support.error" : "ideas.support.withdrawError";
      const alert = el("p", t(message), "ideas-error");
      alert.setAttribute("role", "alert");
      supportError.replaceChildren(alert);
    } else {
      supported = result.supported ? [...new Set([...supported, idea.id])] : supported.filter((id) => id !== idea.id);
      saveSupported(supported);
      if (result.count !== undefined) idea.supportCount = result.count;
    }
    const cell = row.querySelector(".idea-votes")!;
    const hadFocus = cell.contains(document.activeElement);
    cell.replaceWith(votes(idea, t, supported.includes(idea.id)));
    if (hadFocus) row.querySelector<HTMLElement>("[data-action=support]")?.focus();
  }

  list.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    const row = button?.closest<HTMLElement>("[data-idea]");
    const idea = row && data?.ideas.find((i) => i.id === row.dataset.idea);
    if (!button || !row || !idea) return;
    if (button.dataset.action === "support") void toggleSupport(row, idea);
    else setExpanded(row, t, button.getAttribute("aria-expanded") !== "true");
  });

  // ------------------------------------------------------------ filters, search, sort, Back

  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-view]")) {
    button.addEventListener("click", () => update({ view: button.dataset.view === "done" ? "done" : "all" }));
  }
  // the first letter of a search is a step Back can undo; the rest refine it
  search.addEventListener("input", () => update({ q: search.value.slice(0, 100) }, query.q === "" ? "push" : "replace"));
  selects.status.addEventListener("change", () => update({ status: readQuery(`status=${selects.status.value}`).status }));
  selects.category.addEventListener("change", () => update({ category: readQuery(`category=${selects.category.value}`).category }));
  selects.sort.addEventListener("change", () => update({ sort: selects.sort.value === "support" ? "support" : "recent" }));
  $("form").addEventListener("submit", (event) => event.preventDefault());
  addEventListener("popstate", () => {
    query = readQuery(location.search);
    showControls();
    showList();
    void load();
  });

  // on a phone the figures fold away under their heading
  const toggle = $<HTMLButtonElement>("[data-stats-toggle]");
  toggle.addEventListener("click", () => toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true")));

  // a narrower or wider screen cuts the texts elsewhere
  let resized = 0;
  addEventListener("resize", () => {
    cancelAnimationFrame(resized);
    resized = requestAnimationFrame(() => offerReadMore([...list.querySelectorAll<HTMLElement>("[data-idea]")]));
  });

  showControls();
  void load();
  root.dataset.ready = "";
}
