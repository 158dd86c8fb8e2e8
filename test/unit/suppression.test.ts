// The one small-group rule (src/lib/anonymity/suppression.ts), as surveys and cycle
// results publish it: a reader who knows the rule and the total must not be
// able to solve any withheld count. For every withheld figure there is
// another set of counts, with the same total, that is published identically
// but differs in that figure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateCycle } from "#lib/results/import.ts";
import { parseResultsSet } from "#lib/results/parse.ts";
import { suppressOverlapping, suppressPartition } from "#lib/anonymity/suppression.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { folder } from "./programme-fixtures.ts";
import { runs } from "../support/fast-check.ts";

/** What a reader sees of a partition: the total and each count or "withheld", or only that all is withheld. */
const publication = (counts: number[], k: number) => JSON.stringify([counts.reduce((a, b) => a + b, 0), suppressPartition(counts, k)]);

/** Same-total neighbours: swaps, moves of 1–3 between two counts, everything on two counts. */
function neighbours(counts: number[]): number[][] {
  const total = counts.reduce((a, b) => a + b, 0);
  const out: number[][] = [];
  for (let a = 0; a < counts.length; a++) {
    for (let b = 0; b < counts.length; b++) {
      if (a === b) continue;
      const swap = [...counts];
      [swap[a], swap[b]] = [swap[b]!, swap[a]!];
      out.push(swap);
      for (const d of [1, 2, 3]) if (counts[a]! >= d) out.push(counts.map((c, j) => (j === a ? c - d : j === b ? c + d : c)));
      for (let l = 0; l <= total; l++) out.push(counts.map((_, j) => (j === a ? l : j === b ? total - l : 0)));
    }
  }
  return out;
}

function hiddenFiguresHaveWitnesses(counts: number[], k: number): void {
  const shown = suppressPartition(counts, k);
  const target = publication(counts, k);
  const alike = neighbours(counts).filter((c) => publication(c, k) === target);
  counts.forEach((n, i) => {
    if (shown !== null && shown[i] !== null) return;
    expect(
      alike.some((c) => c[i] !== n),
      `count ${i} of [${counts}] (k=${k}) is withheld but could be solved`,
    ).toBe(true);
  });
}

describe("suppressPartition", () => {
  it("never shows a count of 1…k−1, and shows every other count as it is", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 3, max: 8 }), (counts, k) => {
        const shown = suppressPartition(counts, k);
        if (shown === null) {
          expect(counts.some((n) => n > 0 && n < k)).toBe(true);
          return;
        }
        shown.forEach((v, i) => {
          if (v === null) expect(counts[i]! > 0 && counts[i]! < k).toBe(true);
          else expect(v).toBe(counts[i]);
        });
      }),
      { numRuns: runs(500) },
    );
  });

  it("every withheld figure has another value giving the same publication (tiers, k = 3…7)", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 3, max: 7 }), (counts, k) => {
        // Below k people nothing at all is published (not even the headcount).
        if (counts.reduce((a, b) => a + b, 0) < k) return;
        hiddenFiguresHaveWitnesses(counts, k);
      }),
      { numRuns: runs(400) },
    );
  });

  it("the cases the rule is built around", () => {
    expect(suppressPartition([3, 10, 20], 5)).toBeNull(); // one small count: headcount − the rest would give it
    expect(suppressPartition([1, 1, 20], 5)).toBeNull(); // two small counts summing to 2: each is 1
    expect(suppressPartition([4, 4, 20], 5)).toBeNull(); // summing to 8 = 2 × (k − 1): each is 4
    expect(suppressPartition([2, 3, 20], 5)).toEqual([null, null, 20]); // 5 splits as 1+4, 2+3, 3+2, 4+1
    expect(suppressPartition([2, 3], 5)).toBeNull(); // everything small: the sum is the total
    expect(suppressPartition([0, 7, 9], 5)).toEqual([0, 7, 9]);
    for (const counts of [
      [3, 10, 20],
      [2, 3, 20],
      [1, 1, 20],
    ])
      hiddenFiguresHaveWitnesses(counts, 5);
  });
});

describe("suppressOverlapping (checkbox counts)", () => {
  it("withholds exactly the counts of 1…k−1", () => {
    expect(suppressOverlapping([0, 1, 4, 5, 9], 5)).toEqual([0, null, null, 5, 9]);
  });
});

describe("cycle results publish tier counts by the same rule", () => {
  const { versions } = parsePolicySet(folder("policy"));
  const version = versions.find((v) => v.version === "2026-07")!;

  it("what the import writes is what the build accepts, and a withheld tier count stays unsolvable", async () => {
    const fingerprints = new Map(versions.map((v) => [v.version, "0".repeat(64)]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 9 }), { minLength: 5, maxLength: 5 }), async (perTier) => {
        const headcount = perTier.reduce((a, b) => a + b, 0);
        if (headcount < 5) return;
        // one made-up supervisor per count, scored exactly into each tier by its minimum score and minimums
        const rows = version.tiers.flatMap((tier, i) => Array.from({ length: perTier[i]! }, () => rowFor(tier.id)));
        const out = aggregateCycle(rows, version, 5);
        expect(out.headcount).toBe(headcount);
        const shown = suppressPartition(perTier, 5);
        expect(out.tiers).toEqual(shown === null ? "withheld" : Object.fromEntries(version.tiers.map((t, i) => [t.id, shown[i]])));
        hiddenFiguresHaveWitnesses(perTier, 5);
        const file = {
          cycle: "2026-08",
          published: "2026-09-10",
          policy: { version: "2026-07", fingerprint: "0".repeat(64) },
          ...out,
          promotions: 0,
          training: { courses: 0, hours: 0, people: 0 },
          commentary: { en: "e", "zh-cn": "中" },
        };
        expect(() =>
          parseResultsSet([{ path: "2026-08.json", text: JSON.stringify(file) }], {
            policies: versions,
            fingerprints,
            k: 5,
            today: "2026-11-30",
          }),
        ).not.toThrow();
      }),
      { numRuns: runs(60) },
    );
  });

  /** KPI values that land a supervisor in the tier: every criterion at the given points. */
  function rowFor(tierId: string): Record<string, number> {
    const points = { outstanding: 100, excellent: 85, good: 75, meets: 65, below: 10 }[tierId]!;
    return Object.fromEntries(version.criteria.map((c) => [c.id, c.threshold + ((c.target - c.threshold) * points) / 100]));
  }
});
