// Change since the previous run of a series (src/lib/surveys/trends.ts),
// worked out from the two runs' published results only. Results here come
// from buildResults over hand-counted aggregates, so withheld counts are the
// ones the real rule withholds; expected changes are worked out by hand in
// the comments. A withheld figure must never come back as a change.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChoiceValue, QuestionSpec } from "#lib/surveys/questions.ts";
import { buildResults, type QuestionResult, type RawAggregates, type SurveyResults } from "#lib/surveys/results.ts";
import { biggestChanges, compareRuns, favourableShare, sameScale, type QuestionTrend } from "#lib/surveys/trends.ts";
import { runs } from "../support/fast-check.ts";

const K = 5;

const spec = (name: string, type: QuestionSpec["type"], values: ChoiceValue[] = [], extra: Partial<QuestionSpec> = {}): QuestionSpec => ({
  name,
  type,
  title: name,
  choices: values.map((v) => ({ value: v, text: String(v) })),
  maxLength: 0,
  maxSelected: 0,
  partialRanking: false,
  dependsOn: [],
  ...extra,
});

const MOOD = spec("mood", "rating", [1, 2, 3, 4, 5]);
const NPS = spec("nps", "rating", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const FAIR = spec("fair", "boolean");
const TEAM = spec("team", "radiogroup", ["a", "b", "c"]);
const LOAD = spec("load", "checkbox", ["x", "y", "z"]);
const PRIORITIES = spec("priorities", "ranking", ["pay", "tools", "rota"]);
const PARTIAL = spec("partial", "ranking", ["pay", "tools", "rota"], { partialRanking: true });
const NOTE = spec("note", "comment");

/** What one question's answers add up to: scalar counts per value, or per item with a rank sum (0-based positions). */
interface Tally {
  answered: number;
  scalars?: [ChoiceValue, number][];
  items?: [ChoiceValue, number, number?][];
}

function published(specs: QuestionSpec[], responses: number, tallies: Record<string, Tally>, k = K): SurveyResults {
  const raw: RawAggregates = { responses, answered: {}, scalars: [], items: [] };
  for (const [question, t] of Object.entries(tallies)) {
    raw.answered[question] = t.answered;
    for (const [value, n] of t.scalars ?? []) raw.scalars.push({ question, value, n });
    for (const [item, n, rankSum] of t.items ?? []) raw.items.push({ question, item, n, rankSum: rankSum ?? 0 });
  }
  return buildResults(specs, raw, k);
}

/** Scalar counts for each of a question's values in order (a boolean's are yes, no). */
const counts = (values: ChoiceValue[], ns: number[]): Tally => ({
  answered: ns.reduce((a, b) => a + b, 0),
  scalars: values.map((v, i): [ChoiceValue, number] => [v, ns[i]!]).filter(([, n]) => n > 0),
});
const yesNo = (yes: number, no: number) => counts([1, 0], [yes, no]);
const question = (results: SurveyResults, name: string) => results.questions.find((q) => q.name === name)!;
const trendOf = (trends: QuestionTrend[], name: string) => trends.find((t) => t.name === name);

describe("sameScale", () => {
  it("holds for the same type and the same values in the same order, whatever the labels say", () => {
    expect(sameScale(MOOD, spec("mood", "rating", [1, 2, 3, 4, 5]))).toBe(true);
    expect(sameScale(TEAM, { ...TEAM, choices: TEAM.choices.map((c) => ({ ...c, text: { default: "renamed", "zh-cn": "改名" } })) })).toBe(
      true,
    );
    expect(sameScale(FAIR, spec("fair", "boolean"))).toBe(true);
    expect(sameScale(NOTE, spec("note", "comment"))).toBe(true);
  });

  it("fails for another scale, another order, one choice more or less, or another type", () => {
    expect(sameScale(MOOD, spec("mood", "rating", [1, 2, 3, 4, 5, 6, 7]))).toBe(false);
    expect(sameScale(MOOD, spec("mood", "rating", [0, 1, 2, 3, 4]))).toBe(false);
    expect(sameScale(MOOD, spec("mood", "rating", [5, 4, 3, 2, 1]))).toBe(false);
    expect(sameScale(TEAM, spec("team", "radiogroup", ["b", "a", "c"]))).toBe(false);
    expect(sameScale(TEAM, spec("team", "radiogroup", ["a", "b"]))).toBe(false);
    expect(sameScale(TEAM, spec("team", "radiogroup", ["a", "b", "c", "d"]))).toBe(false);
    expect(sameScale(TEAM, spec("team", "dropdown", ["a", "b", "c"]))).toBe(false);
    expect(sameScale(TEAM, spec("team", "checkbox", ["a", "b", "c"]))).toBe(false);
    expect(sameScale(spec("q", "rating", [1, 2, 3]), spec("q", "radiogroup", [1, 2, 3]))).toBe(false);
  });

  it("is symmetric", () => {
    const all = [MOOD, NPS, FAIR, TEAM, LOAD, PRIORITIES, NOTE, spec("team", "radiogroup", ["a", "b"]), spec("mood", "rating", [1, 2, 3])];
    for (const a of all) for (const b of all) expect(sameScale(a, b)).toBe(sameScale(b, a));
  });
});

/** A published rating or yes/no result, written out by hand. */
const result = (
  type: QuestionResult["type"],
  choices: [ChoiceValue | boolean, number | null][],
  answered: number | null = null,
): QuestionResult => ({
  name: "q",
  type,
  title: "q",
  answered: answered ?? choices.reduce((a, [, n]) => a + (n ?? 0), 0),
  suppressed: false,
  published: true,
  choices: choices.map(([value, count]) => ({ value, text: String(value), count })),
});

describe("favourableShare", () => {
  it("a rating: the share in the top two points of its scale", () => {
    // 4 and 5 of 1–5: (6 + 3) of 20
    expect(
      favourableShare(
        result("rating", [
          [1, 2],
          [2, 4],
          [3, 5],
          [4, 6],
          [5, 3],
        ]),
      ),
    ).toBe(0.45);
    // 9 and 10 of 0–10, not 4 and 5
    expect(
      favourableShare(
        result("rating", [
          [0, 0],
          [1, 0],
          [2, 0],
          [3, 0],
          [4, 5],
          [5, 5],
          [6, 0],
          [7, 0],
          [8, 0],
          [9, 6],
          [10, 4],
        ]),
      ),
    ).toBe(0.5);
    // the top of the scale even when nobody chose it: on 1–5, 4 and 5, not 3 and 4
    expect(
      favourableShare(
        result("rating", [
          [1, 0],
          [2, 0],
          [3, 5],
          [4, 5],
          [5, 0],
        ]),
      ),
    ).toBe(0.5);
    // by value, not by position in the list
    expect(
      favourableShare(
        result("rating", [
          [5, 2],
          [4, 2],
          [3, 6],
          [2, 5],
          [1, 5],
        ]),
      ),
    ).toBe(0.2);
    // a scale of two points is all favourable; of three, the middle counts
    expect(
      favourableShare(
        result("rating", [
          [1, 5],
          [2, 5],
        ]),
      ),
    ).toBe(1);
    expect(
      favourableShare(
        result("rating", [
          [1, 5],
          [2, 5],
          [3, 10],
        ]),
      ),
    ).toBe(0.75);
  });

  it("a yes/no question: the share of yes", () => {
    expect(
      favourableShare(
        result("boolean", [
          [true, 15],
          [false, 5],
        ]),
      ),
    ).toBe(0.75);
    expect(
      favourableShare(
        result("boolean", [
          [true, 0],
          [false, 8],
        ]),
      ),
    ).toBe(0);
  });

  it("nothing for a question of any other type", () => {
    for (const type of ["radiogroup", "dropdown", "checkbox"] as const)
      expect(
        favourableShare(
          result(type, [
            ["a", 5],
            ["b", 5],
          ]),
        ),
      ).toBeNull();
    expect(
      favourableShare({ ...result("ranking", []), choices: undefined, ranking: [{ value: "pay", text: "pay", meanRank: 1 }] }),
    ).toBeNull();
  });

  it("nothing when a count is withheld, the question is withheld, or nobody answered", () => {
    // the shown counts alone (5 of 15 at the top) would say 33 %; the withheld one could be anything from 1 to 4
    expect(
      favourableShare(
        result(
          "rating",
          [
            [1, 5],
            [2, null],
            [3, 5],
            [4, null],
            [5, 5],
          ],
          22,
        ),
      ),
    ).toBeNull();
    expect(favourableShare({ ...result("rating", [[1, 5]]), answered: null, suppressed: true })).toBeNull();
    expect(favourableShare({ ...result("rating", []), choices: undefined })).toBeNull();
    expect(
      favourableShare(
        result("boolean", [
          [true, 0],
          [false, 0],
        ]),
      ),
    ).toBeNull();
  });

  it("agrees with what buildResults publishes", () => {
    const r = published([MOOD, FAIR], 20, { mood: counts([1, 2, 3, 4, 5], [0, 5, 5, 5, 5]), fair: yesNo(12, 8) });
    expect(favourableShare(question(r, "mood"))).toBe(0.5);
    expect(favourableShare(question(r, "fair"))).toBe(0.6);
  });
});

describe("compareRuns", () => {
  const SPECS = [MOOD, FAIR, TEAM, LOAD, PRIORITIES, NOTE];

  const previous = {
    specs: SPECS,
    results: published(SPECS, 20, {
      // mean (10 + 15 + 20 + 25) / 20 = 3.5; favourable 10 of 20
      mood: counts([1, 2, 3, 4, 5], [0, 5, 5, 5, 5]),
      // yes 12 of 20
      fair: yesNo(12, 8),
      // a 50 %, b 25 %, c 25 %
      team: counts(["a", "b", "c"], [10, 5, 5]),
      // of 10 who answered: x 100 %, y 50 %, z 0 %
      load: {
        answered: 10,
        items: [
          ["x", 10],
          ["y", 5],
        ],
      },
      // everyone ranked pay first, tools second, rota third
      priorities: {
        answered: 10,
        items: [
          ["pay", 10, 0],
          ["tools", 10, 10],
          ["rota", 10, 20],
        ],
      },
      note: { answered: 20 },
    }),
  };

  const current = {
    specs: SPECS,
    results: published(SPECS, 24, {
      // mean (5 + 18 + 24 + 35) / 24 = 3.4166… published 3.42; favourable 13 of 24
      mood: counts([1, 2, 3, 4, 5], [5, 0, 6, 6, 7]),
      // yes 7 of 21
      fair: yesNo(7, 14),
      // a 40 %, b 60 %, c 0 %
      team: counts(["a", "b", "c"], [6, 9, 0]),
      // of 20: x 50 %, y 100 %, z 25 %
      load: {
        answered: 20,
        items: [
          ["x", 10],
          ["y", 20],
          ["z", 5],
        ],
      },
      // mean ranks pay 2.5, tools 1.5, rota 2
      priorities: {
        answered: 10,
        items: [
          ["pay", 10, 15],
          ["tools", 10, 5],
          ["rota", 10, 10],
        ],
      },
      note: { answered: 24 },
    }),
  };

  it("the fixture publishes every figure in both runs (so each change below is from shown counts)", () => {
    for (const r of [previous.results, current.results]) {
      expect(r.suppressed).toBe(false);
      for (const q of r.questions.filter((q) => q.published)) {
        expect(q.suppressed).toBe(false);
        expect((q.choices ?? []).every((c) => c.count !== null)).toBe(true);
      }
    }
  });

  const trends = compareRuns(current, previous);

  it("a rating: the change of its mean (2 decimals) and of its favourable share (percentage points, 1 decimal)", () => {
    // mean 3.42 − 3.5; favourable 13/24 − 10/20 = 54.1666… − 50 points
    expect(trendOf(trends, "mood")).toEqual({ name: "mood", status: "compared", mean: -0.08, favourable: 4.2 });
  });

  it("a yes/no question: the change of its share of yes, and no mean", () => {
    // 7/21 − 12/20 = 33.333… − 60 points
    expect(trendOf(trends, "fair")).toEqual({ name: "fair", status: "compared", favourable: -26.7 });
  });

  it("a single choice: each choice's share of those who answered, in points, in form order", () => {
    expect(trendOf(trends, "team")).toEqual({
      name: "team",
      status: "compared",
      choices: [
        { value: "a", change: -10 },
        { value: "b", change: 35 },
        { value: "c", change: -25 },
      ],
    });
  });

  it("checkboxes: each choice's share of those who answered (the shares need not add up to 100)", () => {
    expect(trendOf(trends, "load")).toEqual({
      name: "load",
      status: "compared",
      choices: [
        { value: "x", change: -50 },
        { value: "y", change: 50 },
        { value: "z", change: 25 },
      ],
    });
  });

  it("a ranking: each item's mean rank now minus then, best first now (negative: ranked higher)", () => {
    expect(trendOf(trends, "priorities")).toEqual({
      name: "priorities",
      status: "compared",
      ranking: [
        { value: "tools", change: -0.5 },
        { value: "rota", change: -1 },
        { value: "pay", change: 1.5 },
      ],
    });
  });

  it("free text has no figures and is left out; the rest come in the current run's form order", () => {
    expect(trends.map((t) => t.name)).toEqual(["mood", "fair", "team", "load", "priorities"]);
  });

  it("a question the previous run did not ask is new; one it asked and this run dropped is left out", () => {
    const specs = [spec("fresh", "rating", [1, 2, 3, 4, 5]), MOOD];
    const now = {
      specs,
      results: published(specs, 20, { fresh: counts([1, 2, 3, 4, 5], [0, 0, 10, 5, 5]), mood: counts([1, 2, 3, 4, 5], [0, 5, 5, 5, 5]) }),
    };
    const out = compareRuns(now, previous);
    expect(out).toEqual([
      { name: "fresh", status: "new" },
      { name: "mood", status: "compared", mean: 0, favourable: 0 },
    ]);
  });

  it("a question whose scale, choices or type changed is not comparable, even when it is withheld", () => {
    const specs = [
      spec("mood", "rating", [1, 2, 3, 4, 5, 6, 7]),
      spec("team", "radiogroup", ["c", "b", "a"]),
      spec("load", "radiogroup", ["x", "y", "z"]),
    ];
    const now = {
      specs,
      results: published(specs, 20, {
        mood: counts([1, 2, 3, 4, 5, 6, 7], [0, 0, 5, 5, 5, 5, 0]),
        team: counts(["c", "b", "a"], [2, 8, 10]),
        load: counts(["x", "y", "z"], [10, 5, 5]),
      }),
    };
    expect(compareRuns(now, previous)).toEqual([
      { name: "mood", status: "scale_changed" },
      { name: "team", status: "scale_changed" },
      { name: "load", status: "scale_changed" },
    ]);
  });

  it("a question that was free text and now has figures (same name) is not comparable", () => {
    const specs = [spec("note", "rating", [1, 2, 3, 4, 5])];
    const now = { specs, results: published(specs, 20, { note: counts([1, 2, 3, 4, 5], [0, 5, 5, 5, 5]) }) };
    expect(compareRuns(now, previous)).toEqual([{ name: "note", status: "scale_changed" }]);
  });

  it("every question is withheld when either run as a whole is (fewer than k responses)", () => {
    const few = { specs: SPECS, results: published(SPECS, 4, { mood: counts([1, 2, 3, 4, 5], [0, 0, 0, 4, 0]), fair: yesNo(4, 0) }) };
    expect(few.results.suppressed).toBe(true);
    const withheld = SPECS.filter((s) => s !== NOTE).map((s) => ({ name: s.name, status: "withheld" }));
    expect(compareRuns(few, previous)).toEqual(withheld);
    expect(compareRuns(current, few)).toEqual(withheld);
  });

  it("a question withheld in either run (fewer than k answered it) is withheld, with no figure", () => {
    const now = {
      specs: SPECS,
      results: published(SPECS, 24, {
        mood: counts([1, 2, 3, 4, 5], [0, 0, 0, 4, 0]),
        fair: yesNo(3, 1),
        team: counts(["a", "b", "c"], [4, 0, 0]),
        load: { answered: 3, items: [["x", 3]] },
        priorities: {
          answered: 4,
          items: [
            ["pay", 4, 0],
            ["tools", 4, 4],
            ["rota", 4, 8],
          ],
        },
      }),
    };
    const withheld = SPECS.filter((s) => s !== NOTE).map((s) => ({ name: s.name, status: "withheld" }));
    expect(compareRuns(now, previous)).toEqual(withheld);
    expect(compareRuns(previous, now)).toEqual(withheld);
  });

  it("a rating with a withheld count is withheld: no mean or favourable share from the counts that are shown", () => {
    // 2 and 3 are withheld (5 splits four ways), so the published mean and favourable share are withheld too
    const now = { specs: [MOOD], results: published([MOOD], 20, { mood: counts([1, 2, 3, 4, 5], [5, 2, 3, 5, 5]) }) };
    expect(question(now.results, "mood").choices!.map((c) => c.count)).toEqual([5, null, null, 5, 5]);
    expect(question(now.results, "mood").mean).toBeUndefined();
    expect(compareRuns(now, previous)).toEqual([{ name: "mood", status: "withheld" }]);
    expect(compareRuns(previous, { ...now, specs: SPECS })).toContainEqual({ name: "mood", status: "withheld" });
  });

  it("a choice withheld in either run has no change (null); the others still have theirs", () => {
    // then: b and c withheld (2 + 3 = 5 splits four ways); a = 12 of 17
    const then = { specs: [TEAM], results: published([TEAM], 17, { team: counts(["a", "b", "c"], [12, 2, 3]) }) };
    expect(question(then.results, "team").choices!.map((c) => c.count)).toEqual([12, null, null]);
    // a: 6/20 − 12/17 = 30 − 70.588… points
    const now = { specs: [TEAM], results: published([TEAM], 20, { team: counts(["a", "b", "c"], [6, 9, 5]) }) };
    expect(compareRuns(now, then)).toEqual([
      {
        name: "team",
        status: "compared",
        choices: [
          { value: "a", change: -40.6 },
          { value: "b", change: null },
          { value: "c", change: null },
        ],
      },
    ]);
  });

  it("choices withheld in one run or the other: no figure to compare, so the question is withheld", () => {
    // 2 + 3 splits four ways, so each run withholds two counts and shows the 6 — not the same two
    const then = { specs: [TEAM], results: published([TEAM], 11, { team: counts(["a", "b", "c"], [6, 2, 3]) }) };
    const now = { specs: [TEAM], results: published([TEAM], 11, { team: counts(["a", "b", "c"], [2, 3, 6]) }) };
    expect(question(then.results, "team").choices!.map((c) => c.count)).toEqual([6, null, null]);
    expect(question(now.results, "team").choices!.map((c) => c.count)).toEqual([null, null, 6]);
    // the same status a rating or a ranking with no figure left gets
    expect(compareRuns(now, then)).toEqual([{ name: "team", status: "withheld" }]);
  });

  it("a choice question with every count withheld is withheld whole, so it is withheld here too", () => {
    const now = { specs: [TEAM], results: published([TEAM], 5, { team: counts(["a", "b", "c"], [2, 3, 0]) }) };
    expect(question(now.results, "team").suppressed).toBe(true);
    expect(compareRuns(now, previous)).toEqual([{ name: "team", status: "withheld" }]);
  });

  it("a ranking item ranked by fewer than k people in either run is left out of its change", () => {
    const specs = [PARTIAL];
    // then: rota ranked by 3 people only, so it has no published mean rank
    const then = {
      specs,
      results: published(specs, 10, {
        partial: {
          answered: 10,
          items: [
            ["pay", 10, 5],
            ["tools", 10, 10],
            ["rota", 3, 3],
          ],
        },
      }),
    };
    expect(question(then.results, "partial").ranking!.map((r) => r.value)).toEqual(["pay", "tools"]);
    const now = {
      specs,
      results: published(specs, 10, {
        partial: {
          answered: 10,
          items: [
            ["pay", 10, 10],
            ["tools", 10, 5],
            ["rota", 10, 15],
          ],
        },
      }),
    };
    // pay 2 − 1.5, tools 1.5 − 2
    expect(compareRuns(now, then)).toEqual([
      {
        name: "partial",
        status: "compared",
        ranking: [
          { value: "tools", change: -0.5 },
          { value: "pay", change: 0.5 },
        ],
      },
    ]);
    // nothing in common: withheld rather than an empty comparison
    const none = {
      specs,
      results: published(specs, 10, {
        partial: {
          answered: 10,
          items: [
            ["pay", 4, 0],
            ["tools", 4, 4],
            ["rota", 10, 10],
          ],
        },
      }),
    };
    expect(compareRuns(none, then)).toEqual([{ name: "partial", status: "withheld" }]);
  });

  it("an NPS-scale rating: favourable is 9 and 10", () => {
    const tally = (ns: number[]) => ({
      specs: [NPS],
      results: published([NPS], 20, {
        nps: counts(
          NPS.choices.map((c) => c.value),
          ns,
        ),
      }),
    });
    // then 10 of 20 gave 9 or 10; now 5 of 20 (the 5s and 6s moving do not count)
    const then = tally([0, 0, 0, 0, 0, 5, 5, 0, 0, 5, 5]);
    const now = tally([0, 0, 0, 0, 5, 0, 0, 5, 5, 5, 0]);
    // means (5·5 + 6·5 + 9·5 + 10·5) / 20 = 7.5 → (4·5 + 7·5 + 8·5 + 9·5) / 20 = 7; favourable 50 % → 25 %
    expect(compareRuns(now, then)).toEqual([{ name: "nps", status: "compared", mean: -0.5, favourable: -25 }]);
  });
});

describe("compareRuns on generated counts", () => {
  // counts in 0…12 mix shown (0, ≥ k) and withheld (1 … k−1) ones
  const run = fc.record({
    mood: fc.array(fc.nat({ max: 12 }), { minLength: 5, maxLength: 5 }),
    fair: fc.array(fc.nat({ max: 12 }), { minLength: 2, maxLength: 2 }),
    team: fc.array(fc.nat({ max: 12 }), { minLength: 3, maxLength: 3 }),
  });
  const SPECS = [MOOD, FAIR, TEAM];
  const publish = (r: { mood: number[]; fair: number[]; team: number[] }, k: number) => ({
    specs: SPECS,
    results: published(
      SPECS,
      Math.max(...[r.mood, r.fair, r.team].map((ns) => ns.reduce((a, b) => a + b, 0))),
      { mood: counts([1, 2, 3, 4, 5], r.mood), fair: yesNo(r.fair[0]!, r.fair[1]!), team: counts(["a", "b", "c"], r.team) },
      k,
    ),
  });
  const everyCountShown = (q: QuestionResult) => !q.suppressed && q.answered !== null && (q.choices ?? []).every((c) => c.count !== null);

  it("a figure only where both runs showed every count it is made of, and then within rounding of the exact change", () => {
    fc.assert(
      fc.property(run, run, fc.integer({ min: 3, max: 6 }), (a, b, k) => {
        const [now, then] = [publish(a, k), publish(b, k)];
        for (const t of compareRuns(now, then)) {
          const [qa, qb] = [question(now.results, t.name), question(then.results, t.name)];
          if (t.status !== "compared") {
            expect(t).toEqual({ name: t.name, status: "withheld" });
            expect(everyCountShown(qa) && everyCountShown(qb) && t.name !== "team").toBe(false);
            continue;
          }
          if (t.favourable !== undefined) {
            expect(everyCountShown(qa) && everyCountShown(qb)).toBe(true);
            const exact = (favourableShare(qa)! - favourableShare(qb)!) * 100;
            expect(Math.abs(t.favourable - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
            expect(Math.abs(t.favourable * 10 - Math.round(t.favourable * 10))).toBeLessThan(1e-9);
          }
          if (t.mean !== undefined) {
            expect(everyCountShown(qa) && everyCountShown(qb)).toBe(true);
            expect(Math.abs(t.mean - (qa.mean! - qb.mean!))).toBeLessThanOrEqual(0.005 + 1e-9);
          }
          for (const c of t.choices ?? []) {
            const [ca, cb] = [qa, qb].map((q) => q.choices!.find((x) => x.value === c.value)!);
            if (ca!.count === null || cb!.count === null) expect(c.change).toBeNull();
            else {
              expect(c.change).not.toBeNull();
              expect(Math.abs(c.change! - (ca!.count / qa.answered! - cb!.count / qb.answered!) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
            }
          }
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it("comparing the runs the other way round changes every figure's sign (to within one rounding step)", () => {
    fc.assert(
      fc.property(run, run, fc.integer({ min: 3, max: 6 }), (a, b, k) => {
        const [x, y] = [publish(a, k), publish(b, k)];
        const forward = compareRuns(x, y);
        const back = compareRuns(y, x);
        expect(back.map((t) => t.status)).toEqual(forward.map((t) => t.status));
        forward.forEach((t, i) => {
          const u = back[i]!;
          if (t.mean !== undefined) expect(Math.abs(t.mean + u.mean!)).toBeLessThanOrEqual(0.01 + 1e-9);
          if (t.favourable !== undefined) expect(Math.abs(t.favourable + u.favourable!)).toBeLessThanOrEqual(0.1 + 1e-9);
          (t.choices ?? []).forEach((c, j) => {
            const d = u.choices![j]!.change;
            if (c.change === null) expect(d).toBeNull();
            else expect(Math.abs(c.change + d!)).toBeLessThanOrEqual(0.1 + 1e-9);
          });
        });
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("biggestChanges", () => {
  const compared = (name: string, extra: Partial<QuestionTrend>): QuestionTrend => ({ name, status: "compared", ...extra });

  it("per question its largest move in points, the largest first, at most three, none under a point", () => {
    const trends: QuestionTrend[] = [
      compared("mood", { mean: 0.9, favourable: -4.2 }),
      compared("team", {
        choices: [
          { value: "a", change: 2 },
          { value: "b", change: -7.5 },
          { value: "c", change: null },
        ],
      }),
      compared("fair", { favourable: 0.6 }),
      compared("priorities", { ranking: [{ value: "pay", change: -1.5 }] }),
      { name: "note", status: "withheld" },
      { name: "new", status: "new" },
      compared("load", { choices: [{ value: "x", change: 12 }] }),
      compared("extra", { favourable: 3 }),
    ];
    expect(biggestChanges(trends)).toEqual([
      { name: "load", kind: "choice", value: "x", change: 12 },
      { name: "team", kind: "choice", value: "b", change: -7.5 },
      { name: "mood", kind: "favourable", change: -4.2 },
    ]);
    // a mean or a mean rank is on another scale: never in the summary; under a point: left out
    expect(biggestChanges(trends, 10).map((c) => c.name)).toEqual(["load", "team", "mood", "extra"]);
  });

  it("shows only figures both runs published: a withheld choice never, a question with all withheld not at all", () => {
    const trends: QuestionTrend[] = [compared("team", { choices: [{ value: "a", change: null }] }), { name: "mood", status: "withheld" }];
    expect(biggestChanges(trends)).toEqual([]);
  });

  it("ties keep the form's order", () => {
    expect(biggestChanges([compared("b", { favourable: -5 }), compared("a", { favourable: 5 })]).map((c) => c.name)).toEqual(["b", "a"]);
  });
});
