// Moving the status, with a public note: only the moves the transition table allows are offered.
import { useState } from "react";
import { LIMITS, STATUS_TRANSITIONS, type IdeaStatus } from "#lib/ideas/vocabulary.ts";
import type { AdminIdea } from "#lib/ideas/model.ts";
import type { T } from "../api.ts";
import { OutcomeLine } from "../Outcome.tsx";
import { PublicPreview } from "../PublicPreview.tsx";
import type { IdeaActions } from "../useIdea.tsx";

export function StatusPanel({ idea, t, actions }: { idea: AdminIdea; t: T; actions: IdeaActions }) {
  const { busy, outcome, change } = actions;
  const [status, setStatus] = useState<IdeaStatus | "">("");
  const [note, setNote] = useState("");
  // a duplicate is marked with its original, in the duplicate panel
  const moves = STATUS_TRANSITIONS[idea.status].filter((s) => s !== "duplicate");

  return (
    <section className="card" aria-labelledby="admin-status">
      <h3 id="admin-status">{t("admin.status.title")}</h3>
      <p>{t("admin.status.current", { status: t(`ideas.status.${idea.status}`) })}</p>
      {moves.length === 0 ? (
        <p className="muted">{t("admin.status.none")}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!status) return;
            void change(
              "status",
              { route: "status", body: { status, ...(note.trim() ? { note } : {}) } },
              t("admin.status.changed"),
              () => {
                setStatus("");
                setNote("");
              },
            );
          }}
        >
          <label htmlFor="admin-status-to">{t("admin.status.to")}</label>
          <select id="admin-status-to" value={status} onChange={(e) => setStatus(e.target.value as IdeaStatus)}>
            <option value="">—</option>
            {moves.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
          <label htmlFor="admin-status-note">{t("admin.status.note")}</label>
          <textarea
            id="admin-status-note"
            rows={2}
            maxLength={LIMITS.statusNoteMax}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {note.trim() && <PublicPreview t={t} text={note} />}
          <button type="submit" className="button" disabled={busy || !status}>
            {t("admin.status.apply")}
          </button>
        </form>
      )}
      <OutcomeLine at="status" outcome={outcome} />
    </section>
  );
}
