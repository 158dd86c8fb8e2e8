// Publishing a moderated version beside the author's original, with the
// details that may identify the author marked in both; only with the author's consent.
import { useState, type ReactNode } from "react";
import { findIdentifying, type IdentifyingFinding } from "#lib/text/identifying.ts";
import { LIMITS } from "#lib/ideas/vocabulary.ts";
import type { AdminIdea } from "#lib/ideas/model.ts";
import type { T } from "../api.ts";
import { OutcomeLine } from "../Outcome.tsx";
import { PublicPreview } from "../PublicPreview.tsx";
import type { IdeaActions } from "../useIdea.tsx";

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

export function PublicationPanel({ idea, t, actions }: { idea: AdminIdea; t: T; actions: IdeaActions }) {
  const { busy, outcome, change } = actions;
  // mounted with the idea: the moderated text starts from the one published, or the original
  const [pubTitle, setPubTitle] = useState(idea.publicTitle ?? idea.title);
  const [pubBody, setPubBody] = useState(idea.publicBody ?? idea.body);
  const [confirmed, setConfirmed] = useState(false);
  const originalFindings = [...findIdentifying(idea.title), ...findIdentifying(idea.body)];
  const titleFindings = findIdentifying(pubTitle);
  const bodyFindings = findIdentifying(pubBody);
  const moderatedFindings = [...titleFindings, ...bodyFindings];
  const kinds = t.list([...new Set(moderatedFindings.map((f) => t(`identifying.kind.${f.kind}`)))]);

  return (
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
              {idea.textDeletedAfterDays === null ? (
                <>
                  <p className="idea-text">
                    <strong>
                      <Highlighted text={idea.title} findings={findIdentifying(idea.title)} t={t} />
                    </strong>
                  </p>
                  <p className="idea-text" data-original>
                    <Highlighted text={idea.body} findings={findIdentifying(idea.body)} t={t} />
                  </p>
                </>
              ) : (
                <p className="muted" data-original>
                  {t("ideas.textDeleted", { days: idea.textDeletedAfterDays })}
                </p>
              )}
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
  );
}
