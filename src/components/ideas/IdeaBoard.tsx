// The public board, compact and scannable: one row per idea with its support
// count on the left (a "me too" that can be taken back, offered only while
// the idea is open), its title, a status chip, a one-line excerpt, and HR's
// response and history folded away. Search, filters and sort live in the URL
// (shareable; Back and Forward walk through them). The page renders this
// island at build time with empty figures of their final size and a list
// area that holds the fold, so nothing on screen moves when the ideas
// arrive. Every text from the server is rendered as text, never as HTML.
import { useEffect, useMemo, useState } from "react";
import type { BoardIdea, BoardStats, IdeaCategory, IdeaStatus } from "../../lib/ideas/model.ts";
import { IDEA_CATEGORIES, IDEA_STATUSES, takesSupport } from "../../lib/ideas/vocabulary.ts";
import { inLanguage } from "../../lib/bilingual.ts";
import { formatDay, translator, type Translator } from "../../i18n/translate.ts";
import type { IdeaStrings } from "./client.ts";
import { StatusTimeline } from "./StatusTimeline.tsx";
import { readSupported, saveSupported, setSupport } from "./support.ts";
import "./ideas.css";

interface Props {
  strings: IdeaStrings;
  /** From the build's configuration, so the figures' labels are right before the API answers. */
  ackPromiseDays: number;
  minGroupSize: number;
}

type T = Translator<keyof IdeaStrings["text"]>;

// ---------------------------------------------------------------- the URL

export interface BoardQuery {
  view: "all" | "done";
  status: IdeaStatus | "";
  category: IdeaCategory | "";
  sort: "recent" | "support";
  q: string;
}

export const DEFAULT_QUERY: BoardQuery = { view: "all", status: "", category: "", sort: "recent", q: "" };

const oneOf = <V extends string>(value: string | null, allowed: readonly V[], fallback: V | ""): V | "" =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as V) : fallback;

/** The board's state from a query string; unknown values fall back to the defaults. */
export function readQuery(search: string): BoardQuery {
  const p = new URLSearchParams(search);
  return {
    view: p.get("view") === "done" ? "done" : "all",
    status: oneOf(p.get("status"), IDEA_STATUSES, ""),
    category: oneOf(p.get("category"), IDEA_CATEGORIES, ""),
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

// ---------------------------------------------------------------- filtering

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase();

function matches(idea: BoardIdea, query: BoardQuery): boolean {
  const status = query.view === "done" ? "done" : query.status;
  if (status && idea.status !== status) return false;
  if (query.category && idea.category !== query.category) return false;
  const words = fold(query.q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([idea.title, idea.body, ...idea.answers.map((a) => a.body)].join("\n"));
  return words.every((w) => haystack.includes(w));
}

function ordered(ideas: BoardIdea[], sort: BoardQuery["sort"]): BoardIdea[] {
  if (sort === "recent") return ideas; // the API's order: newest first
  return [...ideas].sort((a, b) => b.supportCount - a.supportCount || b.publishedOn.localeCompare(a.publishedOn));
}

// ---------------------------------------------------------------- the island

interface Loaded {
  ideas: BoardIdea[];
  truncated: boolean;
  stats: BoardStats;
}

export default function IdeaBoard({ strings, ackPromiseDays, minGroupSize }: Props) {
  const t = translator(strings);
  const [query, setQuery] = useState<BoardQuery>(DEFAULT_QUERY);
  const [data, setData] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [supported, setSupported] = useState<string[]>([]);
  const [supportError, setSupportError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  // The URL is the state: read it once hydrated (the build rendered the defaults) and on Back/Forward.
  useEffect(() => {
    setSupported(readSupported());
    const follow = () => setQuery(readQuery(location.search));
    follow();
    addEventListener("popstate", follow);
    return () => removeEventListener("popstate", follow);
  }, []);

  const update = (patch: Partial<BoardQuery>, mode: "push" | "replace" = "push") => {
    const next = { ...query, ...patch };
    const url = `${location.pathname}${writeQuery(next)}${location.hash}`;
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    setQuery(next);
  };

  // Every published idea in one request, filtered here: filters answer at
  // once and Back needs no request. Past the API's cap (truncated), the
  // filters go to the server instead, so no idea is out of reach.
  const serverSide = data?.truncated === true;
  const fetchKey = serverSide
    ? writeQuery({ ...DEFAULT_QUERY, view: query.view, status: query.status, category: query.category, sort: query.sort })
    : "";
  useEffect(() => {
    const params = new URLSearchParams();
    if (serverSide) {
      const status = query.view === "done" ? "done" : query.status;
      if (status) params.set("status", status);
      if (query.category) params.set("category", query.category);
      if (query.sort !== "recent") params.set("sort", query.sort);
    }
    let cancelled = false;
    setFailed(false);
    fetch(`/api/ideas${params.size ? `?${params}` : ""}`)
      .then((res) => (res.ok ? (res.json() as Promise<Loaded>) : Promise.reject(new Error(String(res.status)))))
      .then((loaded) => !cancelled && setData({ ...loaded, truncated: serverSide || loaded.truncated === true }))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetchKey says when the server's answer would differ
  }, [fetchKey]);

  const shown = useMemo(
    () =>
      data
        ? ordered(
            data.ideas.filter((i) => matches(i, query)),
            query.sort,
          )
        : [],
    [data, query],
  );

  async function toggleSupport(idea: BoardIdea) {
    const on = !supported.includes(idea.id);
    setSupportError(null);
    setBusy(idea.id);
    const result = await setSupport(idea.id, on);
    setBusy(null);
    if (!result.ok) {
      setSupportError(t(result.reason === "closed" ? "ideas.support.closed" : on ? "ideas.support.error" : "ideas.support.withdrawError"));
      return;
    }
    const next = result.supported ? [...new Set([...supported, idea.id])] : supported.filter((id) => id !== idea.id);
    saveSupported(next);
    setSupported(next);
    const count = result.count;
    if (count !== undefined) {
      setData((d) => d && { ...d, ideas: d.ideas.map((i) => (i.id === idea.id ? { ...i, supportCount: count } : i)) });
    }
  }

  const stats = data?.stats ?? null;
  const k = stats?.minGroupSize ?? minGroupSize;
  const filtered = query.q.trim() !== "" || query.status !== "" || query.category !== "" || query.view === "done";

  return (
    <div className="ideas-board">
      <Figures t={t} stats={stats} ackPromiseDays={stats?.ackPromiseDays ?? ackPromiseDays} k={k} />

      <div className="ideas-toolbar">
        <div className="ideas-views" role="group" aria-label={t("ideas.board.views")}>
          {(["all", "done"] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="button secondary"
              aria-pressed={query.view === v}
              onClick={() => update({ view: v })}
              data-view={v}
            >
              {t(v === "all" ? "ideas.view.all" : "ideas.view.done")}
            </button>
          ))}
        </div>
        <form className="ideas-filters" role="search" aria-label={t("ideas.board.filters")} onSubmit={(e) => e.preventDefault()}>
          <label className="ideas-search">
            <span>{t("ideas.filter.search")}</span>
            <input
              type="search"
              value={query.q}
              // the first letter of a search is a step Back can undo; the rest refine it
              onChange={(e) => update({ q: e.target.value }, query.q === "" ? "push" : "replace")}
              placeholder={t("ideas.filter.searchHint")}
              maxLength={100}
              data-filter="q"
            />
          </label>
          <label hidden={query.view === "done"}>
            <span>{t("ideas.filter.status")}</span>
            <select value={query.status} onChange={(e) => update({ status: e.target.value as BoardQuery["status"] })} data-filter="status">
              <option value="">{t("ideas.filter.all")}</option>
              {IDEA_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`ideas.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("ideas.filter.category")}</span>
            <select
              value={query.category}
              onChange={(e) => update({ category: e.target.value as BoardQuery["category"] })}
              data-filter="category"
            >
              <option value="">{t("ideas.filter.all")}</option>
              {IDEA_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`ideas.category.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("ideas.filter.sort")}</span>
            <select value={query.sort} onChange={(e) => update({ sort: e.target.value as BoardQuery["sort"] })} data-filter="sort">
              <option value="recent">{t("ideas.sort.recent")}</option>
              <option value="support">{t("ideas.sort.support")}</option>
            </select>
          </label>
        </form>
      </div>
      {query.view === "done" && <p className="muted ideas-view-lead">{t("ideas.view.doneLead")}</p>}

      <p className="muted ideas-count" role="status" aria-live="polite" data-board-count>
        {failed
          ? t("ideas.board.loadError")
          : data === null
            ? t("ideas.board.loading")
            : shown.length === 0
              ? t(filtered ? "ideas.board.empty" : "ideas.board.none")
              : data.truncated && !filtered
                ? t("ideas.board.truncated", { n: shown.length })
                : filtered
                  ? t.plural("ideas.board.matching", shown.length)
                  : t.plural("ideas.board.count", shown.length)}
        {filtered && data !== null && (
          <>
            {" "}
            <button type="button" className="link-button" onClick={() => update({ ...DEFAULT_QUERY, sort: query.sort })}>
              {t("ideas.filter.clear")}
            </button>
          </>
        )}
      </p>
      <p className="muted ideas-support-note" data-support-note>
        {t("ideas.support.stepped")}
      </p>
      {supportError && (
        <p role="alert" className="ideas-error">
          {supportError}
        </p>
      )}

      <ol className={`ideas-list${data === null ? " loading" : ""}`} data-board-list>
        {shown.map((idea) => (
          <IdeaRow
            key={idea.id}
            idea={idea}
            t={t}
            mine={supported.includes(idea.id)}
            busy={busy === idea.id}
            onSupport={() => void toggleSupport(idea)}
          />
        ))}
      </ol>
    </div>
  );
}

// ---------------------------------------------------------------- pieces

/** The four figures, the same size before and after the API answers (2×2 on a phone). */
function Figures({ t, stats, ackPromiseDays, k }: { t: T; stats: BoardStats | null; ackPromiseDays: number; k: number }) {
  const pct = (n: number, total: number) => `${total === 0 ? 0 : Math.round((n / total) * 100)}%`;
  const withheld = t("ideas.stats.suppressed", { k });
  const figures: { key: string; label: string; value: string; detail: string }[] = [
    { key: "received", label: t("ideas.stats.received"), value: stats ? String(stats.received) : "–", detail: "" },
    {
      key: "ack",
      label: t("ideas.stats.ack", { days: ackPromiseDays }),
      value: !stats ? "–" : stats.ackWithinPromise === null ? "–" : pct(stats.ackWithinPromise, stats.ackDue),
      detail: !stats
        ? ""
        : stats.ackWithinPromise === null
          ? withheld
          : t("ideas.stats.ackOf", { n: stats.ackWithinPromise, total: stats.ackDue }),
    },
    {
      key: "median",
      label: t("ideas.stats.median"),
      value: !stats
        ? "–"
        : stats.medianDaysToFirstAnswer === null
          ? "–"
          : t.plural("ideas.stats.days", Math.round(stats.medianDaysToFirstAnswer * 10) / 10),
      detail: stats?.medianDaysToFirstAnswer === null ? withheld : "",
    },
    {
      key: "resolved",
      label: t("ideas.stats.resolved"),
      value: !stats ? "–" : stats.resolved === null ? "–" : pct(stats.resolved, stats.verdicts),
      detail: !stats ? "" : stats.resolved === null ? withheld : t("ideas.stats.resolvedOf", { n: stats.resolved, total: stats.verdicts }),
    },
  ];
  return (
    <section className="ideas-stats" aria-labelledby="ideas-stats-title" aria-busy={stats === null}>
      <h2 id="ideas-stats-title">{t("ideas.stats.title")}</h2>
      <dl>
        {figures.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd data-stat={f.key}>
              <span className="stat-value">{f.value}</span>
              <span className="stat-detail">{f.detail}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function StatusChip({ status, t }: { status: IdeaStatus; t: T }) {
  return (
    <span className={`status-chip status-${status}`} data-status={status}>
      {t(`ideas.status.${status}`)}
    </span>
  );
}

function IdeaRow({ idea, t, mine, busy, onSupport }: { idea: BoardIdea; t: T; mine: boolean; busy: boolean; onSupport(): void }) {
  const local = (text: string) => inLanguage(text, t.locale);
  const titleId = `idea-${idea.id}`;
  const countId = `idea-${idea.id}-count`;
  const open = takesSupport(idea.status);
  const lastAnswer = idea.answers.at(-1);
  return (
    <li className={`idea${idea.rewarded ? " rewarded" : ""}`} data-idea={idea.id}>
      <div className="idea-votes">
        {open || mine ? (
          <button
            type="button"
            className="vote"
            aria-pressed={mine}
            aria-describedby={`${countId} ${titleId}`}
            disabled={busy}
            onClick={onSupport}
            data-action="support"
          >
            <span className="vote-count" aria-hidden="true" data-support-count>
              {idea.supportCount}
            </span>
            <span className="vote-label">
              {mine && <span aria-hidden="true">✓ </span>}
              {t("ideas.support.button")}
            </span>
          </button>
        ) : (
          <div className="vote vote-closed">
            <span className="vote-count" aria-hidden="true" data-support-count>
              {idea.supportCount}
            </span>
            <span className="vote-label" aria-hidden="true">
              {t("ideas.support.label")}
            </span>
          </div>
        )}
        <span id={countId} className="visually-hidden">
          {t.plural("ideas.support.count", idea.supportCount)}
          {mine ? ` ${t("ideas.support.mine")}` : open ? "" : ` ${t("ideas.support.closedNote")}`}
        </span>
      </div>
      <div className="idea-main">
        <h3 id={titleId} className="idea-title">
          {local(idea.title)}
        </h3>
        <p className="idea-meta">
          <StatusChip status={idea.status} t={t} />
          <span>{t(`ideas.category.${idea.category}`)}</span>
          <span>{t("ideas.board.published", { date: formatDay(t.locale, idea.publishedOn, "short") })}</span>
          {idea.rewarded && <span className="badge reward">★ {t("ideas.rewarded")}</span>}
          {idea.verdict && <span data-verdict={idea.verdict}>{t(`ideas.verdict.${idea.verdict}`)}</span>}
        </p>
        <p className="idea-excerpt idea-text">{local(idea.body)}</p>
        <details className="idea-more">
          <summary>
            {lastAnswer ? t("ideas.board.responseOn", { date: formatDay(t.locale, lastAnswer.on, "short") }) : t("ideas.board.historyOnly")}
          </summary>
          {idea.rewarded && (
            <p className="notice" data-reward>
              {idea.rewardNote && <span className="idea-text">{t("ideas.rewarded.note", { note: local(idea.rewardNote) })} </span>}
              {t("ideas.rewarded.claim")}
            </p>
          )}
          {idea.duplicateOf && <p className="muted">{t("ideas.board.duplicate")}</p>}
          {idea.answers.map((a, i) => (
            <blockquote key={i} className="idea-answer" data-answer>
              <p className="idea-text">{local(a.body)}</p>
              <footer className="muted">{t("ideas.board.answerBy", { date: formatDay(t.locale, a.on) })}</footer>
            </blockquote>
          ))}
          <h4>{t("ideas.board.timeline")}</h4>
          <StatusTimeline history={idea.history} t={t} />
        </details>
      </div>
    </li>
  );
}
