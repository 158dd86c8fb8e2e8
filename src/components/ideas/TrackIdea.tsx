// Following an idea with its receipt code. The code lives in this tab only
// (React state, and sessionStorage so a reload keeps it — see
// ./receipt-tab.ts): never in a URL, never in localStorage, never in a log
// line. A code handed over from the receipt page arrives filled in, and until
// it is saved the page keeps offering to copy or download it and asks before
// it is left. The input has no name, so even a native form submission without
// JavaScript could not send it anywhere.
import { useEffect, useRef, useState } from "react";
import { LIMITS, hrHasAnswered } from "#lib/ideas/vocabulary.ts";
import { formatDay, translator } from "#i18n/translate.ts";
import type { IdeaStrings } from "./client.ts";
import { ReceiptKeeper, useLeaveGuard } from "./ReceiptKeeper.tsx";
import { readIssued } from "./receipt-tab.ts";
import { useIdeaReplies } from "./useIdeaReplies.tsx";
import { useReceiptLookup } from "./useReceiptLookup.tsx";
import { StatusTimeline } from "./StatusTimeline.tsx";
import "./ideas.css";

interface Props {
  strings: IdeaStrings;
}

export default function TrackIdea({ strings }: Props) {
  const t = translator(strings);
  // The replies' form starts from the idea's verdict and is emptied with it.
  const { code, setCode, receipt, idea, setIdea, loading, error, issued, setIssued, lookup, forget } = useReceiptLookup(t, {
    onFound: (found) => replies.found(found),
    onClear: (leaving) => replies.clear(leaving),
  });
  const replies = useIdeaReplies(t, receipt, setIdea);
  const { reply, setReply, replyState, verdict, setVerdict, comment, setComment, verdictState, sendReply, sendVerdict } = replies;
  const ideaHeading = useRef<HTMLHeadingElement>(null);
  // a code handed over from the receipt page and not saved yet: keep asking before it is left
  const unsaved = issued !== null && !issued.saved && issued.receipt === receipt;
  useLeaveGuard(unsaved);
  // Until React has taken over, the button stays disabled: a native submission would do nothing useful.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const ideaId = idea?.id;
  useEffect(() => {
    if (ideaId) ideaHeading.current?.focus();
  }, [ideaId]);

  if (!idea) {
    return (
      <form
        className="ideas-track-form"
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          void lookup(code);
        }}
      >
        <div className="ideas-field">
          <label htmlFor="receipt-code">{t("ideas.track.label")}</label>
          <input
            id="receipt-code"
            type="text"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={64}
            aria-describedby="receipt-help"
          />
          <span id="receipt-help" className="muted">
            {t("ideas.track.help")}
          </span>
        </div>
        <button type="submit" className="button" disabled={!hydrated || loading}>
          {t("ideas.track.submit")}
        </button>
        <p role="status" aria-live="polite">
          {loading ? t("ideas.track.loading") : ""}
        </p>
        {error && (
          <p role="alert" className="ideas-error">
            {error}
          </p>
        )}
      </form>
    );
  }

  const answered = hrHasAnswered(idea.status, idea.messages.filter((m) => m.from === "hr").length);
  return (
    <div className="ideas-tracked" data-tracked={idea.id}>
      {unsaved && issued && (
        <section className="card receipt-reminder" aria-labelledby="receipt-reminder-title">
          <h2 id="receipt-reminder-title">{t("ideas.track.unsavedTitle")}</h2>
          <ReceiptKeeper strings={strings} issued={issued} trackUrl={location.href} onSaved={() => setIssued(readIssued())} />
        </section>
      )}
      <h2 ref={ideaHeading} tabIndex={-1}>
        {t("ideas.track.yourIdea")}
      </h2>
      <article className="card">
        {idea.textDeletedAfterDays === null ? (
          <h3 className="idea-text">{idea.title}</h3>
        ) : (
          <h3 className="muted" data-text-deleted>
            {t("ideas.textDeleted", { days: idea.textDeletedAfterDays })}
          </h3>
        )}
        <p className="idea-badges">
          <span className={`status-chip status-${idea.status}`} data-status={idea.status}>
            {t(`ideas.status.${idea.status}`)}
          </span>
          <span className="badge">{t(`ideas.category.${idea.category}`)}</span>
          <span className="muted">{t("ideas.track.sentOn", { date: formatDay(t.locale, idea.receivedOn) })}</span>
        </p>
        {idea.textDeletedAfterDays === null && <p className="idea-text">{idea.body}</p>}
        {idea.rewarded && (
          <div className="notice idea-reward" data-reward>
            {idea.rewardNote && (
              <p className="idea-text" data-reward-note>
                {t("ideas.rewarded.note", { note: idea.rewardNote })}
              </p>
            )}
            <p>{t("ideas.track.rewarded")}</p>
          </div>
        )}
        {idea.published ? (
          <>
            <h4>{t("ideas.track.published")}</h4>
            <blockquote className="idea-answer">
              <p>
                <strong className="idea-text">{idea.publicTitle}</strong>
              </p>
              <p className="idea-text">{idea.publicBody}</p>
            </blockquote>
            <p className="muted">{t.plural("ideas.track.supports", idea.supportCount)}</p>
          </>
        ) : (
          <p className="muted" data-publication={idea.publishConsent ? "hr-decides" : "no-consent"}>
            {idea.publishConsent ? t("ideas.track.notPublished") : t("ideas.track.noConsent")}
          </p>
        )}
      </article>

      <h3>{t("ideas.track.history")}</h3>
      <StatusTimeline history={idea.history} t={t} data-history />

      <h3>{t("ideas.track.messages")}</h3>
      {idea.messages.length === 0 ? (
        <p className="muted">{t("ideas.track.noMessages")}</p>
      ) : (
        <ol className="ideas-conversation" data-messages>
          {idea.messages.map((m, i) => (
            <li key={i} className={`from-${m.from}`} data-from={m.from} data-visibility={m.visibility}>
              <p className="who">
                {m.from === "author"
                  ? t("ideas.msg.author")
                  : m.visibility === "public"
                    ? t("ideas.msg.hrPublic")
                    : t("ideas.msg.hrPrivate")}
                {" · "}
                <time dateTime={m.on}>{formatDay(t.locale, m.on)}</time>
              </p>
              <p className="idea-text">{m.body}</p>
            </li>
          ))}
        </ol>
      )}

      <form onSubmit={sendReply} className="ideas-reply">
        <div className="ideas-field">
          <label htmlFor="idea-reply">{t("ideas.track.reply")}</label>
          <textarea
            id="idea-reply"
            value={reply}
            onChange={(e) => setReply(e.target.value)}
            maxLength={LIMITS.replyMax}
            required
            aria-describedby="idea-reply-help"
          />
          <span id="idea-reply-help" className="muted">
            {t("ideas.track.replyHelp", { max: LIMITS.replyMax })}
          </span>
        </div>
        <button type="submit" className="button">
          {t("ideas.track.send")}
        </button>
        <p role="status" aria-live="polite">
          {replyState ?? ""}
        </p>
      </form>

      <h3>{t("ideas.track.verdictTitle")}</h3>
      {answered ? (
        <form onSubmit={sendVerdict} className="ideas-verdict">
          <p className="muted">{t("ideas.track.verdictHelp")}</p>
          {idea.verdict && (
            <p data-current-verdict={idea.verdict}>
              {t("ideas.track.verdictCurrent", {
                verdict: t(idea.verdict === "resolved" ? "ideas.track.verdictResolved" : "ideas.track.verdictNot"),
              })}
            </p>
          )}
          <fieldset className="ideas-field choices">
            <legend>{t("ideas.track.verdict")}</legend>
            {(["resolved", "not_resolved"] as const).map((v) => (
              <label key={v} className="choice">
                <input type="radio" name="verdict" value={v} checked={verdict === v} onChange={() => setVerdict(v)} required />
                <span>{t(v === "resolved" ? "ideas.track.verdictResolved" : "ideas.track.verdictNot")}</span>
              </label>
            ))}
          </fieldset>
          <div className="ideas-field">
            <label htmlFor="verdict-comment">{t("ideas.track.verdictComment")}</label>
            <textarea
              id="verdict-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={LIMITS.verdictCommentMax}
            />
          </div>
          <button type="submit" className="button">
            {t("ideas.track.verdictSave")}
          </button>
          <p role="status" aria-live="polite">
            {verdictState ?? ""}
          </p>
        </form>
      ) : (
        <p className="muted">{t("ideas.track.verdictWait")}</p>
      )}

      <p>
        <button type="button" className="button secondary" onClick={forget}>
          {t("ideas.track.forget")}
        </button>
      </p>
    </div>
  );
}
