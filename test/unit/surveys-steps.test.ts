// Live results in steps (src/lib/surveys/steps.ts): for generated responses
// arriving over generated days, every pair of snapshots a reader could have
// kept differs, in every figure they can read in both, by 0 or by k or more;
// today's responses are never in one; and a k raised later neither re-cuts
// the steps nor shows more.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/lib/clock.ts";
import type { QuestionSpec } from "../../src/lib/surveys/questions.ts";
import type { RawAggregates } from "../../src/lib/surveys/results.ts";
import { liveSteps, publishStep, readableFigures, type DayAggregates } from "../../src/lib/surveys/steps.ts";

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
];

interface Response {
  mood: number;
  team: string;
  load: string[];
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
    r.load.forEach((item, position) => {
      const found = items.get(item) ?? { question: "load", item, n: 0, rankSum: 0 };
      items.set(item, { ...found, n: found.n + 1, rankSum: found.rankSum + position });
    });
  }
  return {
    responses: responses.length,
    answered: { mood: responses.length, team: responses.length, load: responses.filter((r) => r.load.length > 0).length },
    scalars: [...scalars.values()],
    items: [...items.values()],
  };
}

const response = fc.record({
  mood: fc.integer({ min: 1, max: 5 }),
  team: fc.constantFrom("a", "b", "c"),
  load: fc.subarray(["x", "y", "z"], { minLength: 1, maxLength: 2 }),
});

const daysArb = fc.array(fc.array(response, { maxLength: 9 }), { minLength: 1, maxLength: 12 });

function byDay(days: Response[][]): DayAggregates[] {
  return days.map((list, i) => ({ day: addDays("2026-11-01", i), raw: aggregate(list) })).filter((d) => d.raw.responses > 0);
}

describe("live steps", () => {
  it("publish nothing a reader can subtract to fewer than k people, between any two snapshots", () => {
    fc.assert(
      fc.property(daysArb, fc.integer({ min: 3, max: 6 }), (days, k) => {
        const data = byDay(days);
        const todays = Array.from({ length: days.length + 2 }, (_, i) => addDays("2026-11-01", i));
        const snapshots = todays.map((today) => publishStep(SPECS, liveSteps(SPECS, data, today, k).at(-1), k, k));
        const figures = snapshots.map(readableFigures);
        for (let a = 0; a < figures.length; a++) {
          for (let b = a + 1; b < figures.length; b++) {
            for (const [key, value] of figures[b]!) {
              const old = figures[a]!.get(key);
              if (old !== undefined) expect(value - old === 0 || value - old >= k, `${key}: ${old} → ${value} (k=${k})`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("never count today, and keep every earlier step as it was", () => {
    fc.assert(
      fc.property(daysArb, fc.integer({ min: 3, max: 6 }), (days, k) => {
        const data = byDay(days);
        let previous: ReturnType<typeof liveSteps> = [];
        for (let i = 0; i <= days.length; i++) {
          const today = addDays("2026-11-01", i);
          const steps = liveSteps(SPECS, data, today, k);
          for (const step of steps) expect(step.before <= today).toBe(true);
          expect(steps.slice(0, previous.length).map((s) => s.before)).toEqual(previous.map((s) => s.before));
          previous = steps;
        }
      }),
      { numRuns: 100 },
    );
  });

  it("with k raised after publishing, keep the steps cut with the first k and only withhold more", () => {
    fc.assert(
      fc.property(daysArb, fc.integer({ min: 3, max: 5 }), fc.integer({ min: 1, max: 3 }), (days, k, raise) => {
        const data = byDay(days);
        const until = addDays("2026-11-01", days.length);
        const steps = liveSteps(SPECS, data, until, k);
        const atFirstK = publishStep(SPECS, steps.at(-1), k, k);
        const raised = publishStep(SPECS, steps.at(-1), k, k + raise);
        expect(raised.responses === null || raised.responses === atFirstK.responses).toBe(true);
        const shownThen = readableFigures(atFirstK);
        for (const [key, value] of readableFigures(raised)) if (!key.includes(":withheld:")) expect(shownThen.get(key)).toBe(value);
      }),
      { numRuns: 100 },
    );
  });
});
