// What an attacker who knows the suppression rules can solve from published
// results: the fields a question publishes (answered, shown counts, mean,
// NPS) must never pin down a withheld count.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuestionSpec } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { buildResults, type QuestionResult, type RawAggregates } from "#lib/surveys/results.ts";
import { runs } from "../support/fast-check.ts";

const pulse = SURVEYS.find((s) => s.id === "pulse-2026-11")!;

function ratingSpec(values: number[]): QuestionSpec {
  return {
    name: "r",
    type: "rating",
    title: "r",
    choices: values.map((v) => ({ value: v, text: String(v) })),
    maxLength: 0,
    maxSelected: 0,
    partialRanking: false,
    dependsOn: [],
  };
}

function publishRating(spec: QuestionSpec, counts: number[], k: number): QuestionResult {
  const answered = counts.reduce((a, b) => a + b, 0);
  const raw: RawAggregates = {
    responses: answered,
    answered: { [spec.name]: answered },
    scalars: spec.choices.map((c, i) => ({ question: spec.name, value: c.value, n: counts[i]! })).filter((s) => s.n > 0),
    items: [],
  };
  return buildResults([spec], raw, k).questions[0]!;
}

const question = (r: { questions: QuestionResult[] }, name: string) => r.questions.find((q) => q.name === name)!;

/** Everything a reader sees of a rating question. */
const published = (q: QuestionResult) => JSON.stringify([q.answered, q.choices?.map((c) => c.count), q.mean, q.nps]);

/**
 * Whether a reader who knows the total and the rules could still not tell
 * count i: looks for a witness, another count vector with the same total that
 * is published identically but differs at i (swaps, moves of 1–2 between two
 * counts, and everything concentrated on two counts).
 */
function witnesses(spec: QuestionSpec, counts: number[], k: number): number[][] {
  const target = published(publishRating(spec, counts, k));
  const total = counts.reduce((a, b) => a + b, 0);
  const n = counts.length;
  const candidates: number[][] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const swap = [...counts];
      [swap[a], swap[b]] = [swap[b]!, swap[a]!];
      candidates.push(swap);
      for (const d of [1, 2]) {
        if (counts[a]! >= d) candidates.push(counts.map((c, j) => (j === a ? c - d : j === b ? c + d : c)));
      }
      for (let l = 0; l <= total; l++) candidates.push(counts.map((_, j) => (j === a ? l : j === b ? total - l : 0)));
    }
  }
  return candidates.filter((c) => published(publishRating(spec, c, k)) === target);
}

const ambiguous = (spec: QuestionSpec, counts: number[], k: number, i: number) =>
  witnesses(spec, counts, k).some((c) => c[i] !== counts[i]);

describe("no withheld count can be solved from what a question publishes", () => {
  it("the reviewer's case: one person at 1 and nine at 5 publish no mean and no count", () => {
    const spec = pulse.questions.find((q) => q.name === "satisfaction")!;
    const q = publishRating(spec, [1, 0, 0, 0, 9], 5);
    expect(q.mean).toBeUndefined();
    expect(q.choices).toBeUndefined();
    expect(q.suppressed).toBe(true);
    for (let i = 0; i < 5; i++) expect(ambiguous(spec, [1, 0, 0, 0, 9], 5, i)).toBe(true);
  });

  it("withholds two small counts but publishes no mean over them", () => {
    const spec = pulse.questions.find((q) => q.name === "satisfaction")!;
    const q = publishRating(spec, [2, 0, 3, 0, 9], 5);
    expect(q.choices!.map((c) => c.count)).toEqual([null, 0, null, 0, 9]);
    expect(q.mean).toBeUndefined();
    expect(publishRating(spec, [5, 0, 5, 0, 9], 5).mean).toBeCloseTo((5 + 15 + 45) / 19, 2);
  });

  it("holds for any counts on a 1–5 scale (mean) and a 0–10 scale (mean and NPS)", { timeout: 60_000 }, () => {
    for (const values of [
      [1, 2, 3, 4, 5],
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]) {
      const spec = ratingSpec(values);
      fc.assert(
        fc.property(
          fc.array(fc.nat({ max: 7 }), { minLength: values.length, maxLength: values.length }),
          fc.integer({ min: 3, max: 6 }),
          (counts, k) => {
            const q = publishRating(spec, counts, k);
            const total = counts.reduce((a, b) => a + b, 0);
            // Below k answers nothing is published at all; all shown hides nothing.
            if (total < k || (!q.suppressed && q.choices!.every((c) => c.count !== null))) return;
            const alike = witnesses(spec, counts, k);
            counts.forEach((_, i) => {
              const hidden = q.suppressed || q.choices![i]!.count === null;
              if (hidden)
                expect(
                  alike.some((c) => c[i] !== counts[i]),
                  `cell ${i} of ${counts} (k=${k})`,
                ).toBe(true);
            });
          },
        ),
        { numRuns: runs(120) },
      );
    }
  });
});

describe("a conditional question is suppressed when a count it depends on is withheld", () => {
  it("the reviewer's case: loadSources (shown for heavy/unsustainable) does not reveal the withheld 'unsustainable'", () => {
    for (const [n, sourcesAnswered, workloadCounts] of [
      // the reviewer's numbers: one small count, so workload is suppressed whole
      [{ light: 5, normal: 30, heavy: 10, unsustainable: 2 }, 12, undefined],
      // two small counts, withheld: heavy + unsustainable is loadSources' answered count
      [{ light: 3, normal: 30, heavy: 10, unsustainable: 3 }, 13, [null, 30, 10, null]],
    ] as const) {
      const responses = Object.values(n).reduce((a, b) => a + b, 0);
      const raw: RawAggregates = {
        responses,
        answered: { satisfaction: responses, workload: responses, loadSources: sourcesAnswered, recognised: responses },
        scalars: [
          { question: "satisfaction", value: 4, n: responses },
          ...Object.entries(n).map(([value, count]) => ({ question: "workload", value, n: count })),
          { question: "recognised", value: 1, n: responses },
        ],
        items: [{ question: "loadSources", item: "volume", n: sourcesAnswered, rankSum: 0 }],
      };
      const out = buildResults(pulse.questions, raw, 5);
      const workload = out.questions.find((q) => q.name === "workload")!;
      expect(workload.choices?.map((c) => c.count)).toEqual(workloadCounts);
      const loadSources = out.questions.find((q) => q.name === "loadSources")!;
      expect(loadSources).toMatchObject({ suppressed: true, answered: null });
      expect(loadSources.choices).toBeUndefined();
      // With every workload count shown, the conditional question is published.
      const more = responses + 20;
      const shown = buildResults(
        pulse.questions,
        {
          ...raw,
          scalars: raw.scalars.map((s) => (s.question === "workload" ? { ...s, n: s.n + 5 } : s)),
          responses: more,
          answered: { ...raw.answered, workload: more },
        },
        5,
      );
      expect(shown.questions.find((q) => q.name === "loadSources")).toMatchObject({ suppressed: false, answered: sourcesAnswered });
    }
  });

  it("follows page and panel conditions and chains of them", () => {
    const definition = {
      pages: [
        { name: "p1", elements: [{ type: "radiogroup", name: "a", choices: ["x", "y", "z"] }] },
        { name: "p2", visibleIf: "{a} = 'x'", elements: [{ type: "panel", name: "pn", elements: [{ type: "boolean", name: "b" }] }] },
        { name: "p3", elements: [{ type: "boolean", name: "c", visibleIf: "{b} = true" }] },
      ],
    };
    return import("#lib/surveys/questions.ts").then(({ describeQuestions }) => {
      const specs = describeQuestions(definition);
      expect(specs.map((s) => s.dependsOn)).toEqual([[], ["a"], ["b"]]);
      const raw: RawAggregates = {
        responses: 20,
        answered: { a: 20, b: 18, c: 9 },
        scalars: [
          { question: "a", value: "x", n: 3 },
          { question: "a", value: "y", n: 3 },
          { question: "a", value: "z", n: 14 },
          { question: "b", value: 1, n: 9 },
          { question: "b", value: 0, n: 9 },
          { question: "c", value: 1, n: 9 },
        ],
        items: [],
      };
      const out = buildResults(specs, raw, 5);
      expect(out.questions[0]!.choices!.map((c) => c.count)).toEqual([null, null, 14]);
      expect(out.questions.map((q) => q.suppressed)).toEqual([false, true, true]);
    });
  });
});

describe("checkbox counts withheld below k cannot be solved from the answered count and the selection limits", () => {
  const checkbox = (n: number, maxSelected: number): QuestionSpec => ({
    name: "c",
    type: "checkbox",
    title: "c",
    choices: Array.from({ length: n }, (_, i) => ({ value: `v${i}`, text: `v${i}` })),
    maxLength: 0,
    maxSelected,
    partialRanking: false,
    dependsOn: [],
  });

  /** Counts and answered count of some respondents' selections. */
  function tally(selections: number[][], n: number) {
    const counts = Array<number>(n).fill(0);
    for (const s of selections) for (const i of s) counts[i]!++;
    return { counts, answered: selections.filter((s) => s.length > 0).length };
  }

  function publish(spec: QuestionSpec, counts: number[], answered: number, k: number): QuestionResult {
    const raw: RawAggregates = {
      responses: answered,
      answered: { c: answered },
      scalars: [],
      items: spec.choices.map((c, i) => ({ question: "c", item: c.value, n: counts[i]!, rankSum: 0 })).filter((x) => x.n > 0),
    };
    return buildResults([spec], raw, k).questions[0]!;
  }

  /**
   * Respondents realizing `counts`: deal the selections round-robin, so each
   * of the `answered` people gets ⌊sum/answered⌋ or ⌈sum/answered⌉ distinct
   * choices (a choice's copies are consecutive and no more than `answered`).
   * Null when some person would get none or more than `max`.
   */
  function realize(counts: number[], answered: number, max: number): number[][] | null {
    if (counts.some((c) => c > answered)) return null;
    const people: number[][] = Array.from({ length: answered }, () => []);
    let next = 0;
    counts.forEach((c, choice) => {
      for (let j = 0; j < c; j++) people[next++ % answered]!.push(choice);
    });
    return people.every((p) => p.length >= 1 && p.length <= max) ? people : null;
  }

  it("the reviewer's case: answered 10, volume 10, staffing 9, at most 2 each ⇒ systems would be 1: not published", () => {
    const q = publish(checkbox(3, 2), [10, 9, 1], 10, 5);
    expect(q.suppressed).toBe(true);
    expect(q.choices).toBeUndefined();
  });

  it("holds for generated respondents with a maximum number of choices", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n }),
              fc.integer({ min: 3, max: 6 }),
              fc.array(fc.nat(), { minLength: 3, maxLength: 16 }),
            ),
          ),
        ([n, max, k, seeds]) => {
          // each respondent picks 1..max distinct choices, derived from a seed
          const selections = seeds.map((seed) => {
            const size = 1 + (seed % max);
            const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7 + seed) % 11) - ((b * 7 + seed) % 11));
            return order.slice(0, size);
          });
          const { counts, answered } = tally(selections, n);
          const spec = checkbox(n, max === n ? 0 : max);
          const q = publish(spec, counts, answered, k);
          if (q.suppressed || !q.choices) return;
          const shown = q.choices.map((c) => c.count);
          const withheld = shown.flatMap((c, i) => (c === null ? [i] : []));
          // every count vector a reader must consider: shown counts as shown, withheld ones 1..k−1, realizable by `answered` people
          for (const i of withheld) {
            const values = new Set<number>();
            const search = (j: number, vector: number[]) => {
              if (values.size > 1) return;
              if (j === n) {
                if (realize(vector, answered, max)) values.add(vector[i]!);
                return;
              }
              if (shown[j] !== null) return search(j + 1, [...vector, shown[j]!]);
              for (let v = 1; v < k; v++) search(j + 1, [...vector, v]);
            };
            search(0, []);
            expect(values.size, `choice ${i} of ${counts} (answered ${answered}, max ${max}, k ${k})`).toBeGreaterThan(1);
          }
          // and the true counts are among them
          expect(realize(counts, answered, max)).not.toBeNull();
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe("why a question is withheld (withheldBecause): in terms a reader can check against the figures around it", () => {
  const spec = (name: string, dependsOn: string[] = []): QuestionSpec => ({ ...ratingSpec([1, 2, 3]), name, title: name, dependsOn });
  function publish(specs: QuestionSpec[], responses: number, tallies: Record<string, number[]>, k = 5) {
    const raw: RawAggregates = { responses, answered: {}, scalars: [], items: [] };
    for (const [question, ns] of Object.entries(tallies)) {
      raw.answered[question] = ns.reduce((a, b) => a + b, 0);
      ns.forEach((n, i) => n > 0 && raw.scalars.push({ question, value: i + 1, n }));
    }
    return buildResults(specs, raw, k);
  }
  const reasons = (r: ReturnType<typeof publish>) => Object.fromEntries(r.questions.map((q) => [q.name, q.withheldBecause ?? null]));

  it("few answered it: fewer than k of the responses (which are published, and at least k)", () => {
    const r = publish([spec("a"), spec("b")], 9, { a: [9, 0, 0], b: [2, 1, 1] });
    expect(r.responses).toBe(9);
    expect(reasons(r)).toEqual({ a: null, b: "few_answered" });
  });

  it("enough answered it, but one answer was given by fewer than k and the others would give it away", () => {
    const r = publish([spec("a")], 12, { a: [10, 0, 2] });
    expect(question(r, "a").suppressed).toBe(true);
    expect(reasons(r)).toEqual({ a: "small_answer" });
  });

  it("who was asked depends on a question with something withheld: said so, whatever its own reason", () => {
    const r = publish([spec("a"), spec("b", ["a"]), spec("c", ["a"])], 20, { a: [17, 0, 3], b: [2, 0, 0], c: [5, 5, 7] });
    expect(reasons(r)).toEqual({ a: "small_answer", b: "depends_on_withheld", c: "depends_on_withheld" });
  });

  it("no reason per question when the whole survey has fewer than k responses, and none on free text or shown questions", () => {
    const r = publish([spec("a")], 4, { a: [4, 0, 0] });
    expect(r.suppressed).toBe(true);
    expect(reasons(r)).toEqual({ a: null });
  });
});
