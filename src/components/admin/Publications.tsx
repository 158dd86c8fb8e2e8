// The console's publishing view: start the next run of a survey series, have
// another HR person approve it, publish it (docs/hr-console.md, "Publishing
// the programme"). Three clicks for the drafter at most: start, then publish
// once approved; the approver's one click is theirs.
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { formatDay } from "#i18n/translate.ts";
import type { Draft } from "#lib/publishing/model.ts";
import type { SeriesLatest } from "#lib/publishing/series.ts";
import type { SurveyTemplate } from "#lib/publishing/templates.ts";
import { localText } from "#lib/surveys/text.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { ActionButton } from "./ActionButton.tsx";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";
import type { CalculatorStrings } from "../policy/TierCalculator.tsx";
import type { DiffLabels } from "./PolicyDraft.tsx";
import type { ResultsContext } from "./ResultsDraft.tsx";
import type { ForumContext } from "./ForumForm.tsx";

// the policy editor brings the build's schema (zod), the diff and the calculator: fetched only when a policy draft is shown
const PolicyDraft = lazy(() => import("./PolicyDraft.tsx").then((m) => ({ default: m.PolicyDraft })));
// the honour form brings the build's schema too: fetched when HR opens it
const HonourForm = lazy(() => import("./HonourForm.tsx").then((m) => ({ default: m.HonourForm })));
// the results form brings the import's scoring and the build's results check: fetched when HR opens it
const ResultsDraft = lazy(() => import("./ResultsDraft.tsx").then((m) => ({ default: m.ResultsDraft })));
// the forum form brings the build's forum rules (zod; not the file's yaml): fetched when HR opens it or a forum draft is shown
const ForumForm = lazy(() => import("./ForumForm.tsx").then((m) => ({ default: m.ForumForm })));
// the survey editor brings survey-core, survey-react-ui and the build's survey check: fetched when HR opens a survey draft
const SurveyEditor = lazy(() => import("./SurveyEditor.tsx").then((m) => ({ default: m.SurveyEditor })));
const SurveyFromTemplate = lazy(() => import("./SurveyFromTemplate.tsx").then((m) => ({ default: m.SurveyFromTemplate })));

interface Props {
  t: T;
  actor: string;
  series: SeriesLatest[];
  /** The published surveys a new survey can start from. */
  templates?: SurveyTemplate[];
  policy: { current: string; calcStrings: CalculatorStrings; labels: DiffLabels } | null;
  results: ResultsContext | null;
  forums: ForumContext | null;
}

export function Publications({ t, actor, series, templates = [], policy, results, forums }: Props) {
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [writingHonour, setWritingHonour] = useState(false);
  const [resultsOpen, setResultsOpen] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [forumId, setForumId] = useState(forums?.forums[0]?.id ?? "");
  /** The results draft HR re-opened to edit, by id. */
  const [editingResults, setEditingResults] = useState<string | null>(null);
  const [newSurvey, setNewSurvey] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await adminApi<{ drafts: Draft[] }>("/api/admin/drafts");
    if (res.ok) setDrafts(res.body.drafts);
    else setOutcome({ at: "list", text: describeError(t, res.error), error: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is rebuilt each render from the same strings
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(at: string, path: string, json: unknown, done: (d: Draft) => string) {
    setBusy(true);
    const res = await adminApi<{ draft: Draft }>(path, { method: "POST", json });
    setBusy(false);
    setOutcome(res.ok ? { at, text: done(res.body.draft) } : { at, text: describeError(t, res.error), error: true });
    await load();
  }
  const started = (d: Draft) => t("admin.programme.started", { file: d.path.split("/").at(-1)! });
  /** A step on one draft (approve, publish, consent), sent with the version HR saw. */
  const step = (d: Draft, name: "approve" | "publish" | "consent", done: string) =>
    act(`draft-${d.id}`, `/api/admin/drafts/${d.id}/${name}`, { version: d.version }, () => done);

  return (
    <section className="admin-publish" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("admin.programme.title")}</h2>
      <p>{t("admin.programme.lead")}</p>
      <h3>{t("admin.programme.series")}</h3>
      <ul className="admin-publish-series">
        {series.map((s) => (
          <li key={s.series} className="card" data-series={s.series}>
            <p>{t("admin.programme.latest", { title: localText(s.title, t.locale) })}</p>
            <ActionButton busy={busy} onClick={() => void act(`start-${s.series}`, "/api/admin/drafts", { from: s.from }, started)}>
              {t("admin.programme.start")}
            </ActionButton>
            <OutcomeLine at={`start-${s.series}`} outcome={outcome} />
          </li>
        ))}
      </ul>
      {templates.length > 0 && (
        <>
          <h3>{t("admin.template.title")}</h3>
          <p>{t("admin.template.lead")}</p>
          <details data-new-survey-details open={newSurvey} onToggle={(e) => setNewSurvey(e.currentTarget.open)}>
            <summary>{t("admin.template.new")}</summary>
            {newSurvey && (
              <Suspense fallback={null}>
                <SurveyFromTemplate
                  t={t}
                  templates={templates}
                  onCreated={(d) => {
                    setNewSurvey(false);
                    setEditing(d.id);
                    setOutcome({ at: "new-survey", text: t("admin.programme.started", { file: d.path.split("/").at(-1)! }) });
                    void load();
                  }}
                />
              </Suspense>
            )}
          </details>
          <OutcomeLine at="new-survey" outcome={outcome} />
        </>
      )}
      {policy && (
        <>
          <h3>{t("admin.policy.title")}</h3>
          <p>{t("admin.policy.lead")}</p>
          <ActionButton
            busy={busy}
            mark={{ "data-start-policy": true }}
            onClick={() => void act("start-policy", "/api/admin/drafts", { policy: policy.current }, started)}
          >
            {t("admin.policy.start", { version: policy.current })}
          </ActionButton>
          <OutcomeLine at="start-policy" outcome={outcome} />
          <h3>{t("admin.honour.title")}</h3>
          <p>{t("admin.honour.lead")}</p>
          <details data-new-honour open={writingHonour} onToggle={(e) => setWritingHonour(e.currentTarget.open)}>
            <summary>{t("admin.honour.new")}</summary>
            {writingHonour && (
              <Suspense fallback={null}>
                <HonourForm
                  t={t}
                  policyVersion={policy.current}
                  onCreated={(file) => {
                    setWritingHonour(false);
                    setOutcome({ at: "new-honour", text: t("admin.programme.started", { file }) });
                    void load();
                  }}
                />
              </Suspense>
            )}
          </details>
          <OutcomeLine at="new-honour" outcome={outcome} />
        </>
      )}
      {results && (
        <>
          <h3>{t("admin.results.title")}</h3>
          <p>{t("admin.results.lead")}</p>
          {resultsOpen ? (
            <Suspense fallback={null}>
              <ResultsDraft
                t={t}
                results={results}
                onSaved={(d) => {
                  setResultsOpen(false);
                  setOutcome({ at: "start-results", text: t("admin.programme.started", { file: d.path.split("/").at(-1)! }) });
                  void load();
                }}
              />
            </Suspense>
          ) : (
            <button type="button" className="button" data-start-results onClick={() => setResultsOpen(true)}>
              {t("admin.results.start")}
            </button>
          )}
          <OutcomeLine at="start-results" outcome={outcome} />
        </>
      )}
      {forums && (
        <>
          <h3>{t("admin.forum.title")}</h3>
          <p>{t("admin.forum.lead")}</p>
          <details data-new-forum open={announcing} onToggle={(e) => setAnnouncing(e.currentTarget.open)}>
            <summary>{t("admin.forum.new")}</summary>
            {announcing && (
              <Suspense fallback={null}>
                <ForumForm
                  t={t}
                  context={forums}
                  onSaved={(d) => {
                    setAnnouncing(false);
                    setOutcome({ at: "new-forum", text: t("admin.programme.started", { file: d.path.split("/").at(-1)! }) });
                    void load();
                  }}
                />
              </Suspense>
            )}
          </details>
          <OutcomeLine at="new-forum" outcome={outcome} />
          <p>{t("admin.forum.startLead")}</p>
          <label className="admin-forum-pick">
            {t("admin.forum.pick")}
            <select name="forum" value={forumId} onChange={(e) => setForumId(e.currentTarget.value)}>
              {forums.forums.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.id.slice(0, 10)} · {f.topic[t.locale]}
                </option>
              ))}
            </select>
          </label>{" "}
          <button
            type="button"
            className="button"
            data-start-forum
            disabled={busy || !forumId}
            onClick={() =>
              act("start-forum", "/api/admin/drafts", { forum: forumId }, (d) =>
                t("admin.programme.started", { file: d.path.split("/").at(-1)! }),
              )
            }
          >
            {t("admin.forum.start")}
          </button>
          <OutcomeLine at="start-forum" outcome={outcome} />
        </>
      )}
      <h3>{t("admin.programme.drafts")}</h3>
      <OutcomeLine at="list" outcome={outcome} />
      {drafts && drafts.length === 0 && <p className="muted">{t("admin.programme.none")}</p>}
      <ul className="admin-publish-drafts">
        {drafts?.map((d) => {
          const body = d.body as { opens: string; closes: string; audience: number; recipient?: { kind: string } };
          const own = d.author.toLowerCase() === actor.toLowerCase();
          return (
            <li key={d.id} className="card" data-draft={d.id} data-draft-path={d.path} data-draft-state={d.state}>
              <p>
                <strong>{d.path.split("/").at(-1)}</strong> · <span data-state>{t(`admin.programme.state.${d.state}`)}</span>
              </p>
              {d.kind === "survey" && (
                <p>
                  {t("admin.programme.dates", {
                    from: formatDay(t.locale, body.opens, "long"),
                    to: formatDay(t.locale, body.closes, "long"),
                    audience: body.audience,
                  })}
                </p>
              )}
              {d.kind === "survey" && (d.state === "draft" || d.state === "approved") && (
                <details
                  data-edit-survey
                  open={editing === d.id}
                  onToggle={(e) => e.currentTarget.open !== (editing === d.id) && setEditing(e.currentTarget.open ? d.id : null)}
                >
                  <summary>{t("admin.editor.open")}</summary>
                  {editing === d.id && (
                    <Suspense fallback={null}>
                      <SurveyEditor key={d.id} t={t} draft={d} onSaved={() => void load()} />
                    </Suspense>
                  )}
                </details>
              )}
              {d.kind === "results" && (
                <p data-results-summary>
                  {t("admin.results.summary", {
                    count: Number(d.body.headcount),
                    version: String((d.body.policy as { version?: unknown } | undefined)?.version ?? ""),
                  })}
                </p>
              )}
              {d.kind === "results" && results && (d.state === "draft" || d.state === "approved") && (
                <details
                  data-edit-results
                  open={editingResults === d.id}
                  onToggle={(e) => {
                    const open = e.currentTarget.open;
                    setEditingResults((id) => (open ? d.id : id === d.id ? null : id));
                  }}
                >
                  <summary>{t("admin.results.edit")}</summary>
                  {editingResults === d.id && (
                    <Suspense fallback={null}>
                      <ResultsDraft
                        key={`${d.id}-${d.version}`}
                        t={t}
                        results={results}
                        draft={d}
                        onSaved={() => {
                          setEditingResults(null);
                          setOutcome({ at: `draft-${d.id}`, text: t("admin.policy.saved") });
                          void load();
                        }}
                      />
                    </Suspense>
                  )}
                </details>
              )}
              {d.kind === "policy" && d.state === "draft" && policy && (
                <Suspense fallback={null}>
                  <PolicyDraft
                    key={d.id}
                    t={t}
                    draft={d}
                    calcStrings={policy.calcStrings}
                    labels={policy.labels}
                    choices={forums}
                    onSaved={() => void load()}
                  />
                </Suspense>
              )}
              {d.kind === "forum" && d.state === "draft" && forums && (
                <Suspense fallback={null}>
                  <ForumForm key={`${d.id}-${d.version}`} t={t} context={forums} draft={d} onSaved={() => void load()} />
                </Suspense>
              )}
              {d.kind === "honour" && body.recipient?.kind === "person" && (
                <p data-consent>
                  {d.consent ? (
                    t("admin.honour.consented", { by: d.consent.by, day: formatDay(t.locale, d.consent.day, "long") })
                  ) : (
                    <>
                      {t("admin.honour.needsConsent")}{" "}
                      {(d.state === "draft" || d.state === "approved") && (
                        <ActionButton busy={busy} onClick={() => void step(d, "consent", t("admin.honour.consent"))}>
                          {t("admin.honour.consent")}
                        </ActionButton>
                      )}
                    </>
                  )}
                </p>
              )}
              <p className="muted">
                {t("admin.programme.by", { author: d.author })}
                {d.approver ? ` · ${t("admin.programme.approvedBy", { approver: d.approver })}` : ""}
              </p>
              {d.state === "draft" && own && <p className="muted">{t("admin.programme.ownDraft")}</p>}
              {d.state === "draft" && !own && (
                <ActionButton busy={busy} onClick={() => void step(d, "approve", t("admin.programme.approvedDone"))}>
                  {t("admin.programme.approve")}
                </ActionButton>
              )}
              {d.state === "approved" && (
                <ActionButton busy={busy} onClick={() => void step(d, "publish", t("admin.programme.published"))}>
                  {t("admin.programme.publish")}
                </ActionButton>
              )}
              <OutcomeLine at={`draft-${d.id}`} outcome={outcome} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
