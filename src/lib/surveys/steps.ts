// Live results in steps (docs/anonymity.md, "Live results"). A live survey's
// results are published as a series of snapshots, each over every response
// up to the end of some past day. Anyone can keep every snapshot, so the
// difference between two of them is published too: a step is taken only when
// that difference passes the same rule as a snapshot — at least k responses,
// and every figure a reader can subtract (a count shown in both, an answered
// count, the sum of a group withheld in both) moved by 0 or by at least k —
// against every earlier step, since any two snapshots can be compared.
// A step that would fail waits for more responses. Past days never change
// (the day of a response is taken when it is committed, and today is never
// counted), so the steps, recomputed on every request, never move.
import { addDays, type Day } from "../clock.ts";
import type { QuestionSpec } from "./questions.ts";
import { buildResults, type RawAggregates, type SurveyResults } from "./results.ts";

export interface DayAggregates {
  day: Day;
  raw: RawAggregates;
}

export function emptyAggregates(): RawAggregates {
  return { responses: 0, answered: {}, scalars: [], items: [] };
}

/** The aggregates of two disjoint sets of responses, together. */
export function addAggregates(a: RawAggregates, b: RawAggregates): RawAggregates {
  const answered = { ...a.answered };
  for (const [q, n] of Object.entries(b.answered)) answered[q] = (answered[q] ?? 0) + n;
  const scalars = new Map(a.scalars.map((s) => [`${s.question}\u0000${typeof s.value}\u0000${s.value}`, { ...s }]));
  for (const s of b.scalars) {
    const key = `${s.question}\u0000${typeof s.value}\u0000${s.value}`;
    const found = scalars.get(key);
    if (found) found.n += s.n;
    else scalars.set(key, { ...s });
  }
  const items = new Map(a.items.map((i) => [`${i.question}\u0000${typeof i.item}\u0000${i.item}`, { ...i }]));
  for (const i of b.items) {
    const key = `${i.question}\u0000${typeof i.item}\u0000${i.item}`;
    const found = items.get(key);
    if (found) {
      found.n += i.n;
      found.rankSum += i.rankSum;
    } else items.set(key, { ...i });
  }
  return { responses: a.responses + b.responses, answered, scalars: [...scalars.values()], items: [...items.values()] };
}

/**
 * Every number a reader can read or compute exactly from one publication:
 * the total, each question's answered count, each count shown and, for a
 * single-choice question, the sum of its withheld counts (answered minus the
 * counts shown). Keyed so the same figure has the same key in two snapshots.
 */
export function readableFigures(results: SurveyResults): Map<string, number> {
  const figures = new Map<string, number>();
  if (results.responses !== null) figures.set("responses", results.responses);
  for (const q of results.questions) {
    if (q.suppressed || q.answered === null) continue;
    figures.set(`${q.name}:answered`, q.answered);
    if (!q.choices) continue;
    const withheld: string[] = [];
    let shownSum = 0;
    for (const c of q.choices) {
      if (c.count === null) withheld.push(String(c.value));
      else {
        figures.set(`${q.name}:${typeof c.value}:${String(c.value)}`, c.count);
        shownSum += c.count;
      }
    }
    // Checkbox counts overlap: answered minus the counts shown is not their sum.
    if (withheld.length > 0 && q.type !== "checkbox") figures.set(`${q.name}:withheld:${withheld.join("|")}`, q.answered - shownSum);
  }
  return figures;
}

/** Whether publishing `next` after `previous` reveals no difference of 1 … k−1. */
export function differencePasses(previous: SurveyResults | null, next: SurveyResults, k: number): boolean {
  if (next.responses === null) return false;
  if (previous === null) return true; // the first step is a snapshot like any other
  if (previous.responses === null || next.responses - previous.responses < k) return false;
  const before = readableFigures(previous);
  for (const [key, value] of readableFigures(next)) {
    const old = before.get(key);
    if (old === undefined) continue;
    const moved = value - old;
    if (moved !== 0 && moved < k) return false;
  }
  return true;
}

export interface LiveStep {
  /** Exclusive: the step counts responses of days before this one. */
  before: Day;
  /** Everything up to the step, and how it was published when the step was cut. */
  raw: RawAggregates;
  results: SurveyResults;
}

/**
 * The steps a live survey's results have taken by `until` (exclusive: today,
 * or the day after closing), over responses grouped by the day they were
 * committed. `stepK` is the k the survey's steps were first cut with, frozen
 * once anything was published: re-cutting them with another k could publish
 * a small difference. (Publishing a step with a larger k than that only
 * withholds more: `publishStep`.)
 */
export function liveSteps(specs: QuestionSpec[], days: readonly DayAggregates[], until: Day, stepK: number): LiveStep[] {
  const past = days.filter((d) => d.day < until).sort((a, b) => (a.day < b.day ? -1 : 1));
  const steps: LiveStep[] = [];
  let total = emptyAggregates();
  for (const d of past) {
    total = addAggregates(total, d.raw);
    const previous = steps.at(-1)?.results ?? null;
    if (total.responses - (previous?.responses ?? 0) < stepK) continue;
    const results = buildResults(specs, total, stepK);
    // Against every earlier step, not only the last: a figure withheld in the
    // last one but shown in an earlier one can still be subtracted.
    const passes =
      previous === null ? differencePasses(null, results, stepK) : steps.every((step) => differencePasses(step.results, results, stepK));
    if (passes) steps.push({ before: addDays(d.day, 1), raw: total, results });
  }
  return steps;
}

/**
 * The last step, published with `k` if that is now larger than the k the
 * steps were cut with. Suppression is not monotone in k (with a larger k, a
 * question whose one small count hid it whole can have two small counts that
 * may be withheld side by side, and show again), so a question keeps its
 * larger-k form only if it shows nothing the step did not; otherwise it is
 * suppressed whole.
 */
export function publishStep(specs: QuestionSpec[], step: LiveStep | undefined, stepK: number, k: number): SurveyResults {
  if (!step) return buildResults(specs, emptyAggregates(), Math.max(stepK, k));
  if (k <= stepK) return step.results;
  const raised = buildResults(specs, step.raw, k);
  const shownAtStep = readableFigures(step.results);
  const questions = raised.questions.map((q, i) => {
    const figures = readableFigures({ ...raised, responses: null, questions: [q] });
    const onlyOld = [...figures].every(([key, value]) => key.includes(":withheld:") || shownAtStep.get(key) === value);
    return onlyOld
      ? q
      : { name: q.name, type: q.type, title: q.title, answered: null, suppressed: true, published: step.results.questions[i]!.published };
  });
  return { ...raised, questions };
}
