// The board's state is its URL: `?view=done&category=tools&sort=support&q=…`
// (shareable; Back and Forward walk through it). Reading and writing that
// state, and filtering and ordering the ideas by it, without the DOM.
import type { BoardIdea, IdeaCategory, IdeaStatus } from "#lib/ideas/model.ts";
import { IDEA_CATEGORIES, IDEA_STATUSES } from "#lib/ideas/vocabulary.ts";

export interface BoardQuery {
  view: "all" | "done";
  status: IdeaStatus | "";
  category: IdeaCategory | "";
  sort: "recent" | "support";
  q: string;
}

export const DEFAULT_QUERY: BoardQuery = { view: "all", status: "", category: "", sort: "recent", q: "" };

const oneOf = <V extends string>(value: string | null, allowed: readonly V[]): V | "" =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as V) : "";

/** The board's state from a query string; unknown values fall back to the defaults. */
export function readQuery(search: string): BoardQuery {
  const p = new URLSearchParams(search);
  return {
    view: p.get("view") === "done" ? "done" : "all",
    status: oneOf(p.get("status"), IDEA_STATUSES),
    category: oneOf(p.get("category"), IDEA_CATEGORIES),
    sort: p.get("sort") === "support" ? "support" : "recent",
    q: (p.get("q") ?? "").slice(0, 100),
  };
}

/** The query string for a state, defaults left out: "?view=done&q=training" or "". */
export function writeQuery(query: BoardQuery): string {
  const p = new URLSearchParams();
  if (query.view !== "all") p.set("view", query.view);
  if (query.status && query.view === "all") p.set("status", query.status);
  if (query.category) p.set("category", query.category);
  if (query.sort !== "recent") p.set("sort", query.sort);
  if (query.q.trim()) p.set("q", query.q);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Whether the reader narrowed the list (a search, a status, a category or the done view). */
export function isFiltered(query: BoardQuery): boolean {
  return query.q.trim() !== "" || query.status !== "" || query.category !== "" || query.view === "done";
}

/** The status the list is narrowed to: the done view is the status "done". */
const statusOf = (query: BoardQuery) => (query.view === "done" ? "done" : query.status);

/** GET /api/ideas's parameters for a state, once the board is past the API's cap and filters on the server. */
export function apiParams(query: BoardQuery): URLSearchParams {
  const params = new URLSearchParams();
  const status = statusOf(query);
  if (status) params.set("status", status);
  if (query.category) params.set("category", query.category);
  if (query.sort !== "recent") params.set("sort", query.sort);
  return params;
}

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase();

export function matches(idea: BoardIdea, query: BoardQuery): boolean {
  const status = statusOf(query);
  if (status && idea.status !== status) return false;
  if (query.category && idea.category !== query.category) return false;
  const words = fold(query.q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([idea.title, idea.body, ...idea.answers.map((a) => a.body)].join("\n"));
  return words.every((w) => haystack.includes(w));
}

/** The ideas the state shows, in its order ("recent" is the API's: newest first). */
export function shownIdeas(ideas: readonly BoardIdea[], query: BoardQuery): BoardIdea[] {
  const shown = ideas.filter((i) => matches(i, query));
  if (query.sort === "recent") return shown;
  return shown.sort((a, b) => b.supportCount - a.supportCount || b.publishedOn.localeCompare(a.publishedOn));
}
