// One idea as HR works on it: the author's words, then the panels for what HR
// can do — the conversation and answer, the status, publication, reward, and
// marking a duplicate — sharing one hook (useIdea.tsx): every change sends the
// version HR was looking at; if someone else changed the idea in between, the
// server answers 409 with the current state, which replaces the screen while
// HR's unsent text stays in its panel's fields.
import { findIdentifying } from "#lib/text/identifying.ts";
import { StatusTimeline } from "../ideas/StatusTimeline.tsx";
import type { T } from "./api.ts";
import { ConversationPanel } from "./idea/ConversationPanel.tsx";
import { DuplicatePanel } from "./idea/DuplicatePanel.tsx";
import { Highlighted, PublicationPanel } from "./idea/PublicationPanel.tsx";
import { RewardPanel } from "./idea/RewardPanel.tsx";
import { StatusPanel } from "./idea/StatusPanel.tsx";
import { useIdea } from "./useIdea.tsx";

export function IdeaView({ id, t, onBack }: { id: string; t: T; onBack: () => void }) {
  const { idea, missing, loadError, heading, actions } = useIdea(id, t);

  if (missing) {
    return (
      <section>
        <p role="alert">{t("admin.idea.notFound")}</p>
        <BackLink t={t} onBack={onBack} />
      </section>
    );
  }
  if (!idea) {
    return (
      <p className="muted" role="status">
        {loadError ?? t("admin.loading")}
      </p>
    );
  }

  return (
    <article className="admin-idea" aria-labelledby="admin-idea-title" data-admin-idea={idea.id}>
      <BackLink t={t} onBack={onBack} />
      {idea.textDeletedAfterDays === null ? (
        <h2 id="admin-idea-title" ref={heading} tabIndex={-1} className="idea-text">
          {idea.title}
        </h2>
      ) : (
        <h2 id="admin-idea-title" ref={heading} tabIndex={-1} className="muted" data-text-deleted>
          {t("ideas.textDeleted", { days: idea.textDeletedAfterDays })}
        </h2>
      )}
      <p className="admin-badges">
        <span className={`status status-${idea.status}`} data-status={idea.status}>
          {t(`ideas.status.${idea.status}`)}
        </span>
        <span className="badge">{t(`ideas.category.${idea.category}`)}</span>
        {idea.overdue && <span className="badge admin-overdue">{t("admin.inbox.badge.overdue")}</span>}
        {idea.published && <span className="badge">{t("admin.inbox.badge.published")}</span>}
        {idea.rewarded && <span className="badge reward">★ {t("admin.inbox.badge.rewarded")}</span>}
        <span className="muted">
          {t("admin.inbox.received", { date: idea.receivedOn })}
          {!idea.acknowledgedOn && <> · {t("admin.inbox.due", { date: idea.dueOn })}</>} ·{" "}
          {t("admin.inbox.supports", { n: idea.supportCount })} · {t("admin.idea.version", { n: idea.version })}
        </span>
      </p>

      <section className="card" aria-labelledby="admin-original">
        <h3 id="admin-original">{t("admin.idea.original")}</h3>
        {idea.textDeletedAfterDays === null ? (
          <p className="idea-text admin-original-body">
            <Highlighted text={idea.body} findings={findIdentifying(idea.body)} t={t} />
          </p>
        ) : (
          <p className="muted admin-original-body">{t("ideas.textDeleted", { days: idea.textDeletedAfterDays })}</p>
        )}
        <p className="muted">{idea.publishConsent ? t("admin.idea.consent.yes") : t("admin.idea.consent.no")}</p>
      </section>

      <section aria-labelledby="admin-history">
        <h3 id="admin-history">{t("admin.idea.history")}</h3>
        <StatusTimeline history={idea.history} t={t} />
      </section>
      <ConversationPanel idea={idea} t={t} actions={actions} />
      <StatusPanel idea={idea} t={t} actions={actions} />
      <PublicationPanel idea={idea} t={t} actions={actions} />
      <RewardPanel idea={idea} t={t} actions={actions} />
      <DuplicatePanel idea={idea} t={t} actions={actions} />
    </article>
  );
}

function BackLink({ t, onBack }: { t: T; onBack: () => void }) {
  return (
    <p>
      <a
        href="#"
        onClick={(e) => {
          e.preventDefault();
          onBack();
        }}
      >
        ← {t("admin.idea.back")}
      </a>
    </p>
  );
}
