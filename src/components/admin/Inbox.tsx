// The inbox: counts per status, filters, search, and the list of ideas in
// working order. The list is a set of links; the arrow keys, Home and End move
// between them, Enter opens one.
import { useRef, useState, type KeyboardEvent } from "react";
import type { InboxItem, InboxPage } from "#lib/ideas/model.ts";
import { IDEA_CATEGORIES, IDEA_STATUSES } from "#lib/ideas/vocabulary.ts";
import type { T } from "./api.ts";
import { usePaged } from "./usePaged.tsx";

interface Filters {
  status: string;
  category: string;
  overdue: boolean;
  contested: boolean;
  q: string;
}

const NO_FILTERS: Filters = { status: "", category: "", overdue: false, contested: false, q: "" };

function queryOf(f: Filters, cursor?: string | null): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.category) p.set("category", f.category);
  if (f.overdue) p.set("overdue", "true");
  if (f.contested) p.set("verdict", "not_resolved");
  if (f.q.trim()) p.set("q", f.q.trim());
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function moveFocus(event: KeyboardEvent<HTMLElement>, container: HTMLElement | null) {
  if (!container || !["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const links = [...container.querySelectorAll<HTMLAnchorElement>("a[data-row]")];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  let next = at;
  if (event.key === "ArrowDown") next = Math.min(links.length - 1, at + 1);
  if (event.key === "ArrowUp") next = Math.max(0, at - 1);
  if (event.key === "Home") next = 0;
  if (event.key === "End") next = links.length - 1;
  const target = links[next];
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

export function Badges({ idea, t }: { idea: InboxItem; t: T }) {
  return (
    <span className="admin-badges">
      <span className={`status status-${idea.status}`}>{t(`ideas.status.${idea.status}`)}</span>
      {idea.overdue && <span className="badge admin-overdue">{t("admin.inbox.badge.overdue")}</span>}
      {idea.awaitingReply && <span className="badge">{t("admin.inbox.badge.awaiting")}</span>}
      {!idea.answered && !idea.awaitingReply && <span className="badge">{t("admin.inbox.badge.unanswered")}</span>}
      {idea.published && <span className="badge">{t("admin.inbox.badge.published")}</span>}
      {idea.rewarded && <span className="badge reward">★ {t("admin.inbox.badge.rewarded")}</span>}
      {idea.verdict === "not_resolved" && <span className="badge admin-contested">{t("admin.inbox.badge.contested")}</span>}
      {idea.verdict === "resolved" && <span className="badge">{t("admin.inbox.badge.resolved")}</span>}
    </span>
  );
}

export function Inbox({ t, onOpen }: { t: T; onOpen: (id: string) => void }) {
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const list = useRef<HTMLOListElement>(null);
  const { page, error, more } = usePaged<InboxPage>(
    t,
    (cursor) => `/api/admin/ideas${queryOf(applied, cursor)}`,
    (loaded, next) => ({ ...next, ideas: [...loaded.ideas, ...next.ideas] }),
  );

  const quick = (patch: Partial<Filters>) => {
    const next = { ...NO_FILTERS, ...patch };
    setForm(next);
    setApplied(next);
  };

  const counts = page?.counts;
  return (
    <section aria-labelledby="admin-inbox-title" data-inbox>
      <h2 id="admin-inbox-title">{t("admin.inbox.title")}</h2>
      <p className="muted" data-day-boundary>
        {t("admin.inbox.dayBoundary")}
      </p>
      {counts && (
        <nav aria-label={t("admin.inbox.counts")} className="admin-counts">
          <ul>
            <li>
              <button
                type="button"
                aria-pressed={applied === NO_FILTERS || JSON.stringify(applied) === JSON.stringify(NO_FILTERS)}
                onClick={() => quick({})}
              >
                {t("admin.inbox.total")} <strong>{counts.total}</strong>
              </button>
            </li>
            <li>
              <button
                type="button"
                className="admin-overdue-count"
                aria-pressed={applied.overdue}
                onClick={() => quick({ overdue: true })}
                data-count="overdue"
              >
                {t("admin.inbox.overdue")} <strong>{counts.overdue}</strong>
              </button>
            </li>
            <li>
              <button type="button" aria-pressed={applied.contested} onClick={() => quick({ contested: true })} data-count="contested">
                {t("admin.inbox.contested")} <strong>{counts.contested}</strong>
              </button>
            </li>
            {IDEA_STATUSES.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  aria-pressed={applied.status === s && !applied.overdue}
                  onClick={() => quick({ status: s })}
                  data-count={s}
                >
                  {t(`ideas.status.${s}`)} <strong>{counts[s]}</strong>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <form
        className="admin-filters"
        aria-label={t("admin.inbox.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ ...form });
        }}
      >
        <div className="admin-field">
          <label htmlFor="inbox-q">{t("admin.inbox.search")}</label>
          <input id="inbox-q" type="search" maxLength={100} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
        </div>
        <div className="admin-field">
          <label htmlFor="inbox-status">{t("admin.inbox.status")}</label>
          <select id="inbox-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
            <option value="">{t("admin.inbox.any")}</option>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor="inbox-category">{t("admin.inbox.category")}</label>
          <select id="inbox-category" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
            <option value="">{t("admin.inbox.any")}</option>
            {IDEA_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`ideas.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="admin-check">
          <input type="checkbox" checked={form.overdue} onChange={(e) => setForm({ ...form, overdue: e.target.checked })} />{" "}
          {t("admin.inbox.onlyOverdue")}
        </label>
        <label className="admin-check">
          <input type="checkbox" checked={form.contested} onChange={(e) => setForm({ ...form, contested: e.target.checked })} />{" "}
          {t("admin.inbox.onlyContested")}
        </label>
        <button type="submit" className="button">
          {t("admin.inbox.apply")}
        </button>
      </form>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      <h3 id="admin-inbox-list">{t("admin.inbox.list")}</h3>
      <p className="muted" id="admin-inbox-help">
        {t("admin.inbox.listHelp")}
      </p>
      {page && page.ideas.length === 0 && <p role="status">{t("admin.inbox.empty")}</p>}
      {page && page.ideas.length > 0 && (
        <ol
          className="admin-list"
          ref={list}
          aria-labelledby="admin-inbox-list"
          aria-describedby="admin-inbox-help"
          onKeyDown={(e) => moveFocus(e, list.current)}
        >
          {page.ideas.map((idea) => (
            <li key={idea.id} data-idea={idea.id}>
              <a
                href={`#idea/${idea.id}`}
                data-row
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(idea.id);
                }}
              >
                {idea.textDeletedAfterDays === null ? (
                  <span className="admin-row-title idea-text">{idea.title}</span>
                ) : (
                  <span className="admin-row-title muted" data-text-deleted>
                    {t("ideas.textDeleted", { days: idea.textDeletedAfterDays })}
                  </span>
                )}
                <span className="admin-row-meta muted">
                  {t(`ideas.category.${idea.category}`)} · {t("admin.inbox.received", { date: idea.receivedOn })}
                  {!idea.acknowledged && <> · {t("admin.inbox.due", { date: idea.dueOn })}</>}
                  {idea.supportCount > 0 && <> · {t("admin.inbox.supports", { n: idea.supportCount })}</>}
                </span>
                <Badges idea={idea} t={t} />
              </a>
            </li>
          ))}
        </ol>
      )}
      {page?.nextCursor && (
        <button type="button" className="button secondary" onClick={more}>
          {t("admin.inbox.more")}
        </button>
      )}
    </section>
  );
}
