// Results published with a k raised after the first publication
// (src/lib/surveys/raised-k.ts): for generated responses, the larger-k
// publication shows no figure the first one did not, with the same value —
// rankings' mean ranks (the published form of their rank sums) included —
// and a publication that differs only in a ranking's rank sums is caught.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuestionSpec } from "#lib/surveys/questions.ts";
import { publishWithK, readableFigures, showsNothingNew } from "#lib/surveys/raised-k.ts";
import { buildResults, type RawAggregates } from "#lib/surveys/results.ts";
import { runs } from "../support/fast-check.ts";

const spec = (name: string, type: QuestionSpec["type"], values: (string | number)[], maxSelected = 0): QuestionSpec => ({
  name,
  type,
  title: name,
  choices: values.map((v) => ({ value: v, text: String(v) })),
  maxLength: 0,
  maxSelected,
  partialRanking: false,
  dependsOn: [],
});

const SPECS = [
  spec("mood", "rating", [1, 2, 3, 4, 5]),
  spec("team", "radiogroup", ["a", "b", "c"]),
  spec("load", "checkbox", ["x", "y", "z"], 2),
  spec("order", "ranking", ["p", "q", "r"]),
];

interface Response {
  mood: number;
  team: string;
  load: string[];
  order: string[];
}

/** The aggregates of some responses, counted independently of the code under test. */
function aggregate(responses: Response[]): RawAggregates {
  const scalars = new Map<string, { question: string; value: string | number; n: number }>();
  const items = new Map<string, { question: string; item: string; n: number; rankSum: number }>();
  for (const r of responses) {
    for (const [question, value] of [
      ["mood", r.mood],
      ["team", r.team],
    ] as const) {
      const key = `${question}:${value}`;
      scalars.set(key, { question, value, n: (scalars.get(key)?.n ?? 0) + 1 });
    }
    for (const question of ["load", "order"] as const) {
      r[question].forEach((item, position) => {
        const key = `${question}:${item}`;
        const found = items.get(key) ?? { question, item, n: 0, rankSum: 0 };
        items.set(key, { ...found, n: found.n + 1, rankSum: found.rankSum + position });
      });
    }
  }
  return {
    responses: responses.length,
    answered: {
      mood: responses.length,
      team: responses.length,
      load: responses.filter((r) => r.load.length > 0).length,
      order: responses.length,
    },
    scalars: [...scalars.values()],
    items: [...items.values()],
  };
}

const response = fc.record({
  mood: fc.integer({ min: 1, max: 5 }),
  team: fc.constantFrom("a", "b", "c"),
  load: fc.subarray(["x", "y", "z"], { minLength: 1, maxLength: 2 }),
  order: fc.shuffledSubarray(["p", "q", "r"], { minLength: 3, maxLength: 3 }),
});

const responsesArb = fc.array(response, { maxLength: 60 });

describe("results under a raised k", () => {
  it("show no figure the first publication did not, with the same value, mean ranks included", () => {
    fc.assert(
      fc.property(responsesArb, fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 4 }), (responses, k, raise) => {
        const raw = aggregate(responses);
        const first = buildResults(SPECS, raw, k);
        const raised = publishWithK(SPECS, raw, k, k + raise);
        expect(raised.k).toBe(k + raise);
        expect(raised.responses === null || raised.responses === first.responses).toBe(true);
        const shownThen = readableFigures(first);
        for (const [key, value] of readableFigures(raised)) if (!key.includes(":withheld:")) expect(shownThen.get(key), key).toBe(value);
      }),
      { numRuns: runs(200) },
    );
  });

  it("are the first publication itself while k is not raised (a lowered k shows nothing more)", () => {
    fc.assert(
      fc.property(responsesArb, fc.integer({ min: 3, max: 6 }), fc.integer({ min: 0, max: 3 }), (responses, k, lower) => {
        const raw = aggregate(responses);
        expect(publishWithK(SPECS, raw, k, Math.max(3, k - lower))).toEqual(buildResults(SPECS, raw, k));
      }),
      { numRuns: runs(100) },
    );
  });
});

describe("the figures compared", () => {
  /** k people who rank p, q, r in that order, and one more who ranks them as given. */
  const ranked = (k: number, last: string[]) =>
    aggregate([
      ...Array.from({ length: k }, () => ({ mood: 3, team: "a", load: ["x"], order: ["p", "q", "r"] })),
      { mood: 3, team: "a", load: ["x"], order: last },
    ]);

  it("include every mean rank of a ranking shown", () => {
    const figures = readableFigures(buildResults(SPECS, ranked(5, ["r", "q", "p"]), 5));
    expect([...figures.keys()].filter((key) => key.startsWith("order:rank:"))).toEqual([
      "order:rank:string:p",
      "order:rank:string:q",
      "order:rank:string:r",
    ]);
    expect(figures.get("order:rank:string:r")).toBe(Math.round(((2 * 5 + 0) / 6 + 1) * 100) / 100);
  });

  it("catch two publications that differ only in a ranking's rank sums (how one person ranked)", () => {
    // The same counts everywhere — responses, answered, every choice — and rank sums that differ by one person's order.
    const a = buildResults(SPECS, ranked(5, ["p", "q", "r"]), 5);
    const b = buildResults(SPECS, ranked(5, ["r", "q", "p"]), 5);
    expect(b.responses).toBe(a.responses);
    expect(showsNothingNew(a, b)).toBe(false);
    expect(showsNothingNew(a, a)).toBe(true);
  });
});
