// The console's survey tools: every survey with its participation, and one
// survey at a time — participation chart, results with breakdowns and
// trends, comments (read on request: each read is on the record), the CSV
// export and, for invitation surveys, the codes.
import { useCallback, useEffect, useState } from "react";
import type { Locale } from "#i18n/config.ts";
import { LOCALE_NAME, LOCALES } from "#i18n/config.ts";
import { localText } from "#lib/surveys/text.ts";
import { hrSeesResults, type Comments, type Findings, type HrSurvey } from "#lib/surveys/tools.ts";
import { adminApi, adminDownload, describeError, saveFile, type T } from "./api.ts";
import { Audience } from "./Audience.tsx";
import { InvitationCodes } from "./InvitationCodes.tsx";
import type { SlipStrings } from "./Slips.tsx";
import { OutcomeLine, type Outcome } from "./Outcome.tsx";
import { ParticipationChart } from "./ParticipationChart.tsx";
import { SurveyResults } from "./SurveyResults.tsx";

const rate = (locale: string, r: number) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(r);

function Facts({ survey, t, as: Tag = "p" }: { survey: HrSurvey; t: T; as?: "p" | "span" }) {
  const p = survey.participation;
  return (
    <Tag className="admin-row-meta">
      <span className={`badge survey-status-${survey.status}`}>{t(`admin.surveys.status.${survey.status}`)}</span>{" "}
      {t("admin.surveys.dates", { opens: survey.opens, closes: survey.closes })} ·{" "}
      {t("admin.surveys.responded", { responses: p.responses, audience: p.audience, rate: rate(t.locale, p.rate) })} ·{" "}
      {t(`admin.surveys.access.${survey.access}`)} · {t(`admin.surveys.visibility.${survey.resultsVisibility}`)} ·{" "}
      <span data-min-group-size={survey.minGroupSize}>{t("admin.surveys.k", { k: survey.minGroupSize })}</span>
    </Tag>
  );
}

export function SurveyList({ t, onOpen }: { t: T; onOpen: (id: string) => void }) {
  const [surveys, setSurveys] = useState<HrSurvey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void adminApi<{ surveys: HrSurvey[] }>("/api/admin/surveys").then((res) => {
      if (res.ok) setSurveys(res.body.surveys);
      else setError(describeError(t, res.error));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is rebuilt each render from the same strings
  }, []);
  return (
    <section aria-labelledby="admin-surveys-title" data-surveys>
      <h2 id="admin-surveys-title">{t("admin.surveys.title")}</h2>
      <p className="muted">{t("admin.surveys.lead")}</p>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {surveys && (
        <ul className="admin-list" aria-label={t("admin.surveys.list")}>
          {surveys.map((s) => (
            <li key={s.id}>
              <a
                href={`#survey/${s.id}`}
                data-survey={s.id}
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(s.id);
                }}
              >
                <span className="admin-row-title">{localText(s.title, t.locale)}</span>
                <Facts survey={s} t={t} as="span" />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Loaded<V> = { state: "loading" } | { state: "ok"; value: V } | { state: "error"; status: number; message: string };

export function SurveyView({
  id,
  t,
  onBack,
  surveyHref,
  slipStrings,
}: {
  id: string;
  t: T;
  onBack: () => void;
  surveyHref: string;
  slipStrings: SlipStrings;
}) {
  const locale = t.locale;
  const [survey, setSurvey] = useState<Loaded<HrSurvey>>({ state: "loading" });
  const [findings, setFindings] = useState<Loaded<Findings>>({ state: "loading" });
  const [comments, setComments] = useState<Loaded<Comments> | null>(null);
  const [lang, setLang] = useState<Locale>(locale);
  const [exported, setExported] = useState<Outcome<"export"> | null>(null);

  const loadSurvey = useCallback(async () => {
    const res = await adminApi<{ survey: HrSurvey }>(`/api/admin/surveys/${id}`);
    setSurvey(
      res.ok ? { state: "ok", value: res.body.survey } : { state: "error", status: res.status, message: describeError(t, res.error) },
    );
    return res.ok ? res.body.survey : null;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is rebuilt each render from the same strings
  }, [id]);

  useEffect(() => {
    void loadSurvey().then((loaded) => {
      // Known without asking: the server would answer 409, which the browser logs as an error.
      if (!loaded || hrSeesResults(loaded) !== "yes") return;
      void adminApi<Findings>(`/api/admin/surveys/${id}/results`).then((res) =>
        setFindings(
          res.ok ? { state: "ok", value: res.body } : { state: "error", status: res.status, message: describeError(t, res.error) },
        ),
      );
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is rebuilt each render from the same strings
  }, [id, loadSurvey]);

  async function readComments() {
    setComments({ state: "loading" });
    const res = await adminApi<Comments>(`/api/admin/surveys/${id}/comments`);
    setComments(
      res.ok
        ? { state: "ok", value: res.body }
        : { state: "error", status: res.status, message: res.status === 409 ? res.error.message : describeError(t, res.error) },
    );
  }

  async function download() {
    setExported(null);
    const res = await adminDownload(`/api/admin/surveys/${id}/responses.csv?lang=${lang}`);
    if (!res.ok)
      return setExported({ at: "export", error: true, text: res.status === 409 ? res.error.message : describeError(t, res.error) });
    saveFile(res.blob, res.name);
    setExported({ at: "export", text: t("admin.surveys.export.done", { file: res.name }) });
  }

  if (survey.state === "loading") return <p role="status">{t("admin.loading")}</p>;
  const back = (
    <p>
      <a
        href="#"
        onClick={(e) => {
          e.preventDefault();
          onBack();
        }}
      >
        ← {t("admin.surveys.back")}
      </a>
    </p>
  );
  if (survey.state === "error")
    return (
      <>
        {back}
        <p className="admin-error" role="alert">
          {survey.message}
        </p>
      </>
    );
  const s = survey.value;
  const k = s.minGroupSize;
  const notYet = hrSeesResults(s) !== "yes";
  return (
    <article className="admin-survey" aria-labelledby="admin-survey-title" data-survey-view={s.id}>
      {back}
      <h2 id="admin-survey-title" tabIndex={-1}>
        {localText(s.title, locale)}
      </h2>
      <Facts survey={s} t={t} />
      {s.resultsVisibility !== "hidden" && (
        <p>
          <a href={surveyHref.replace("{id}", s.id)}>{t("admin.surveys.publicPage")}</a>
        </p>
      )}

      <section aria-labelledby="participation-title">
        <h3 id="participation-title">{t("admin.surveys.participation.title")}</h3>
        <p className="muted">{t("admin.surveys.participation.until", { day: s.participation.before, k })}</p>
        {s.participation.perDay.length > 0 ? (
          <ParticipationChart steps={s.participation.perDay} t={t} id="participation-chart" />
        ) : (
          <p className="muted">{t("admin.surveys.chart.empty", { k })}</p>
        )}
      </section>

      <section aria-labelledby="results-title" data-results>
        <h3 id="results-title">{t("admin.surveys.results.title")}</h3>
        {notYet ? (
          <p className="muted" data-not-yet>
            {s.status === "upcoming"
              ? t("admin.surveys.results.upcoming", { opens: s.opens })
              : t("admin.surveys.results.afterClose", { closes: s.closes })}
          </p>
        ) : (
          <>
            {findings.state === "loading" && <p role="status">{t("admin.loading")}</p>}
            {findings.state === "error" && (
              <p className="admin-error" role="alert">
                {findings.message}
              </p>
            )}
            {findings.state === "ok" && <SurveyResults findings={findings.value} t={t} />}
          </>
        )}
      </section>

      {!notYet && (
        <>
          <section aria-labelledby="comments-title" data-comments>
            <h3 id="comments-title">{t("admin.surveys.comments.title")}</h3>
            <p className="muted">{t("admin.surveys.comments.lead", { k })}</p>
            <button type="button" className="button" onClick={() => void readComments()} disabled={comments?.state === "loading"}>
              {t("admin.surveys.comments.read")}
            </button>
            {comments?.state === "error" && (
              <p className="admin-error" role="alert">
                {comments.message}
              </p>
            )}
            {comments?.state === "ok" &&
              comments.value.questions.map((q) => (
                <section key={q.name} aria-labelledby={`comments-${q.name}`} data-comments-for={q.name}>
                  <h4 id={`comments-${q.name}`}>
                    {localText(q.title, locale)}{" "}
                    {q.count !== null && <span className="muted">({t.plural("admin.surveys.comments.count", q.count)})</span>}
                  </h4>
                  {q.count !== null && q.count > comments.value.cap && (
                    <p className="muted">{t("admin.surveys.comments.capped", { cap: comments.value.cap })}</p>
                  )}
                  {q.count === null ? (
                    <p className="muted">{t("admin.surveys.comments.tooFew", { k: comments.value.k })}</p>
                  ) : q.comments.length === 0 ? (
                    <p className="muted">{t("admin.surveys.comments.none")}</p>
                  ) : (
                    <ul className="admin-comments">
                      {q.comments.map((c, i) => (
                        <li key={i} className="idea-text">
                          {c}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
          </section>

          <section aria-labelledby="export-title" data-export>
            <h3 id="export-title">{t("admin.surveys.export.title")}</h3>
            <p className="muted">{t("admin.surveys.export.lead", { k })}</p>
            <div className="admin-inline">
              <div className="admin-field">
                <label htmlFor="export-lang">{t("admin.surveys.export.lang")}</label>
                <select id="export-lang" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
                  {LOCALES.map((l) => (
                    <option key={l} value={l}>
                      {LOCALE_NAME[l]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="button" onClick={() => void download()}>
                {t("admin.surveys.export.download")}
              </button>
            </div>
            <OutcomeLine at="export" outcome={exported} />
          </section>
        </>
      )}

      <Audience survey={s} t={t} onChange={() => void loadSurvey()} />

      {s.codes && <InvitationCodes survey={s} t={t} slipStrings={slipStrings} onChange={() => void loadSurvey()} />}
    </article>
  );
}
