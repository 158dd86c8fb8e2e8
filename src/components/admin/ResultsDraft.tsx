// A cycle's results in the console. HR picks the KPI export; it is read and
// scored here, in the browser, with the import's own code
// (src/lib/results/draft.ts) and never sent anywhere: only the aggregates
// join what HR writes (spend, promotions, training, activities, commentary in
// both languages). The whole file is checked as HR types with the checks the
// server runs on it (resultsDraftProblems: the build's rules of one file and
// against the policy), said in HR's words, and previewed before it is saved.
// A saved draft opens here again with its body, to be edited and saved over.
import { useEffect, useMemo, useState } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import type { Day } from "#lib/clock.ts";
import { policyFingerprint } from "#lib/policy/fingerprint.ts";
import type { TPolicyVersion } from "#lib/policy/schema.ts";
import type { Draft } from "#lib/publishing/model.ts";
import { isRefused, scoreExport, type Refused, type Scored } from "#lib/results/draft.ts";
import type { CycleAggregates } from "#lib/results/import.ts";
import type { TCycleResults } from "#lib/results/schema.ts";
import { resultsDraftProblems } from "#lib/publishing/content-checks.ts";
import { problemKey } from "#lib/problems.ts";
import { adminApi, describeError, type T } from "./api.ts";
import { Field } from "./Field.tsx";
import { sayKpiProblem } from "./kpiProblemWords.ts";

/** What the page gives the results form; the policy versions it fetches when opened (PolicyVersions). */
export type ResultsContext = Omit<FormContext, "versions">;

interface FormContext {
  /** Every policy version as the site publishes it. */
  versions: TPolicyVersion[];
  k: number;
  /** The build's day: a cycle is published once its period is over. */
  today: Day;
  /** The cycles the site publishes, for the small-change rule and HR's texts. */
  published: TCycleResults[];
}

interface Props {
  t: T;
  results: ResultsContext;
  /** A saved draft to edit; none: a new one from a KPI export. */
  draft?: Draft;
  onSaved: (d: Draft) => void;
}

type Texts = Pick<TCycleResults, "promotions" | "training" | "activities" | "commentary"> & { spend?: number };

const emptyTexts = (): Texts => ({
  promotions: 0,
  training: { courses: 0, hours: 0, people: 0 },
  activities: [],
  commentary: { en: "", "zh-cn": "" },
});

/** A saved draft's figures, as if its export had just been scored: the version it cites and its aggregates. */
function savedScore(draft: Draft | undefined, versions: TPolicyVersion[]): Scored | null {
  if (!draft) return null;
  const b = draft.body as unknown as TCycleResults;
  const version = versions.find((v) => v.version === b.policy?.version);
  if (!version) return null;
  const aggregates: CycleAggregates = { headcount: b.headcount, kpis: b.kpis, tiers: b.tiers };
  if (b.scoreBands) aggregates.scoreBands = b.scoreBands;
  return { version, aggregates };
}

const savedTexts = (draft: Draft | undefined): Texts => {
  if (!draft) return emptyTexts();
  const { spend, promotions, training, activities, commentary } = draft.body as unknown as TCycleResults;
  return structuredClone({ ...(spend === undefined ? {} : { spend }), promotions, training, activities, commentary });
};

/**
 * The policy versions, fetched when the form opens: every version the build
 * read (/policy/versions.json), which no console page carries in its HTML.
 */
export function ResultsDraft(props: Props) {
  const [versions, setVersions] = useState<TPolicyVersion[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void fetch("/policy/versions.json")
      .then((r) => (r.ok ? (r.json() as Promise<TPolicyVersion[]>) : Promise.reject(new Error(String(r.status)))))
      .then(setVersions, () => setFailed(true));
  }, []);
  if (failed)
    return (
      <p role="alert" className="notice error">
        {props.t("admin.network")}
      </p>
    );
  return versions ? <ResultsForm {...props} results={{ ...props.results, versions }} /> : null;
}

function ResultsForm({ t, results, draft, onSaved }: Omit<Props, "results"> & { results: FormContext }) {
  const [cycle, setCycle] = useState(draft ? String(draft.body.cycle) : "");
  const [scored, setScored] = useState<Scored | Refused | null>(() => savedScore(draft, results.versions));
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [texts, setTexts] = useState<Texts>(() => savedTexts(draft));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const k = results.k;
  const existing = results.published.find((r) => r.cycle === cycle) ?? null;
  const ok = scored && !isRefused(scored) ? scored : null;
  const tierName = (id: string) =>
    results.versions.findLast((v) => v.tiers.some((tier) => tier.id === id))?.tiers.find((tier) => tier.id === id)?.name[t.locale] ?? id;

  useEffect(() => {
    setFingerprint(null);
    if (ok) void policyFingerprint(ok.version).then(setFingerprint);
  }, [ok]);

  async function pick(file: File | undefined) {
    setScored(null);
    if (!file) return;
    // read here; the text goes to the import's code and nowhere else
    const csv = await file.text();
    const published = results.published.find((r) => r.cycle === cycle) ?? null;
    setScored(scoreExport(cycle, csv, { versions: results.versions, k, today: results.today, published }));
    if (published && !draft) {
      const { spend, promotions, training, activities, commentary } = published;
      setTexts({ ...(spend === undefined ? {} : { spend }), promotions, training, activities, commentary });
    }
  }

  const body = useMemo(() => {
    if (!ok || !fingerprint) return null;
    return {
      cycle,
      published: draft ? String(draft.body.published) : (existing?.published ?? results.today),
      policy: { version: ok.version.version, fingerprint },
      ...ok.aggregates,
      ...texts,
    };
  }, [ok, fingerprint, cycle, existing, results.today, texts, draft]);

  // the checks the server runs on this draft, as HR types
  const problems = useMemo(() => {
    if (!body) return null;
    return (
      resultsDraftProblems(body, cycle, {
        policies: results.versions,
        fingerprints: new Map([[ok!.version.version, fingerprint!]]),
        k,
        today: results.today,
      }) ?? {}
    );
  }, [body, cycle, results, k, ok, fingerprint]);
  const problemAt = (path: string) => {
    const p = problems?.[path];
    return p && t(problemKey(p.code), p.vars);
  };

  // a count of 1 to k−1 people is published as "fewer than k": written null, as the build requires
  const people = (raw: string): number | null => {
    const n = raw.trim() === "" ? 0 : Math.max(0, Math.round(Number(raw)));
    return n >= 1 && n < k ? null : n;
  };
  const edit = (change: (x: Texts) => void) => {
    const next = structuredClone(texts);
    change(next);
    setTexts(next);
  };

  async function save() {
    if (!body) return;
    setSaving(true);
    setError(null);
    const res = draft
      ? await adminApi<{ draft: Draft }>(`/api/admin/drafts/${draft.id}`, { method: "PATCH", json: { version: draft.version, body } })
      : await adminApi<{ draft: Draft }>("/api/admin/drafts", { method: "POST", json: { results: cycle, body } });
    setSaving(false);
    if (res.ok) onSaved(res.body.draft);
    else setError(describeError(t, res.error));
  }

  const langName = (l: Locale) => t(`admin.policy.lang.${l}`);
  return (
    <div className="admin-policy-draft" data-results-draft>
      <fieldset>
        <legend>{t("admin.results.export")}</legend>
        <label>
          {t("admin.results.cycle")}
          <input
            name="cycle"
            value={cycle}
            placeholder="2025-H2"
            readOnly={!!draft}
            onChange={(e) => {
              setCycle(e.target.value.trim());
              setScored(null);
            }}
          />
        </label>
        <label>
          {t("admin.results.file")}
          <input type="file" name="kpis" accept=".csv,text/csv" disabled={cycle === ""} onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        <p className="muted">{t("admin.results.stays", { k })}</p>
        {scored && isRefused(scored) && (
          <div role="alert" data-refusal={scored.refused}>
            <p>{t(`admin.results.refused.${scored.refused}`, { cycle, k })}</p>
            <ul>
              {scored.details.map((d, i) => (
                <li key={i}>{sayKpiProblem(t, d, tierName)}</li>
              ))}
            </ul>
          </div>
        )}
        {ok && <p data-scored>{t("admin.results.scored", { count: ok.aggregates.headcount, version: ok.version.version })}</p>}
      </fieldset>
      {ok && (
        <>
          <fieldset>
            <legend>{t("admin.results.texts")}</legend>
            <Field label={t("admin.results.spend")} problem={problemAt("spend")}>
              {(a11y) => (
                <input
                  type="number"
                  name="spend"
                  min={0}
                  value={texts.spend ?? ""}
                  onChange={(e) =>
                    edit((x) => {
                      if (e.target.value === "") delete x.spend;
                      else x.spend = Number(e.target.value);
                    })
                  }
                  {...a11y}
                />
              )}
            </Field>
            <Field label={t("admin.results.promotions")} problem={problemAt("promotions")}>
              {(a11y) => (
                <input
                  type="number"
                  name="promotions"
                  min={0}
                  defaultValue={texts.promotions ?? ""}
                  onChange={(e) => edit((x) => (x.promotions = people(e.target.value)))}
                  {...a11y}
                />
              )}
            </Field>
            <Field label={t("admin.results.courses")} problem={problemAt("training.courses")}>
              {(a11y) => (
                <input
                  type="number"
                  name="training.courses"
                  min={0}
                  value={texts.training.courses}
                  onChange={(e) => edit((x) => (x.training.courses = Math.max(0, Math.round(Number(e.target.value)))))}
                  {...a11y}
                />
              )}
            </Field>
            <Field label={t("admin.results.hours")} problem={problemAt("training.hours")}>
              {(a11y) => (
                <input
                  type="number"
                  name="training.hours"
                  min={0}
                  value={texts.training.hours}
                  onChange={(e) => edit((x) => (x.training.hours = Math.max(0, Number(e.target.value))))}
                  {...a11y}
                />
              )}
            </Field>
            <Field label={t("admin.results.trained")} hint={t("admin.results.fewer", { k })} problem={problemAt("training.people")}>
              {(a11y) => (
                <input
                  type="number"
                  name="training.people"
                  min={0}
                  defaultValue={texts.training.people ?? ""}
                  onChange={(e) => edit((x) => (x.training.people = people(e.target.value)))}
                  {...a11y}
                />
              )}
            </Field>
            {texts.activities.map((a, i) => (
              <div key={i} data-activity={i}>
                <Field
                  label={t("admin.results.activityDate")}
                  problem={problemAt(`activities.${i}.date`) ?? problemAt(`activities[${i}].date`)}
                >
                  {(a11y) => (
                    <input
                      type="date"
                      name={`activities.${i}.date`}
                      value={a.date}
                      onChange={(e) => edit((x) => (x.activities[i]!.date = e.target.value))}
                      {...a11y}
                    />
                  )}
                </Field>
                {LOCALES.map((l) => (
                  <Field
                    key={l}
                    label={t("admin.results.activityName", { lang: langName(l) })}
                    problem={problemAt(`activities.${i}.name.${l}`)}
                  >
                    {(a11y) => (
                      <input
                        name={`activities.${i}.name.${l}`}
                        value={a.name[l]}
                        onChange={(e) => edit((x) => (x.activities[i]!.name[l] = e.target.value))}
                        {...a11y}
                      />
                    )}
                  </Field>
                ))}
              </div>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => edit((x) => x.activities.push({ date: "", name: { en: "", "zh-cn": "" } }))}
            >
              {t("admin.results.addActivity")}
            </button>
            {LOCALES.map((l) => (
              <Field key={l} label={t("admin.results.commentary", { lang: langName(l) })} problem={problemAt(`commentary.${l}`)}>
                {(a11y) => (
                  <textarea
                    name={`commentary.${l}`}
                    rows={4}
                    value={texts.commentary[l]}
                    onChange={(e) => edit((x) => (x.commentary[l] = e.target.value))}
                    {...a11y}
                  />
                )}
              </Field>
            ))}
          </fieldset>
          {problems && Object.keys(problems).length > 0 && (
            <div role="alert" data-problems>
              <p>{t("admin.results.problems")}</p>
              <ul>
                {Object.entries(problems).map(([field, p]) => (
                  <li key={field}>
                    <code>{field}</code>: {t(problemKey(p.code), p.vars)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {problems && Object.keys(problems).length === 0 && <p data-checks-pass>{t("admin.results.passes")}</p>}
          {body && <Preview t={t} body={body as TCycleResults} version={ok.version} k={k} />}
          <button
            type="button"
            className="button"
            disabled={!problems || Object.keys(problems).length > 0 || saving}
            onClick={() => void save()}
          >
            {t("admin.results.save")}
          </button>
          {error && <p role="alert">{error}</p>}
        </>
      )}
    </div>
  );
}

/** The cycle page's figures as employees will read them, in the console's language. */
function Preview({ t, body, version, k }: { t: T; body: TCycleResults; version: TPolicyVersion; k: number }) {
  const locale = t.locale;
  const count = (n: number | null) => (n === null ? t("admin.results.fewerThan", { k }) : String(n));
  return (
    <section data-results-preview>
      <h4>{t("admin.results.preview", { cycle: body.cycle })}</h4>
      <p>{t("admin.results.headcount", { count: body.headcount })}</p>
      <table>
        <tbody>
          {version.criteria.map((c) => (
            <tr key={c.id} data-kpi={c.id}>
              <th scope="row">{c.name[locale]}</th>
              <td>{body.kpis[c.id]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {body.tiers === "withheld" ? (
        <p>{t("admin.results.tiersWithheld")}</p>
      ) : (
        <ul>
          {version.tiers.map((tier) => (
            <li key={tier.id} data-tier={tier.id}>
              {tier.name[locale]}: {count((body.tiers as Record<string, number | null>)[tier.id] ?? null)}
            </li>
          ))}
        </ul>
      )}
      {body.scoreBands && (
        <ul>
          {body.scoreBands.map((b) => (
            <li key={b.from} data-band={b.from}>
              {b.from}–{b.to}: {b.count}
            </li>
          ))}
        </ul>
      )}
      <p>
        {t("admin.results.promotions")}: {count(body.promotions)} · {t("admin.results.trained")}: {count(body.training.people)}
      </p>
      <p lang={locale}>{body.commentary[locale]}</p>
    </section>
  );
}
