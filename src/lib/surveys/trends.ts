// Change since the previous run of a series (the half-yearly survey, the
// monthly pulse): per question, from the two runs' published results only —
// so a trend reveals nothing either publication does not. A question is
// compared only when it has the same name, type and scale (the same choice
// values in the same order) in both runs; otherwise it is new, or not
// comparable because its scale changed.
import type { ChoiceValue, QuestionSpec } from "./questions.ts";
import type { QuestionResult, SurveyResults } from "./results.ts";

export type TrendStatus = "compared" | "new" | "scale_changed" | "withheld";

export interface QuestionTrend {
  name: string;
  status: TrendStatus;
  /** rating: the mean now minus the mean then. */
  mean?: number;
  /** rating and yes/no: the favourable share now minus then, in percentage points. */
  favourable?: number;
  /** choice questions: each choice's share now minus then, in percentage points (null: withheld in either run). */
  choices?: { value: ChoiceValue; change: number | null }[];
  /** ranking: each item's mean rank now minus then (negative: ranked higher). */
  ranking?: { value: ChoiceValue; change: number }[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Same type and the same choice values in the same order: answers mean the same thing in both runs. */
export function sameScale(a: QuestionSpec, b: QuestionSpec): boolean {
  return (
    a.type === b.type && a.choices.length === b.choices.length && a.choices.every((c, i) => String(c.value) === String(b.choices[i]!.value))
  );
}

/** The favourable share (0–1) of a rating (top two points of its scale) or yes/no question, when every count is shown. */
export function favourableShare(q: QuestionResult): number | null {
  if (!q.choices || q.answered === null || q.answered === 0 || q.choices.some((c) => c.count === null)) return null;
  if (q.type === "boolean") return (q.choices.find((c) => c.value === true)?.count ?? 0) / q.answered;
  if (q.type !== "rating") return null;
  const top = q.choices
    .map((c) => Number(c.value))
    .sort((x, y) => x - y)
    .slice(-2);
  return q.choices.reduce((a, c) => a + (top.includes(Number(c.value)) ? c.count! : 0), 0) / q.answered;
}

function compare(spec: QuestionSpec, now: QuestionResult, then: QuestionResult): QuestionTrend {
  const trend: QuestionTrend = { name: spec.name, status: "compared" };
  if (now.suppressed || then.suppressed || now.answered === null || then.answered === null) return { name: spec.name, status: "withheld" };
  if (spec.type === "rating" || spec.type === "boolean") {
    if (now.mean !== undefined && then.mean !== undefined) trend.mean = round(now.mean - then.mean, 2);
    const [a, b] = [favourableShare(now), favourableShare(then)];
    if (a !== null && b !== null) trend.favourable = round((a - b) * 100, 1);
    return trend.mean === undefined && trend.favourable === undefined ? { name: spec.name, status: "withheld" } : trend;
  }
  if (spec.type === "ranking") {
    const before = new Map((then.ranking ?? []).map((r) => [String(r.value), r.meanRank]));
    trend.ranking = (now.ranking ?? []).flatMap((r) =>
      before.has(String(r.value)) ? [{ value: r.value, change: round(r.meanRank - before.get(String(r.value))!, 2) }] : [],
    );
    return trend.ranking.length > 0 ? trend : { name: spec.name, status: "withheld" };
  }
  // radiogroup, dropdown, checkbox: each choice's share of those who answered
  const share = (q: QuestionResult, value: ChoiceValue) => {
    const c = q.choices?.find((x) => String(x.value) === String(value));
    return c && c.count !== null ? c.count / q.answered! : null;
  };
  trend.choices = spec.choices.map((c) => {
    const [a, b] = [share(now, c.value), share(then, c.value)];
    return { value: c.value, change: a === null || b === null ? null : round((a - b) * 100, 1) };
  });
  // no figure left to compare: withheld, as a rating or a ranking without one is
  return trend.choices.every((c) => c.change === null) ? { name: spec.name, status: "withheld" } : trend;
}

/**
 * Each question of `current` against the same question in `previous`, both
 * as published. Free-text questions have no figures and are left out.
 */
export function compareRuns(
  current: { specs: readonly QuestionSpec[]; results: SurveyResults },
  previous: { specs: readonly QuestionSpec[]; results: SurveyResults },
): QuestionTrend[] {
  return current.specs.flatMap((spec) => {
    const now = current.results.questions.find((q) => q.name === spec.name);
    if (!now || !now.published) return [];
    const thenSpec = previous.specs.find((s) => s.name === spec.name);
    const then = previous.results.questions.find((q) => q.name === spec.name);
    if (!thenSpec || !then) return [{ name: spec.name, status: "new" as const }];
    if (!sameScale(spec, thenSpec)) return [{ name: spec.name, status: "scale_changed" as const }];
    if (current.results.suppressed || previous.results.suppressed) return [{ name: spec.name, status: "withheld" as const }];
    return [compare(spec, now, then)];
  });
}

/** One change for the summary that opens a results page: a share that moved, in percentage points. */
export interface BiggestChange {
  name: string;
  kind: "favourable" | "choice";
  /** The choice whose share moved (kind "choice"). */
  value?: ChoiceValue;
  /** Percentage points, signed. */
  change: number;
}

/**
 * The largest moves since the previous run, for a summary above the
 * questions: per compared question its one largest move in percentage points
 * (the favourable share of a rating or yes/no question, else the choice whose
 * share moved most), the `limit` largest first, none under `atLeast` points.
 * Means and mean ranks are on other scales and stay with their questions.
 * Built from the trends alone, so it shows only figures both runs published.
 */
export function biggestChanges(trends: readonly QuestionTrend[], limit = 3, atLeast = 1): BiggestChange[] {
  const candidates = trends.flatMap((t, order): (BiggestChange & { order: number })[] => {
    if (t.status !== "compared") return [];
    if (t.favourable !== undefined) return [{ name: t.name, kind: "favourable", change: t.favourable, order }];
    const choices = (t.choices ?? []).filter((c): c is { value: ChoiceValue; change: number } => c.change !== null);
    if (choices.length === 0) return [];
    const top = choices.reduce((a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a));
    return [{ name: t.name, kind: "choice", value: top.value, change: top.change, order }];
  });
  return candidates
    .filter((c) => Math.abs(c.change) >= atLeast)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.order - b.order)
    .slice(0, limit)
    .map(({ order: _order, ...c }) => c);
}
