// Rewarding an idea, with the public note that says what the reward was.
import { useState } from "react";
import { LIMITS } from "#lib/ideas/vocabulary.ts";
import type { AdminIdea } from "#lib/ideas/model.ts";
import type { T } from "../api.ts";
import { OutcomeLine } from "../Outcome.tsx";
import { PublicPreview } from "../PublicPreview.tsx";
import type { IdeaActions } from "../useIdea.tsx";

export function RewardPanel({ idea, t, actions }: { idea: AdminIdea; t: T; actions: IdeaActions }) {
  const { busy, outcome, change } = actions;
  // mounted with the idea: the form starts from the reward as it stands
  const [rewardOn, setRewardOn] = useState(idea.rewarded);
  const [rewardNote, setRewardNote] = useState(idea.rewardNote ?? "");

  return (
    <section className="card" aria-labelledby="admin-reward">
      <h3 id="admin-reward">{t("admin.reward.title")}</h3>
      {idea.rewarded && idea.rewardNote && <p data-reward-note>{t("admin.reward.current", { note: idea.rewardNote })}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void change("reward", { route: "reward", body: { rewarded: rewardOn ? { note: rewardNote } : false } }, t("admin.reward.saved"));
        }}
      >
        <label className="admin-check">
          <input type="checkbox" checked={rewardOn} onChange={(e) => setRewardOn(e.target.checked)} /> {t("admin.reward.toggle")}
        </label>
        {rewardOn && (
          <>
            <label htmlFor="admin-reward-note">{t("admin.reward.note")}</label>
            <input
              id="admin-reward-note"
              maxLength={LIMITS.rewardNoteMax}
              value={rewardNote}
              onChange={(e) => setRewardNote(e.target.value)}
            />
            {rewardNote.trim() && <PublicPreview t={t} text={rewardNote} />}
          </>
        )}
        {/* nothing to submit while the idea is unrewarded and the box unticked */}
        {(rewardOn || idea.rewarded) && (
          <button type="submit" className="button" disabled={busy || (rewardOn && rewardNote.trim().length < 3)}>
            {rewardOn ? t("admin.reward.save") : t("admin.reward.remove")}
          </button>
        )}
        <OutcomeLine at="reward" outcome={outcome} />
      </form>
    </section>
  );
}
