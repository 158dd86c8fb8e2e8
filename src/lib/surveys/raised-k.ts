// Results published with a larger k than a survey first published with
// (docs/anonymity.md, "Changing k"). A survey's results are published once,
// after it closes, with the k recorded in published_k; if k is raised later,
// they are suppressed with the larger k — but suppression is not monotone in
// k (a question whose one small count hid it whole can, with a larger k, have
// two small counts withheld side by side, and show again), so a question
// keeps its larger-k form only if it shows nothing the first publication did
// not; otherwise it is suppressed whole. What is compared is every figure a
// reader can read or compute from a publication, mean ranks included.
import type { QuestionSpec } from "./questions.ts";
import { buildResults, type RawAggregates, type SurveyResults } from "./results.ts";

/**
 * Every number a reader can read or compute exactly from one publication:
 * the total, each question's answered count, each count shown, for a
 * single-choice question the sum of its withheld counts (answered minus the
 * counts shown), and each ranked item's mean rank — the published form of its
 * rank sum, which moves whenever the rank sum does by more than the rounding.
 * Keyed so the same figure has the same key in two publications.
 */
export function readableFigures(results: SurveyResults): Map<string, number> {
  const figures = new Map<string, number>();
  if (results.responses !== null) figures.set("responses", results.responses);
  for (const q of results.questions) {
    if (q.suppressed || q.answered === null) continue;
    figures.set(`${q.name}:answered`, q.answered);
    for (const r of q.ranking ?? []) figures.set(`${q.name}:rank:${typeof r.value}:${String(r.value)}`, r.meanRank);
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

/**
 * Whether `later` shows, for one question, only figures `first` showed with
 * the same value (a withheld sum aside: it only ever covers more counts).
 */
export function showsNothingNew(first: SurveyResults, later: SurveyResults): boolean {
  const before = readableFigures(first);
  return [...readableFigures(later)].every(([key, value]) => key.includes(":withheld:") || before.get(key) === value);
}

/**
 * The results of `raw` as published now: with `firstK`, the k the survey first
 * published with, or — when the setting `k` is now larger — with `k`, each
 * question in its larger-k form only where that shows nothing the `firstK`
 * form did not.
 */
export function publishWithK(specs: readonly QuestionSpec[], raw: RawAggregates, firstK: number, k: number): SurveyResults {
  const first = buildResults(specs as QuestionSpec[], raw, firstK);
  if (k <= firstK) return first;
  const raised = buildResults(specs as QuestionSpec[], raw, k);
  // A question replaced here shows nothing under the first k either (raising k
  // withholds only more), so it keeps the reason its first publication gave.
  const questions = raised.questions.map((q, i) => {
    if (showsNothingNew({ ...first, questions: [first.questions[i]!] }, { ...raised, responses: null, questions: [q] })) return q;
    const { published, withheldBecause } = first.questions[i]!;
    return {
      name: q.name,
      type: q.type,
      title: q.title,
      answered: null,
      suppressed: true,
      published,
      ...(withheldBecause ? { withheldBecause } : {}),
    };
  });
  return { ...raised, questions };
}
