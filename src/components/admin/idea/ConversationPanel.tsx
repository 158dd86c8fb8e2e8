// The conversation as the author sees it, the author's verdict, and HR's answer
// with a preview of where it will show.
import { useState } from "react";
import { LIMITS, type MessageVisibility } from "#lib/ideas/vocabulary.ts";
import type { AdminIdea } from "#lib/ideas/model.ts";
import type { T } from "../api.ts";
import { OutcomeLine } from "../Outcome.tsx";
import { PublicPreview } from "../PublicPreview.tsx";
import type { IdeaActions } from "../useIdea.tsx";

export function ConversationPanel({ idea, t, actions }: { idea: AdminIdea; t: T; actions: IdeaActions }) {
  const { busy, outcome } = actions;
  const [visibility, setVisibility] = useState<MessageVisibility>("private");
  const [answer, setAnswer] = useState("");

  async function sendAnswer(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!answer.trim()) return;
    await actions.answer({ visibility, body: answer }, t("admin.answer.sent"), () => setAnswer(""));
  }

  return (
    <>
      <section aria-labelledby="admin-thread">
        <h3 id="admin-thread">{t("admin.idea.thread")}</h3>
        {idea.messages.length === 0 ? (
          <p className="muted">{t("admin.idea.thread.empty")}</p>
        ) : (
          <ol className="ideas-conversation" data-messages>
            {idea.messages.map((m, i) => (
              <li key={i} className={`from-${m.from}`} data-from={m.from} data-visibility={m.visibility}>
                <p className="who">
                  <strong>{t(`admin.idea.from.${m.from}`)}</strong> · <time dateTime={m.on}>{m.on}</time>
                  {m.from === "hr" && <> · {t(`admin.idea.visibility.${m.visibility}`)}</>}
                </p>
                <p className="idea-text">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        <p>
          <strong>{t("admin.idea.verdict")}:</strong>{" "}
          <span data-verdict={idea.verdict ?? ""}>
            {idea.verdict ? t(`admin.inbox.badge.${idea.verdict === "resolved" ? "resolved" : "contested"}`) : t("admin.idea.verdict.none")}
          </span>
          {idea.verdictComment && <span className="idea-text"> {t("admin.idea.verdict.comment", { comment: idea.verdictComment })}</span>}
        </p>
      </section>
      <section className="card" aria-labelledby="admin-answer">
        <h3 id="admin-answer">{t("admin.answer.title")}</h3>
        <form onSubmit={sendAnswer}>
          <fieldset>
            <legend>{t("admin.answer.visibility")}</legend>
            {(["private", "public"] as const).map((v) => (
              <label key={v} className="admin-check">
                <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} />{" "}
                {t(`admin.answer.${v}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor="admin-answer-body">{t("admin.answer.body")}</label>
          <textarea
            id="admin-answer-body"
            rows={4}
            maxLength={LIMITS.replyMax}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {answer.trim() && (
            <div className="admin-preview" aria-label={t("admin.answer.preview")} role="group">
              <p className="muted">{t("admin.answer.preview.author")}</p>
              <ol className="ideas-conversation">
                <li className="from-hr">
                  <p className="who">
                    <strong>{t("admin.idea.from.hr")}</strong>
                  </p>
                  <p className="idea-text">{answer}</p>
                </li>
              </ol>
              {visibility === "private" ? (
                <p className="muted">{t("admin.answer.preview.private")}</p>
              ) : (
                <>
                  <p className="muted">{t(idea.published ? "admin.answer.preview.board" : "admin.answer.preview.notOnBoard")}</p>
                  <PublicPreview t={t} text={answer} {...(idea.published ? { title: idea.publicTitle ?? "" } : {})} />
                </>
              )}
            </div>
          )}
          <button type="submit" className="button" disabled={busy || !answer.trim()}>
            {t("admin.answer.send")}
          </button>
          <OutcomeLine at="answer" outcome={outcome} />
        </form>
      </section>
    </>
  );
}
