// Marking the idea a duplicate of another (found by the inbox's search), or ending the link.
import { useState } from "react";
import type { InboxPage } from "#lib/ideas/model.ts";
import { LIMITS } from "#lib/ideas/vocabulary.ts";
import { adminApi, describeError } from "../api.ts";
import type { AdminIdea } from "#lib/ideas/model.ts";
import type { T } from "../api.ts";
import { OutcomeLine } from "../Outcome.tsx";
import type { IdeaActions } from "../useIdea.tsx";

export function DuplicatePanel({ idea, t, actions }: { idea: AdminIdea; t: T; actions: IdeaActions }) {
  const { busy, outcome, change } = actions;
  const [dupQuery, setDupQuery] = useState("");
  const [dupResults, setDupResults] = useState<InboxPage["ideas"] | null>(null);

  async function findDuplicates(e: { preventDefault(): void }) {
    e.preventDefault();
    const q = dupQuery.trim();
    if (!q) return;
    const res = await adminApi<InboxPage>(`/api/admin/ideas?q=${encodeURIComponent(q)}&limit=20`);
    if (res.ok) setDupResults(res.body.ideas.filter((i) => i.id !== idea.id && i.status !== "duplicate"));
    else actions.say({ at: "duplicate", text: describeError(t, res.error), error: true });
  }

  return (
    <section className="card" aria-labelledby="admin-duplicate">
      <h3 id="admin-duplicate">{t("admin.duplicate.title")}</h3>
      {idea.duplicateOf && (
        <p>
          {t("admin.duplicate.current", { title: idea.duplicateOf.title || t("ideas.textDeletedShort") })}{" "}
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void change("duplicate", { route: "duplicate", body: { duplicateOf: null } }, t("admin.idea.saved"))}
          >
            {t("admin.duplicate.clear")}
          </button>
        </p>
      )}
      {/* after the current mark, where marking or clearing leaves the eye */}
      <OutcomeLine at="duplicate" outcome={outcome} />
      <form onSubmit={findDuplicates} className="admin-inline">
        <label htmlFor="admin-dup-q">{t("admin.duplicate.search")}</label>
        <input id="admin-dup-q" type="search" maxLength={LIMITS.searchMax} value={dupQuery} onChange={(e) => setDupQuery(e.target.value)} />
        <button type="submit" className="button secondary">
          {t("admin.duplicate.find")}
        </button>
      </form>
      {dupResults && dupResults.length === 0 && <p role="status">{t("admin.duplicate.none")}</p>}
      {dupResults && dupResults.length > 0 && (
        <ul className="admin-dup-results" aria-label={t("admin.duplicate.results")}>
          {dupResults.map((d) => (
            <li key={d.id}>
              {d.title === "" ? <span className="muted">{t("ideas.textDeletedShort")}</span> : <span className="idea-text">{d.title}</span>}{" "}
              <span className="muted">
                ({t(`ideas.status.${d.status}`)}, {d.receivedOn})
              </span>{" "}
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() =>
                  void change("duplicate", { route: "duplicate", body: { duplicateOf: d.id } }, t("admin.duplicate.marked"), () =>
                    setDupResults(null),
                  )
                }
              >
                {t("admin.duplicate.mark")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
