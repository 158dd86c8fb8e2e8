// Published aggregates and their suppression (docs/anonymity.md, "Survey results").
// Rules, applied to everything this module returns:
//   - fewer than k responses in total: nothing but the fact of suppression;
//   - a question answered by fewer than k people: no figures for it;
//   - a choice picked by 1..k-1 people: its count is withheld (null) when the
//     withheld counts cannot be solved from the total and the rest
//     (suppressPartition in ../anonymity/suppression.ts); otherwise the whole question
//     is suppressed;
//   - a mean or NPS only when every count is shown;
//   - a question whose visibility depends on a question with anything
//     withheld is suppressed (its answered count would give that away);
//   - free text is never published, whatever the numbers.
// A suppressed question says why (withheldBecause), in terms a reader could
// work out from the rest of the publication, or that the rules publish anyway:
// whether at least k answered it (a figure every shown question publishes),
// or that it depends on a published question with something withheld.
import { isPublishable } from "../anonymity/threshold.ts";
import { suppressOverlapping, suppressPartition } from "../anonymity/suppression.ts";
import { FREE_TEXT_TYPES, type ChoiceValue, type QuestionSpec } from "./questions.ts";
import type { TSurveyText } from "./schema.ts";

export interface ScalarCount {
  question: string;
  value: ChoiceValue;
  n: number;
}

export interface ArrayItemCount {
  question: string;
  item: ChoiceValue;
  n: number;
  /** Sum of 0-based positions (ranking). */
  rankSum: number;
}

export interface RawAggregates {
  responses: number;
  answered: Record<string, number>;
  scalars: ScalarCount[];
  items: ArrayItemCount[];
}

export interface ChoiceResult {
  value: ChoiceValue | boolean;
  text: TSurveyText | string;
  /** null = withheld: fewer than k people, or needed to keep another withheld count from being derived. */
  count: number | null;
}

/**
 * Why a published question shows no figures: fewer than k answered it; one of
 * its answers was given by fewer than k and the other counts would give that
 * number away; or who was asked it depends on a question with something
 * withheld. Set only when the survey itself has k responses.
 */
export type WithheldBecause = "few_answered" | "small_answer" | "depends_on_withheld";

export interface QuestionResult {
  name: string;
  type: QuestionSpec["type"];
  title: TSurveyText | string;
  /** People who answered, null when suppressed. */
  answered: number | null;
  suppressed: boolean;
  /** Free text is stored for HR but never published. */
  published: boolean;
  /** Why a published question is suppressed (absent when it is not, or when the whole survey is). */
  withheldBecause?: WithheldBecause;
  choices?: ChoiceResult[];
  /** rating: mean of the scale values. */
  mean?: number;
  /** rating 0–10: net promoter score (% 9–10 minus % 0–6). */
  nps?: number;
  /** ranking: mean position (1 = first) per item, best first. */
  ranking?: { value: ChoiceValue; text: TSurveyText | string; meanRank: number }[];
}

export interface SurveyResults {
  k: number;
  responses: number | null;
  suppressed: boolean;
  questions: QuestionResult[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export function buildResults(specs: QuestionSpec[], raw: RawAggregates, k: number): SurveyResults {
  const enough = isPublishable(raw.responses, k);
  const questions = specs.map((spec): QuestionResult => {
    const base = { name: spec.name, type: spec.type, title: spec.title };
    if (FREE_TEXT_TYPES.includes(spec.type)) return { ...base, answered: null, suppressed: true, published: false };
    const answered = raw.answered[spec.name] ?? 0;
    if (!enough) return { ...base, answered: null, suppressed: true, published: true };
    if (!isPublishable(answered, k)) return { ...base, answered: null, suppressed: true, published: true, withheldBecause: "few_answered" };
    const result: QuestionResult = { ...base, answered, suppressed: false, published: true };

    if (spec.type === "ranking") {
      const items = raw.items.filter((i) => i.question === spec.name);
      result.ranking = spec.choices
        .map((c) => {
          const it = items.find((i) => i.item === c.value);
          return { value: c.value, text: c.text, n: it?.n ?? 0, meanRank: it && it.n > 0 ? round(it.rankSum / it.n + 1) : 0 };
        })
        // A partial ranking's item ranked by fewer than k people gets no mean.
        .filter((r) => isPublishable(r.n, k))
        .sort((a, b) => a.meanRank - b.meanRank)
        .map(({ value, text, meanRank }) => ({ value, text, meanRank }));
      return result;
    }

    const valueCounts =
      spec.type === "checkbox"
        ? spec.choices.map((c) => raw.items.find((i) => i.question === spec.name && i.item === c.value)?.n ?? 0)
        : spec.type === "boolean"
          ? [true, false].map((b) => raw.scalars.find((s) => s.question === spec.name && s.value === (b ? 1 : 0))?.n ?? 0)
          : spec.choices.map((c) => raw.scalars.find((s) => s.question === spec.name && s.value === c.value)?.n ?? 0);
    const choices: { value: ChoiceValue | boolean; text: TSurveyText | string }[] =
      spec.type === "boolean"
        ? [
            { value: true, text: { default: "Yes", "zh-cn": "是" } },
            { value: false, text: { default: "No", "zh-cn": "否" } },
          ]
        : spec.choices;
    // Checkbox counts overlap, but each of the `answered` people picked 1 … maxSelectedChoices of them.
    const shown =
      spec.type === "checkbox"
        ? suppressOverlapping(valueCounts, k, { answered, min: 1, max: spec.maxSelected || spec.choices.length })
        : suppressPartition(valueCounts, k);
    if (shown === null) return { ...base, answered: null, suppressed: true, published: true, withheldBecause: "small_answer" };
    result.choices = choices.map((c, i) => ({ value: c.value, text: c.text, count: shown[i]! }));

    // A mean or an NPS over counts that include withheld ones is an equation
    // the withheld counts can be solved from: publish them only when every count is shown.
    if (spec.type === "rating" && shown.every((n) => n !== null) && spec.choices.every((c) => typeof c.value === "number")) {
      const total = valueCounts.reduce((a, b) => a + b, 0);
      const sum = spec.choices.reduce((acc, c, i) => acc + (c.value as number) * valueCounts[i]!, 0);
      if (total > 0) result.mean = round(sum / total);
      const values = spec.choices.map((c) => c.value as number);
      if (Math.min(...values) === 0 && Math.max(...values) === 10 && total > 0) {
        const promoters = spec.choices.reduce((acc, c, i) => acc + ((c.value as number) >= 9 ? valueCounts[i]! : 0), 0);
        const detractors = spec.choices.reduce((acc, c, i) => acc + ((c.value as number) <= 6 ? valueCounts[i]! : 0), 0);
        result.nps = Math.round(((promoters - detractors) / total) * 100);
      }
    }
    return result;
  });
  return {
    k,
    responses: enough ? raw.responses : null,
    suppressed: !enough,
    questions: enough ? suppressDependents(specs, questions) : questions,
  };
}

/** Not published in full: suppressed, free text, or with a withheld count. */
const hidesCounts = (q: QuestionResult) => q.suppressed || !q.published || (q.choices ?? []).some((c) => c.count === null);

/**
 * A conditional question's answered count is the number of people whose
 * answers showed it; when a question it depends on has a withheld count, that
 * number would reveal it. Such a question is suppressed entirely — repeated
 * until nothing changes, since suppressing one can expose a chain.
 *
 * Its reason is then "depends_on_withheld", also when it was suppressed for
 * a reason of its own: that one could tell a reader whether k people answered
 * it, which here would say something of the withheld counts it depends on.
 * Whether a question depends on one with something withheld is read from the
 * publication itself, so the reason adds nothing to it.
 */
function suppressDependents(specs: QuestionSpec[], questions: QuestionResult[]): QuestionResult[] {
  const byName = new Map(questions.map((q) => [q.name, q]));
  // A variable that is no published question (a free-text one, a calculated value) cannot be vouched for either.
  const dependsOnWithheld = (spec: QuestionSpec) => spec.dependsOn.some((d) => !byName.has(d) || hidesCounts(byName.get(d)!));
  for (let changed = true; changed;) {
    changed = false;
    for (const spec of specs) {
      const q = byName.get(spec.name)!;
      if (q.suppressed) continue;
      if (dependsOnWithheld(spec)) {
        byName.set(spec.name, { name: q.name, type: q.type, title: q.title, answered: null, suppressed: true, published: q.published });
        changed = true;
      }
    }
  }
  for (const spec of specs) {
    const q = byName.get(spec.name)!;
    if (q.suppressed && q.published && dependsOnWithheld(spec)) byName.set(spec.name, { ...q, withheldBecause: "depends_on_withheld" });
  }
  return questions.map((q) => byName.get(q.name)!);
}
