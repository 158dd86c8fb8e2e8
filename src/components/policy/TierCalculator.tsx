// The tier calculator island: the reader types their KPI values and sees the
// weighted score, the tier, what the next tier needs and its rewards. It only
// computes (src/lib/policy/score.ts, the same scoring results pages use): no
// fetch, no storage, nothing leaves the page.
import { useId, useMemo, useState } from "react";
import type { Locale } from "../../i18n/config.ts";
import { fill, formatMeasure, formatNumber, type UnitTemplates } from "../../lib/policy/format.ts";
import { parseDecimalInput, type ParsedInput } from "../../lib/policy/input.ts";
import type { TMinimum, TUnit } from "../../lib/policy/schema.ts";
import { scorePolicy, type Values } from "../../lib/policy/score.ts";

export interface CalculatorCriterion {
  id: string;
  name: string;
  /** The field's label: name and unit, already phrased ("CSAT (percent)", "客户满意度（百分比）"). */
  label: string;
  unit: TUnit;
  direction: "higher" | "lower";
  directionLabel: string;
  weight: number;
  target: number;
  threshold: number;
  min: number;
  max: number;
}

export interface CalculatorTier {
  id: string;
  name: string;
  rule: { minScore: number; minimums: TMinimum[] };
  /** Already phrased in the reader's language. */
  rewards: string[];
}

export type CalculatorLabels = Record<
  | "inputs"
  | "hint"
  | "outOfRange"
  | "notNumber"
  | "clear"
  | "fillTargets"
  | "result"
  | "score"
  | "tier"
  | "incomplete"
  | "empty"
  | "top"
  | "next"
  | "nextPoints"
  | "nextAtLeast"
  | "nextAtMost"
  | "notEntered"
  | "rewards"
  | "breakdown"
  | "criterion"
  | "value"
  | "points"
  | "contribution",
  string
>;

interface Props {
  locale: Locale;
  criteria: CalculatorCriterion[];
  tiers: CalculatorTier[];
  units: UnitTemplates;
  labels: CalculatorLabels;
}

type Raw = Record<string, string>;

export default function TierCalculator({ locale, criteria, tiers, units, labels }: Props) {
  const [raw, setRaw] = useState<Raw>({});
  const idBase = useId();
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
  const measure = (c: CalculatorCriterion, v: number) => formatMeasure(locale, units, c.unit, v);
  const num = (v: number) => formatNumber(locale, v);

  return (
    <div className="calculator" data-calculator="">
      <form className="calc-form" onSubmit={(e) => e.preventDefault()} noValidate>
        <fieldset>
          <legend>{labels.inputs}</legend>
          {criteria.map((c) => {
            const id = `${idBase}-${c.id}`;
            const state = parsed[c.id]!.kind;
            const invalid = state === "notNumber" || state === "outOfRange";
            return (
              <div className="calc-field" key={c.id}>
                <label htmlFor={id}>{c.label}</label>
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
                  {fill(labels.hint, {
                    target: measure(c, c.target),
                    threshold: measure(c, c.threshold),
                    direction: c.directionLabel,
                    weight: num(c.weight),
                  })}
                </p>
                {invalid && (
                  <p className="calc-error" id={`${id}-error`}>
                    {state === "notNumber" ? labels.notNumber : fill(labels.outOfRange, { min: num(c.min), max: num(c.max) })}
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
            {labels.fillTargets}
          </button>
          <button type="button" className="button secondary" onClick={() => setRaw({})}>
            {labels.clear}
          </button>
        </div>
      </form>

      <section className="calc-result" aria-labelledby={`${idBase}-result`}>
        <h3 id={`${idBase}-result`}>{labels.result}</h3>
        {/* The summary is the live region: short enough to be read out on every change. */}
        <div role="status" aria-live="polite" aria-atomic="true" className="calc-summary" data-calc-summary="">
          {result ? (
            <>
              <p className="calc-score">{fill(labels.score, { score: num(result.score) })}</p>
              <p className="calc-tier" data-tier={result.tier.id}>
                {fill(labels.tier, { tier: result.tier.name })}
              </p>
              {!result.complete && (
                <p className="calc-incomplete">{fill(labels.incomplete, { count: result.missing.length, total: criteria.length })}</p>
              )}
            </>
          ) : (
            <p>{labels.empty}</p>
          )}
        </div>
        {result && (
          <>
            {result.next ? (
              <div className="calc-next" data-next-tier={result.next.tier.id}>
                <p>{fill(labels.next, { tier: result.next.tier.name })}</p>
                <ul>
                  {result.next.points > 0 && <li>{fill(labels.nextPoints, { points: num(result.next.points) })}</li>}
                  {result.next.unmet.map((u) => {
                    const c = byId.get(u.criterion)!;
                    return (
                      <li key={u.criterion}>
                        {fill(u.direction === "higher" ? labels.nextAtLeast : labels.nextAtMost, {
                          criterion: c.name,
                          required: measure(c, u.required),
                          value: u.value === null ? labels.notEntered : measure(c, u.value),
                        })}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : (
              <p>{labels.top}</p>
            )}
            {result.tier.rewards.length > 0 && (
              <>
                <h4>{labels.rewards}</h4>
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
                <caption id={`${idBase}-breakdown`}>{labels.breakdown}</caption>
                <thead>
                  <tr>
                    <th scope="col">{labels.criterion}</th>
                    <th scope="col">{labels.value}</th>
                    <th scope="col">{labels.points}</th>
                    <th scope="col">{labels.contribution}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.criteria.map((s) => {
                    const c = byId.get(s.id)!;
                    return (
                      <tr key={s.id}>
                        <th scope="row">{c.name}</th>
                        <td>{s.value === null ? labels.notEntered : measure(c, s.value)}</td>
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
