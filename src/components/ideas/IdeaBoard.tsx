// The public board: published ideas from GET /api/ideas, filterable by status
// and category, sortable by support, with a "you said, we did" view of the
// done ones. Every text from the server is rendered as text, never as HTML.
import { useEffect, useState } from "react";
import type { BoardIdea, BoardStats } from "../../lib/ideas/model.ts";
import { IDEA_CATEGORIES, IDEA_STATUSES } from "../../lib/ideas/vocabulary.ts";
import { toHex } from "../../lib/hex.ts";
import { translator } from "../../i18n/translate.ts";
import { postJson, type IdeaStrings } from "./client.ts";
import { StatusTimeline } from "./StatusTimeline.tsx";
import "./ideas.css";

interface Props {
  strings: IdeaStrings;
}

type View = "all" | "done";

const TOKEN_KEY = "candor.ideas.supportToken";
const SUPPORTED_KEY = "candor.ideas.supported";

let memoryToken: string | null = null;

/**
 * A random token this browser keeps so it can support each idea once; the
 * server stores only its hash. Where storage is blocked, the token lasts as
 * long as the page.
 */
function supportToken(): string {
  const fresh = () => toHex(crypto.getRandomValues(new Uint8Array(24)));
  try {
    let token = localStorage.getItem(TOKEN_KEY);
    if (!token) {
      token = fresh();
      localStorage.setItem(TOKEN_KEY, token);
    }
    return token;
  } catch {
    return (memoryToken ??= fresh());
  }
}

function saveSupported(list: string[]): void {
  try {
    localStorage.setItem(SUPPORTED_KEY, JSON.stringify(list));
  } catch {
    // storage blocked: the server still refuses a second support from this page's token
  }
}

function readSupported(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(SUPPORTED_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((x) => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export default function IdeaBoard({ strings }: Props) {
  const t = translator(strings);
  const [view, setView] = useState<View>("all");
  const [status, setStatus] = useState("");
  const [category, setCategory] = useState("");
  const [sort, setSort] = useState("recent");
  const [ideas, setIdeas] = useState<BoardIdea[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [stats, setStats] = useState<BoardStats | null>(null);
  const [failed, setFailed] = useState(false);
  const [supported, setSupported] = useState<string[]>([]);
  const [supportError, setSupportError] = useState<string | null>(null);

  useEffect(() => setSupported(readSupported()), []);

  useEffect(() => {
    const query = new URLSearchParams();
    const effectiveStatus = view === "done" ? "done" : status;
    if (effectiveStatus) query.set("status", effectiveStatus);
    if (category) query.set("category", category);
    if (sort !== "recent") query.set("sort", sort);
    let cancelled = false;
    setFailed(false);
    fetch(`/api/ideas?${query}`)
      .then((res) =>
        res.ok
          ? (res.json() as Promise<{ ideas: BoardIdea[]; truncated?: boolean; stats: BoardStats }>)
          : Promise.reject(new Error(String(res.status))),
      )
      .then((data) => {
        if (cancelled) return;
        setIdeas(data.ideas);
        setTruncated(data.truncated === true);
        setStats(data.stats);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [view, status, category, sort]);

  async function support(idea: BoardIdea) {
    setSupportError(null);
    // offline or a dropped connection: the same message as a refusal, not an unhandled rejection
    const res = await postJson<{ supportCount: number }>(`/api/ideas/${encodeURIComponent(idea.id)}/support`, {
      token: supportToken(),
    }).catch(() => null);
    if (res && (res.status === 201 || res.status === 409)) {
      const next = [...new Set([...supported, idea.id])];
      saveSupported(next);
      setSupported(next);
      if (res.status === 201) {
        const count = res.body.supportCount;
        setIdeas((list) => list?.map((i) => (i.id === idea.id ? { ...i, supportCount: count } : i)) ?? null);
      }
    } else {
      setSupportError(t("ideas.support.error"));
    }
  }

  const share = (n: number | null, total: number) =>
    n === null ? null : t("ideas.stats.share", { pct: total === 0 ? 0 : Math.round((n / total) * 100), n, total });

  return (
    <div className="ideas-board">
      {stats && (
        <section className="ideas-stats" aria-labelledby="ideas-stats-title">
          <h2 id="ideas-stats-title">{t("ideas.stats.title")}</h2>
          <dl>
            <div>
              <dt>{t("ideas.stats.received")}</dt>
              <dd data-stat="received">{stats.received}</dd>
            </div>
            <div>
              <dt>{t("ideas.stats.ack", { days: stats.ackPromiseDays })}</dt>
              <dd data-stat="ack">
                {share(stats.ackWithinPromise, stats.ackDue) ?? t("ideas.stats.suppressed", { k: stats.minGroupSize })}
              </dd>
            </div>
            <div>
              <dt>{t("ideas.stats.median")}</dt>
              <dd data-stat="median">
                {stats.medianDaysToFirstAnswer === null
                  ? t("ideas.stats.suppressed", { k: stats.minGroupSize })
                  : t.plural("ideas.stats.days", Math.round(stats.medianDaysToFirstAnswer * 10) / 10)}
              </dd>
            </div>
            <div>
              <dt>{t("ideas.stats.resolved")}</dt>
              <dd data-stat="resolved">
                {share(stats.resolved, stats.verdicts) ?? t("ideas.stats.suppressed", { k: stats.minGroupSize })}
              </dd>
            </div>
          </dl>
        </section>
      )}

      <div className="ideas-views" role="group" aria-label={t("ideas.board.views")}>
        {(["all", "done"] as const).map((v) => (
          <button key={v} type="button" className="button secondary" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(v === "all" ? "ideas.view.all" : "ideas.view.done")}
          </button>
        ))}
      </div>
      {view === "done" && <p className="muted">{t("ideas.view.doneLead")}</p>}

      <form className="ideas-filters" aria-label={t("ideas.board.filters")} onSubmit={(e) => e.preventDefault()}>
        {view === "all" && (
          <label>
            <span>{t("ideas.filter.status")}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)} data-filter="status">
              <option value="">{t("ideas.filter.all")}</option>
              {IDEA_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`ideas.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t("ideas.filter.category")}</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)} data-filter="category">
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
          <select value={sort} onChange={(e) => setSort(e.target.value)} data-filter="sort">
            <option value="recent">{t("ideas.sort.recent")}</option>
            <option value="support">{t("ideas.sort.support")}</option>
          </select>
        </label>
      </form>

      <p className="muted" role="status" aria-live="polite" data-board-count>
        {failed
          ? t("ideas.board.loadError")
          : ideas === null
            ? t("ideas.board.loading")
            : ideas.length === 0
              ? t("ideas.board.empty")
              : truncated
                ? t("ideas.board.truncated", { n: ideas.length })
                : t.plural("ideas.board.count", ideas.length)}
      </p>
      {supportError && (
        <p role="alert" className="ideas-error">
          {supportError}
        </p>
      )}

      <ol className="ideas-list">
        {(ideas ?? []).map((idea) => {
          const titleId = `idea-${idea.id}`;
          const mine = supported.includes(idea.id);
          return (
            <li key={idea.id}>
              <article className={`card idea-card${idea.rewarded ? " rewarded" : ""}`} aria-labelledby={titleId} data-idea={idea.id}>
                <h3 id={titleId}>{idea.title}</h3>
                <p className="idea-badges">
                  <span className="badge">{t(`ideas.category.${idea.category}`)}</span>
                  {idea.rewarded && <span className="badge reward">★ {t("ideas.rewarded")}</span>}
                  <span className="muted">{t("ideas.board.published", { date: idea.publishedOn })}</span>
                </p>
                <dl className="idea-outcome">
                  <div>
                    <dt>{t("ideas.board.hrStatus")}</dt>
                    <dd>
                      <span className={`status status-${idea.status}`} data-status={idea.status}>
                        {t(`ideas.status.${idea.status}`)}
                      </span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("ideas.board.authorVerdict")}</dt>
                    <dd data-verdict={idea.verdict ?? "none"}>
                      {t(idea.verdict ? `ideas.verdict.${idea.verdict}` : "ideas.verdict.none")}
                    </dd>
                  </div>
                </dl>
                <p className="idea-text">{idea.body}</p>
                {idea.rewarded && (
                  <p className="notice" data-reward>
                    {idea.rewardNote && <span className="idea-text">{t("ideas.rewarded.note", { note: idea.rewardNote })} </span>}
                    {t("ideas.rewarded.claim")}
                  </p>
                )}
                {idea.duplicateOf && <p className="muted">{t("ideas.board.duplicate")}</p>}
                <h4>{t("ideas.board.answers")}</h4>
                {idea.answers.length === 0 ? (
                  <p className="muted">{t("ideas.board.noAnswer")}</p>
                ) : (
                  idea.answers.map((a, i) => (
                    <blockquote key={i} className="idea-answer">
                      <p className="idea-text">{a.body}</p>
                      <footer className="muted">{a.on}</footer>
                    </blockquote>
                  ))
                )}
                <details>
                  <summary>{t("ideas.board.timeline")}</summary>
                  <StatusTimeline history={idea.history} t={t} />
                </details>
                <p className="idea-support">
                  <button
                    type="button"
                    className="button secondary"
                    disabled={mine}
                    aria-describedby={titleId}
                    onClick={() => support(idea)}
                  >
                    {mine ? `✓ ${t("ideas.support.done")}` : `+ ${t("ideas.support.button")}`}
                  </button>{" "}
                  <span data-support-count>{t.plural("ideas.support.count", idea.supportCount)}</span>
                </p>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
