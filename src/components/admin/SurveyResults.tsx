// One survey's results in the console: each question with the figures the
// rules allow and its change since the last run, then the heatmap of each
// segment (questions × groups, the favourable share and how many answered;
// withheld cells say so in words, colour only repeats the number).
import type { PublishedSegment } from "#lib/surveys/breakdown.ts";
import { breakdownTable, heatClass } from "#lib/surveys/breakdown-table.ts";
import type { QuestionResult } from "#lib/surveys/results.ts";
import { localText } from "#lib/surveys/text.ts";
import type { Findings } from "#lib/surveys/tools.ts";
import { trendParts } from "#lib/surveys/trend-words.ts";
import { favourableShare, type QuestionTrend } from "#lib/surveys/trends.ts";
import type { T } from "./api.ts";

const percent = (locale: string, share: number) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);

function figures(q: QuestionResult, t: T): string {
  const locale = t.locale;
  if (!q.published) return t("admin.surveys.results.freeText");
  if (q.suppressed || q.answered === null) return t("admin.surveys.results.withheld");
  const parts: string[] = [];
  if (q.ranking) return q.ranking.map((r, i) => `${i + 1}. ${localText(r.text, locale)}`).join(" · ");
  if (q.type === "rating") {
    // a rating reads as its mean and favourable share; its counts per point are on the public page
    const share = favourableShare(q);
    if (q.mean !== undefined) parts.push(t("admin.surveys.results.mean", { mean: q.mean.toFixed(2) }));
    if (share !== null) parts.push(t("admin.surveys.results.favourable", { share: percent(locale, share) }));
    if (parts.length > 0) return parts.join(" · ");
  }
  if (q.choices) {
    parts.push(
      ...q.choices.map((c) =>
        t("admin.surveys.results.choice", {
          label: localText(c.text, locale),
          count: c.count === null ? t("admin.surveys.results.withheld") : c.count,
        }),
      ),
    );
  }
  return parts.join(" · ");
}

function change(trend: QuestionTrend | undefined, q: QuestionResult, t: T): string {
  if (!trend) return "";
  if (trend.status === "new") return t("admin.surveys.trend.new");
  if (trend.status === "scale_changed") return t("admin.surveys.trend.scale");
  if (trend.status === "withheld") return t("admin.surveys.trend.withheld");
  const parts = trendParts(trend, q, t.locale, {
    mean: (change) => t("admin.surveys.trend.mean", { change }),
    favourable: (change) => t("admin.surveys.trend.favourable", { change }),
    choice: (label, change) => t("admin.surveys.trend.choice", { label, change }),
    rank: (label, change) => t("admin.surveys.trend.rank", { label, change }),
  });
  return parts.join(" · ") || t("admin.surveys.trend.withheld");
}

function Heatmap({ segment, t }: { segment: PublishedSegment; t: T }) {
  const locale = t.locale;
  const id = `heatmap-${segment.name}`;
  const table = breakdownTable(segment);
  const label = (g: PublishedSegment["groups"][number]) =>
    g.text === null ? t("admin.surveys.heatmap.noAnswer") : localText(g.text, locale);
  const title = localText(segment.title, locale);
  if (table.empty) {
    return (
      <section className="admin-heatmap" aria-labelledby={id} data-segment={segment.name}>
        <h4 id={id}>{title}</h4>
        <p className="muted">{t("admin.surveys.heatmap.none")}</p>
      </section>
    );
  }
  return (
    <section className="admin-heatmap" aria-labelledby={id} data-segment={segment.name}>
      <h4 id={id}>{title}</h4>
      <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={id}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.surveys.results.question")}</th>
              {table.groups.map((i) => (
                <th scope="col" key={i}>
                  {label(segment.groups[i]!)}
                </th>
              ))}
              {table.others && <th scope="col">{t("admin.surveys.heatmap.others")}</th>}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.name} data-row={row.name}>
                <th scope="row">{localText(row.title, locale)}</th>
                {row.shown ? (
                  row.cells.map((c, i) =>
                    c === null ? (
                      <td key={i} className="heat-withheld" data-cell="withheld">
                        {t("admin.surveys.heatmap.withheld")}
                      </td>
                    ) : (
                      <td key={i} className={heatClass(c)} data-cell="shown">
                        {t("admin.surveys.heatmap.cell", { share: percent(locale, c.favourable / c.answered), n: c.answered })}
                      </td>
                    ),
                  )
                ) : (
                  <td colSpan={table.groups.length + (table.others ? 1 : 0)} className="heat-withheld" data-cell="withheld">
                    {t("admin.surveys.heatmap.rowWithheld")}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.withheld.length > 0 && (
        <p className="muted">{t("admin.surveys.heatmap.withheldGroups", { groups: t.list(table.withheld.map(label)) })}</p>
      )}
    </section>
  );
}

export function SurveyResults({ findings, t }: { findings: Findings; t: T }) {
  const locale = t.locale;
  const k = findings.k;
  if (findings.withheld) {
    return (
      <p className="notice" data-withheld={findings.withheld.reason}>
        {t("admin.surveys.results.overAudience", { audience: findings.withheld.audience })}
      </p>
    );
  }
  if (findings.suppressed || findings.responses === null) return <p className="notice">{t("admin.surveys.results.suppressed", { k })}</p>;
  const trends = findings.trends;
  return (
    <>
      <p className="lead">{t.plural("admin.surveys.results.responses", findings.responses, { k })}</p>
      <p className="muted">
        {trends
          ? t("admin.surveys.trend.since", { title: localText(trends.previous.title, locale), n: trends.previous.responses ?? "—" })
          : t("admin.surveys.trend.none")}
      </p>
      <div className="table-wrap" role="region" tabIndex={0} aria-labelledby="survey-results-caption">
        <table className="admin-results">
          <caption id="survey-results-caption">{t("admin.surveys.results.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.surveys.results.question")}</th>
              <th scope="col">{t("admin.surveys.results.answered")}</th>
              <th scope="col">{t("admin.surveys.results.figures")}</th>
              {trends && <th scope="col">{t("admin.surveys.results.change")}</th>}
            </tr>
          </thead>
          <tbody>
            {findings.questions.map((q) => (
              <tr key={q.name} data-question={q.name}>
                <th scope="row">{localText(q.title, locale)}</th>
                <td>{q.answered ?? (q.published ? t("admin.surveys.results.withheld") : "—")}</td>
                <td>{figures(q, t)}</td>
                {trends && (
                  <td data-trend={q.name}>
                    {change(
                      trends.questions.find((x) => x.name === q.name),
                      q,
                      t,
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {findings.breakdown && findings.breakdown.segments.length > 0 && (
        <section aria-labelledby="heatmap-title" data-heatmap>
          <h3 id="heatmap-title">{t("admin.surveys.heatmap.title")}</h3>
          <p className="muted">{t("admin.surveys.heatmap.lead", { k })}</p>
          {findings.breakdown.segments.map((segment) => (
            <Heatmap key={segment.name} segment={segment} t={t} />
          ))}
        </section>
      )}
    </>
  );
}
