// One idea as HR works on it: the author's words and the conversation as the
// author sees them, then the four things HR can do — answer, move the status,
// publish a moderated version, reward — plus marking a duplicate. Every change
// sends the version HR was looking at; if someone else changed the idea in
// between, the server answers 409 with the current state, which replaces the
// screen while HR's unsent text stays in its fields.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { findIdentifying, type IdentifyingFinding } from "../../lib/identifying.ts";
import type { AdminIdea, InboxPage, TDuplicateIntent, TPublicationIntent, TRewardIntent, TStatusIntent } from "../../lib/ideas/model.ts";
import { LIMITS, STATUS_TRANSITIONS, type IdeaStatus, type MessageVisibility } from "../../lib/ideas/vocabulary.ts";
import { StatusTimeline } from "../ideas/StatusTimeline.tsx";
import { PublicPreview } from "./PublicPreview.tsx";
import { adminApi, describeError, type ApiResult, type T } from "./api.ts";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";

/** The text with each finding wrapped in <mark>, labelled with its kind for screen readers too. */
export function Highlighted({ text, findings, t }: { text: string; findings: IdentifyingFinding[]; t: T }) {
  const parts: ReactNode[] = [];
  let at = 0;
  findings.forEach((f, i) => {
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={i} data-kind={f.kind} title={t(`identifying.kind.${f.kind}`)}>
        {text.slice(f.start, f.end)}
        <span className="visually-hidden"> ({t(`identifying.kind.${f.kind}`)})</span>
      </mark>,
    );
    at = f.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Each change is its own route (functions/api/admin/ideas/[id]/), sent with the version on screen. */
type Change =
  | { route: "status"; body: Omit<TStatusIntent, "version"> }
  | { route: "duplicate"; body: Omit<TDuplicateIntent, "version"> }
  | { route: "publication"; body: Omit<TPublicationIntent, "version"> }
  | { route: "reward"; body: Omit<TRewardIntent, "version"> };
/** The actions on an idea, each with its outcome line beside its button. */
type Action = "answer" | "status" | "publish" | "reward" | "duplicate";

export function IdeaView({ id, t, onBack }: { id: string; t: T; onBack: () => void }) {
  const [idea, setIdea] = useState<AdminIdea | null>(null);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome<Action> | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // forms
  const [visibility, setVisibility] = useState<MessageVisibility>("private");
  const [answer, setAnswer] = useState("");
  const [status, setStatus] = useState<IdeaStatus | "">("");
  const [note, setNote] = useState("");
  const [pubTitle, setPubTitle] = useState("");
  const [pubBody, setPubBody] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [rewardOn, setRewardOn] = useState(false);
  const [rewardNote, setRewardNote] = useState("");
  const [dupQuery, setDupQuery] = useState("");
  const [dupResults, setDupResults] = useState<InboxPage["ideas"] | null>(null);

  function show(next: AdminIdea, fresh = false) {
    setIdea(next);
    if (fresh) {
      setPubTitle(next.publicTitle ?? next.title);
      setPubBody(next.publicBody ?? next.body);
      setRewardOn(next.rewarded);
      setRewardNote(next.rewardNote ?? "");
    }
  }

  useEffect(() => {
    void adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}`).then((res) => {
      if (res.ok) {
        show(res.body.idea, true);
        heading.current?.focus();
      } else if (res.status === 404) setMissing(true);
      else setLoadError(describeError(t, res.error));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one load per idea (the view is keyed by id)
  }, [id]);

  async function settle(at: Action, res: ApiResult<{ idea: AdminIdea }>, done: string, after?: () => void) {
    setBusy(false);
    if (res.ok) {
      show(res.body.idea);
      setOutcome({ at, text: done });
      after?.();
      return;
    }
    if (res.error.code === "edit_conflict" && res.error.current) {
      show(res.error.current as AdminIdea);
      setOutcome({ at, text: t("admin.idea.conflict"), error: true });
      return;
    }
    setOutcome({ at, text: describeError(t, res.error), error: true });
  }

  async function change(at: Action, { route, body }: Change, done: string, after?: () => void) {
    if (!idea) return;
    setBusy(true);
    setOutcome(null);
    const res = await adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}/${route}`, {
      method: route === "status" ? "POST" : "PUT",
      json: { version: idea.version, ...body },
    });
    await settle(at, res, done, after);
  }

  async function sendAnswer(e: { preventDefault(): void }) {
    e.preventDefault();
    if (!answer.trim()) return;
    setBusy(true);
    setOutcome(null);
    const res = await adminApi<{ idea: AdminIdea }>(`/api/admin/ideas/${id}/messages`, {
      method: "POST",
      json: { visibility, body: answer },
    });
    await settle("answer", res, t("admin.answer.sent"), () => setAnswer(""));
  }

  async function findDuplicates(e: { preventDefault(): void }) {
    e.preventDefault();
    const q = dupQuery.trim();
    if (!q) return;
    const res = await adminApi<InboxPage>(`/api/admin/ideas?q=${encodeURIComponent(q)}&limit=20`);
    if (res.ok) setDupResults(res.body.ideas.filter((i) => i.id !== id && i.status !== "duplicate"));
    else setOutcome({ at: "duplicate", text: describeError(t, res.error), error: true });
  }

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

  const moves = STATUS_TRANSITIONS[idea.status].filter((s) => s !== "duplicate");
  const originalFindings = [...findIdentifying(idea.title), ...findIdentifying(idea.body)];
  const titleFindings = findIdentifying(pubTitle);
  const bodyFindings = findIdentifying(pubBody);
  const moderatedFindings = [...titleFindings, ...bodyFindings];
  const kinds = t.list([...new Set(moderatedFindings.map((f) => t(`identifying.kind.${f.kind}`)))]);

  return (
    <article className="admin-idea" aria-labelledby="admin-idea-title" data-admin-idea={idea.id}>
      <BackLink t={t} onBack={onBack} />
      <h2 id="admin-idea-title" ref={heading} tabIndex={-1} className="idea-text">
        {idea.title}
      </h2>
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
        <p className="idea-text admin-original-body">
          <Highlighted text={idea.body} findings={findIdentifying(idea.body)} t={t} />
        </p>
        <p className="muted">{idea.publishConsent ? t("admin.idea.consent.yes") : t("admin.idea.consent.no")}</p>
      </section>

      <section aria-labelledby="admin-history">
        <h3 id="admin-history">{t("admin.idea.history")}</h3>
        <StatusTimeline history={idea.history} t={t} />
      </section>

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

      <section className="card" aria-labelledby="admin-publish">
        <h3 id="admin-publish">{t("admin.publish.title")}</h3>
        {!idea.publishConsent ? (
          <p>{t("admin.idea.consent.no")}</p>
        ) : (
          <>
            <p className="muted">{t("admin.publish.lead")}</p>
            {idea.published && idea.publishedOn && <p>{t("admin.publish.published", { date: idea.publishedOn })}</p>}
            <div className="admin-compare">
              <div>
                <h4>{t("admin.publish.original")}</h4>
                <p className="idea-text">
                  <strong>
                    <Highlighted text={idea.title} findings={findIdentifying(idea.title)} t={t} />
                  </strong>
                </p>
                <p className="idea-text" data-original>
                  <Highlighted text={idea.body} findings={findIdentifying(idea.body)} t={t} />
                </p>
                {originalFindings.length > 0 && <p className="muted">{t("admin.publish.findingsOriginal")}</p>}
              </div>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void change(
                    "publish",
                    {
                      route: "publication",
                      body: { publish: { title: pubTitle, body: pubBody, ...(confirmed ? { confirm: true } : {}) } },
                    },
                    t("admin.publish.done"),
                    () => setConfirmed(false),
                  );
                }}
              >
                <h4>{t("admin.publish.moderated")}</h4>
                <label htmlFor="admin-pub-title">{t("admin.publish.titleField")}</label>
                <input id="admin-pub-title" maxLength={LIMITS.titleMax} value={pubTitle} onChange={(e) => setPubTitle(e.target.value)} />
                <label htmlFor="admin-pub-body">{t("admin.publish.bodyField")}</label>
                <textarea
                  id="admin-pub-body"
                  rows={6}
                  maxLength={LIMITS.bodyMax}
                  value={pubBody}
                  onChange={(e) => setPubBody(e.target.value)}
                />
                {(pubTitle.trim() || pubBody.trim()) && <PublicPreview t={t} title={pubTitle} text={pubBody} />}
                {moderatedFindings.length > 0 && (
                  <div className="admin-findings" data-findings={moderatedFindings.length}>
                    <p>{t("admin.publish.findings", { list: kinds })}</p>
                    {titleFindings.length > 0 && (
                      <p className="idea-text admin-marked">
                        <Highlighted text={pubTitle} findings={titleFindings} t={t} />
                      </p>
                    )}
                    {bodyFindings.length > 0 && (
                      <p className="idea-text admin-marked">
                        <Highlighted text={pubBody} findings={bodyFindings} t={t} />
                      </p>
                    )}
                    <label className="admin-check">
                      <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{" "}
                      {t("admin.publish.confirm")}
                    </label>
                  </div>
                )}
                <div className="admin-actions">
                  <button type="submit" className="button" disabled={busy || (moderatedFindings.length > 0 && !confirmed)}>
                    {idea.published ? t("admin.publish.update") : t("admin.publish.submit")}
                  </button>
                  {idea.published && (
                    <button
                      type="button"
                      className="button secondary"
                      disabled={busy}
                      onClick={() => void change("publish", { route: "publication", body: { publish: false } }, t("admin.publish.removed"))}
                    >
                      {t("admin.publish.unpublish")}
                    </button>
                  )}
                </div>
                <OutcomeLine at="publish" outcome={outcome} />
              </form>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="admin-reward">
        <h3 id="admin-reward">{t("admin.reward.title")}</h3>
        {idea.rewarded && idea.rewardNote && <p data-reward-note>{t("admin.reward.current", { note: idea.rewardNote })}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void change(
              "reward",
              { route: "reward", body: { rewarded: rewardOn ? { note: rewardNote } : false } },
              t("admin.reward.saved"),
            );
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

      <section className="card" aria-labelledby="admin-duplicate">
        <h3 id="admin-duplicate">{t("admin.duplicate.title")}</h3>
        {idea.duplicateOf && (
          <p>
            {t("admin.duplicate.current", { title: idea.duplicateOf.title })}{" "}
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
          <input
            id="admin-dup-q"
            type="search"
            maxLength={LIMITS.searchMax}
            value={dupQuery}
            onChange={(e) => setDupQuery(e.target.value)}
          />
          <button type="submit" className="button secondary">
            {t("admin.duplicate.find")}
          </button>
        </form>
        {dupResults && dupResults.length === 0 && <p role="status">{t("admin.duplicate.none")}</p>}
        {dupResults && dupResults.length > 0 && (
          <ul className="admin-dup-results" aria-label={t("admin.duplicate.results")}>
            {dupResults.map((d) => (
              <li key={d.id}>
                <span className="idea-text">{d.title}</span>{" "}
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
