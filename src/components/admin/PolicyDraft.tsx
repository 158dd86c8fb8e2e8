// A new policy version in the console: HR edits the draft's texts (both
// languages), its structure — criteria, tiers and reward forms, added,
// changed and removed (PolicyStructure.tsx) — and the rest of the version:
// effective day, cycles, incentives, channels, budget and what prompted it
// (PolicyProgramme.tsx); and sees as they type what the build would refuse
// (the build's own checks, src/lib/publishing/content-checks.ts), what
// changes against the version in force (the policy pages' diff, word by word
// for texts) and the tier calculator running on the draft (the policy pages'
// own island and scoring).
import { useEffect, useMemo, useState } from "react";
import { LOCALES, type Locale } from "#i18n/config.ts";
import { diffPolicies, type FieldValue } from "#lib/policy/diff.ts";
import { ZPolicyVersion, type TPolicyVersion } from "#lib/policy/schema.ts";
import { diffWords } from "#lib/policy/wording.ts";
import { policyDraftProblems } from "#lib/publishing/content-checks.ts";
import { problemKey, type Problem } from "#lib/problems.ts";
import type { KeysOf } from "#i18n/index.ts";
import { translator, type Strings } from "#i18n/translate.ts";
import type { Draft } from "#lib/publishing/model.ts";
import TierCalculator, { calculatorCriteria, type CalculatorStrings } from "../policy/TierCalculator.tsx";
import { adminApi, describeError, type T } from "./api.ts";
import { Field } from "./Field.tsx";
import { PolicyProgramme, type PromptChoices } from "./PolicyProgramme.tsx";
import { PolicyStructure } from "./PolicyStructure.tsx";

/** The policy pages' names of the diff's sections and fields, which label the draft's diff too. */
export type DiffLabels = Strings<KeysOf<"policy.field." | "policy.section.">>;

interface Props {
  t: T;
  draft: Draft;
  calcStrings: CalculatorStrings;
  labels: DiffLabels;
  /** The site's forums and surveys, for what prompted the version; none: HR types their ids (the server checks them). */
  choices: PromptChoices | null;
  onSaved: () => void;
}

type Body = TPolicyVersion;

const isLocalized = (v: FieldValue): v is Record<Locale, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && LOCALES.every((l) => typeof (v as Record<string, unknown>)[l] === "string");

function Words({ from, to, locale }: { from: string; to: string; locale: Locale }) {
  return (
    <span lang={locale}>
      {diffWords(from, to, locale).map((w, i) =>
        w.op === "same" ? <span key={i}>{w.text}</span> : w.op === "removed" ? <del key={i}>{w.text}</del> : <ins key={i}>{w.text}</ins>,
      )}
    </span>
  );
}

const show = (v: FieldValue, locale: Locale): string =>
  v === null ? "—" : Array.isArray(v) ? v.join(", ") : typeof v === "object" ? (isLocalized(v) ? v[locale] : JSON.stringify(v)) : String(v);

export function PolicyDraft({ t, draft, calcStrings, labels, choices, onSaved }: Props) {
  const [body, setBody] = useState<Body>(draft.body as unknown as Body);
  const [inForce, setInForce] = useState<TPolicyVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const base =
    draft.supersedes
      ?.split("/")
      .at(-1)
      ?.replace(/\.json$/, "") ?? "";

  useEffect(() => {
    // the version in force as the site publishes it (its canonical file, which leaves out the status)
    void fetch(`/policy/canonical/${base}.json`)
      .then((r) => (r.ok ? r.json() : null))
      .then((v: unknown) => setInForce(v ? ZPolicyVersion.parse({ ...(v as object), status: "current" }) : null));
  }, [base]);

  const problems = useMemo(
    () =>
      policyDraftProblems(
        body,
        inForce ? { version: inForce.version } : { version: base },
        choices ? { forums: choices.forums.map((f) => f.id), surveys: choices.surveys } : undefined,
      ),
    [body, inForce, base, choices],
  );
  const parsed = useMemo(() => (problems ? null : ZPolicyVersion.parse(body)), [body, problems]);
  const diff = useMemo(() => (parsed && inForce ? diffPolicies(inForce, parsed) : null), [parsed, inForce]);

  const edit = (change: (b: Body) => void) => {
    const next = structuredClone(body);
    change(next);
    setBody(next);
    setSaved(false);
  };

  async function save() {
    const res = await adminApi<{ draft: Draft }>(`/api/admin/drafts/${draft.id}`, {
      method: "PATCH",
      json: { version: draft.version, body },
    });
    if (res.ok) {
      setError(null);
      setSaved(true);
      onSaved();
    } else setError(describeError(t, res.error));
  }

  const say = (p: Problem) => t(problemKey(p.code), p.vars);
  const problemAt = (path: string) => (problems?.[path] ? say(problems[path]) : undefined);
  const calc = useMemo(() => translator(calcStrings), [calcStrings]);
  const label = useMemo(() => translator(labels), [labels]);
  // a minimum or reward is named by its criterion or reward form, in either version
  const named = (list: "criteria" | "rewardForms", id: string) =>
    [parsed, inForce].flatMap((v): { id: string; name: Record<Locale, string> }[] => v?.[list] ?? []).find((x) => x.id === id)?.name[
      t.locale
    ] ?? id;
  const fieldLabel = (f: { field: string; key?: string }) =>
    f.field === "minimum" || f.field === "reward"
      ? label(`policy.field.${f.field}`, { criterion: named("criteria", f.key!), form: named("rewardForms", f.key!) })
      : label(`policy.field.${f.field}` as keyof DiffLabels["text"]);

  const locale = t.locale;
  return (
    <div className="admin-policy-draft" data-policy-draft>
      <fieldset>
        <legend>{t("admin.policy.texts")}</legend>
        {LOCALES.map((l) => (
          <div key={l}>
            <Field label={t("admin.policy.field.title", { lang: t(`admin.policy.lang.${l}`) })} problem={problemAt(`title.${l}`)}>
              {(a11y) => (
                <input
                  name={`title.${l}`}
                  lang={l}
                  value={body.title[l]}
                  onChange={(e) => edit((b) => (b.title[l] = e.currentTarget.value))}
                  {...a11y}
                />
              )}
            </Field>
            <Field label={t("admin.policy.field.summary", { lang: t(`admin.policy.lang.${l}`) })} problem={problemAt(`summary.${l}`)}>
              {(a11y) => (
                <textarea
                  name={`summary.${l}`}
                  lang={l}
                  rows={3}
                  value={body.summary[l]}
                  onChange={(e) => edit((b) => (b.summary[l] = e.currentTarget.value))}
                  {...a11y}
                />
              )}
            </Field>
          </div>
        ))}
      </fieldset>
      <PolicyStructure t={t} calc={calc} body={body} edit={edit} problemAt={problemAt} />
      <PolicyProgramme t={t} body={body} edit={edit} problemAt={problemAt} choices={choices} />
      {problems ? (
        <div role="alert" data-problems>
          <p>{t("admin.policy.problems")}</p>
          <ul>
            {Object.entries(problems).map(([field, p]) => (
              <li key={field}>
                <code>{field}</code>: {say(p)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p data-checks-pass>{t("admin.policy.passes")}</p>
      )}
      <p>
        <button type="button" className="button" disabled={!!problems} onClick={() => void save()}>
          {t("admin.policy.save")}
        </button>{" "}
        {saved && <span role="status">{t("admin.policy.saved")}</span>}
        {error && <span role="alert">{error}</span>}
      </p>
      {diff && (
        <section data-policy-diff>
          <h4>{t("admin.policy.diff", { version: base })}</h4>
          {diff.changes.length === 0 && <p className="muted">{t("admin.policy.noChange")}</p>}
          <ul>
            {diff.changes.map((c) => (
              <li key={`${c.section}-${c.id}`} data-change={`${c.section}.${c.id}`}>
                {label(`policy.section.${c.section}`)}
                {c.section !== "general" && (
                  <>
                    : <strong>{c.name ? c.name[locale] : c.id}</strong>
                  </>
                )}
                {c.change !== "changed" && ` (${t(c.change === "added" ? "admin.policy.diffAdded" : "admin.policy.diffRemoved")})`}
                <ul>
                  {c.fields.map((f) => (
                    <li key={`${f.field}-${f.key ?? ""}`}>
                      {fieldLabel(f)}:{" "}
                      {isLocalized(f.from) && isLocalized(f.to) ? (
                        <Words from={f.from[locale]} to={f.to[locale]} locale={locale} />
                      ) : (
                        <>
                          <del>{show(f.from, locale)}</del> → <ins>{show(f.to, locale)}</ins>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <WordsOfText
            label={t("admin.policy.field.title", { lang: "" })}
            from={inForce!.title[locale]}
            to={parsed!.title[locale]}
            locale={locale}
          />
          <WordsOfText
            label={t("admin.policy.field.summary", { lang: "" })}
            from={inForce!.summary[locale]}
            to={parsed!.summary[locale]}
            locale={locale}
          />
        </section>
      )}
      {parsed && (
        <section data-policy-calculator>
          <h4>{t("admin.policy.calculator")}</h4>
          <TierCalculator
            strings={calcStrings}
            criteria={calculatorCriteria(parsed.criteria, locale)}
            tiers={parsed.tiers.map((tier) => ({
              id: tier.id,
              name: tier.name[locale],
              rule: tier.rule,
              rewards: tier.rewards.map((r) => parsed.rewardForms.find((f) => f.id === r.form)?.name[locale] ?? r.form),
            }))}
          />
        </section>
      )}
    </div>
  );
}

/** The title and summary are not items of the data diff: their words are compared here. */
function WordsOfText({ label, from, to, locale }: { label: string; from: string; to: string; locale: Locale }) {
  if (from === to) return null;
  return (
    <p data-words>
      {label.replace(/\s*[(（]\s*[)）]\s*$/, "")}: <Words from={from} to={to} locale={locale} />
    </p>
  );
}
