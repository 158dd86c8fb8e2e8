// The tier calculator island: the reader types their KPI values and sees the
// weighted score, the tier, what the next tier needs and its rewards. It only
// computes (src/lib/policy/score.ts, the same scoring results pages use): no
// fetch, no storage, nothing leaves the page.
import { useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { KeysOf } from "#i18n/index.ts";
import { translator, type Strings } from "#i18n/translate.ts";
import { formatMeasure, formatNumber } from "#lib/policy/format.ts";
import { parseDecimalInput, type ParsedInput } from "#lib/policy/input.ts";
import type { TCriterion, TMinimum, TUnit } from "#lib/policy/schema.ts";
import type { Locale } from "#i18n/config.ts";
import { scorePolicy, type Values } from "#lib/policy/score.ts";

export interface CalculatorCriterion {
  id: string;
  /** In the reader's language. */
  name: string;
  unit: TUnit;
  direction: "higher" | "lower";
  weight: number;
  target: number;
  threshold: number;
  min: number;
  max: number;
}

/** A policy's criteria as the calculator takes them, in the reader's language (the published policy's, or HR's draft). */
export function calculatorCriteria(criteria: readonly TCriterion[], locale: Locale): CalculatorCriterion[] {
  return criteria.map((c) => ({
    id: c.id,
    name: c.name[locale],
    unit: c.unit,
    direction: c.direction,
    weight: c.weight,
    target: c.target,
    threshold: c.threshold,
    min: c.range.min,
    max: c.range.max,
  }));
}

export interface CalculatorTier {
  id: string;
  name: string;
  rule: { minScore: number; minimums: TMinimum[] };
  /** Already phrased in the reader's language. */
  rewards: string[];
}

/** The strings the calculator shows: its own, the unit templates and names, the directions. */
export type CalculatorStrings = Strings<
  KeysOf<"calc." | "policy.unit." | "policy.unitName." | "policy.direction." | "policy.criteria.name">
>;

interface Props {
  strings: CalculatorStrings;
  criteria: CalculatorCriterion[];
  tiers: CalculatorTier[];
}

type Raw = Record<string, string>;

export default function TierCalculator({ strings, criteria, tiers }: Props) {
  const t = translator(strings);
  const [raw, setRaw] = useState<Raw>({});
  const idBase = useId();
  const form = useRef<HTMLFormElement>(null);
  // The island starts when it scrolls into view, and on a slow phone its code
  // arrives after the reader has typed: take what the boxes show as the
  // starting values, so the result never disagrees with them.
  useLayoutEffect(() => {
    const typed: Raw = {};
    for (const c of criteria) {
      const box = form.current?.elements.namedItem(c.id);
      if (box instanceof HTMLInputElement && box.value !== "") typed[c.id] = box.value;
    }
    if (Object.keys(typed).length > 0) setRaw((r) => ({ ...typed, ...r }));
  }, [criteria]);
  const parsed = useMemo(
    () => Object.fromEntries(criteria.map((c): [string, ParsedInput] => [c.id, parseDecimalInput(raw[c.id], { min: c.min, max: c.max })])),
    [criteria, raw],
  );
  const valueOf = (id: string) => {
    const p = parsed[id]!;
    return p.kind === "value" ? p.value : null;
  };
  // A value that is not a number or out of range is left out (and flagged on its field).
  const values: Values = Object.fromEntries(criteria.map((c) => [c.id, valueOf(c.id)]));
  const entered = criteria.filter((c) => valueOf(c.id) !== null).length;
  const result = entered > 0 ? scorePolicy({ criteria, tiers }, values) : null;
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const measure = (c: CalculatorCriterion, v: number) => formatMeasure(t, c.unit, v);
  const num = (v: number) => formatNumber(t.locale, v);

  return (
    <div className="calculator" data-calculator="">
      <form ref={form} className="calc-form" onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset>
          <legend>{t("calc.inputs")}</legend>
          {criteria.map((c) => {
            const id = `${idBase}-${c.id}`;
            const state = parsed[c.id]!.kind;
            const invalid = state === "notNumber" || state === "outOfRange";
            return (
              <div className="calc-field" key={c.id}>
                <label htmlFor={id}>{t("calc.field", { name: c.name, unit: t(`policy.unitName.${c.unit}`) })}</label>
                <input
                  id={id}
                  name={c.id}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={raw[c.id] ?? ""}
                  aria-invalid={invalid || undefined}
                  aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
                  onChange={(e) => setRaw((r) => ({ ...r, [c.id]: e.target.value }))}
                />
                <p className="calc-hint" id={`${id}-hint`}>
                  {t("calc.hint", {
                    target: measure(c, c.target),
                    threshold: measure(c, c.threshold),
                    direction: t(`policy.direction.${c.direction}`),
                    weight: num(c.weight),
                  })}
                </p>
                {invalid && (
                  <p className="calc-error" id={`${id}-error`}>
                    {state === "notNumber" ? t("calc.notNumber") : t("calc.outOfRange", { min: num(c.min), max: num(c.max) })}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
        <div className="calc-actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => setRaw(Object.fromEntries(criteria.map((c) => [c.id, String(c.target)])))}
          >
            {t("calc.fillTargets")}
          </button>
          <button type="button" className="button secondary" onClick={() => setRaw({})}>
            {t("calc.clear")}
          </button>
        </div>
      </form>

      <section className="calc-result" aria-labelledby={`${idBase}-result`}>
        <h3 id={`${idBase}-result`}>{t("calc.result")}</h3>
        {/* The summary is the live region: short enough to be read out on every change. */}
        <div role="status" aria-live="polite" aria-atomic="true" className="calc-summary" data-calc-summary="">
          {result ? (
            <>
              <p className="calc-score">{t("calc.score", { score: num(result.score) })}</p>
              <p className="calc-tier" data-tier={result.tier.id}>
                {t("calc.tier", { tier: result.tier.name })}
              </p>
              {!result.complete && (
                <p className="calc-incomplete">{t("calc.incomplete", { count: result.missing.length, total: criteria.length })}</p>
              )}
            </>
          ) : (
            <p>{t("calc.empty")}</p>
          )}
        </div>
        {result && (
          <>
            {result.next ? (
              <div className="calc-next" data-next-tier={result.next.tier.id}>
                <p>{t("calc.next", { tier: result.next.tier.name })}</p>
                <ul>
                  {result.next.points > 0 && <li>{t("calc.next.points", { points: num(result.next.points) })}</li>}
                  {result.next.unmet.map((u) => {
                    const c = byId.get(u.criterion)!;
                    return (
                      <li key={u.criterion}>
                        {t(u.direction === "higher" ? "calc.next.atLeast" : "calc.next.atMost", {
                          criterion: c.name,
                          required: measure(c, u.required),
                          value: u.value === null ? t("calc.next.notEntered") : measure(c, u.value),
                        })}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : (
              <p>{t("calc.top")}</p>
            )}
            {result.tier.rewards.length > 0 && (
              <>
                <h4>{t("calc.rewards")}</h4>
                <ul className="calc-rewards">
                  {result.tier.rewards.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            )}
            {/* Scrolls sideways on a narrow screen: focusable and named, so the keyboard can scroll it too. */}
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${idBase}-breakdown`}>
              <table className="calc-breakdown">
                <caption id={`${idBase}-breakdown`}>{t("calc.breakdown")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("policy.criteria.name")}</th>
                    <th scope="col">{t("calc.value")}</th>
                    <th scope="col">{t("calc.points")}</th>
                    <th scope="col">{t("calc.contribution")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.criteria.map((s) => {
                    const c = byId.get(s.id)!;
                    return (
                      <tr key={s.id}>
                        <th scope="row">{c.name}</th>
                        <td>{s.value === null ? t("calc.next.notEntered") : measure(c, s.value)}</td>
                        <td>{num(s.points)}</td>
                        <td>{num(s.contribution)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
