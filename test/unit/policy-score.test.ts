import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZPolicyVersion, type TPolicyVersion, type TPolicyVersionInput } from "#lib/policy/schema.ts";
import { criterionPoints, meetsMinimum, scorePolicy, unmetMinimums, type Values } from "#lib/policy/score.ts";
import { demoVersion, smallPolicy } from "./policy-fixtures.ts";
import { runs } from "../support/fast-check.ts";

const small = ZPolicyVersion.parse(smallPolicy());

describe("criterionPoints", () => {
  const higher = { direction: "higher" as const, target: 90, threshold: 70 };
  const lower = { direction: "lower" as const, target: 5, threshold: 10 };

  it("gives 0 exactly on the threshold and 100 exactly on the target", () => {
    expect(criterionPoints(higher, 70)).toBe(0);
    expect(criterionPoints(higher, 90)).toBe(100);
    expect(criterionPoints(lower, 10)).toBe(0);
    expect(criterionPoints(lower, 5)).toBe(100);
  });

  it("grows linearly between threshold and target, in both directions", () => {
    expect(criterionPoints(higher, 80)).toBeCloseTo(50, 10);
    expect(criterionPoints(higher, 75)).toBeCloseTo(25, 10);
    expect(criterionPoints(lower, 7.5)).toBeCloseTo(50, 10);
    expect(criterionPoints(lower, 6)).toBeCloseTo(80, 10);
  });

  it("caps beyond the target and floors beyond the threshold", () => {
    expect(criterionPoints(higher, 100)).toBe(100);
    expect(criterionPoints(higher, 10)).toBe(0);
    expect(criterionPoints(lower, 1)).toBe(100);
    expect(criterionPoints(lower, 30)).toBe(0);
  });

  it("lower-is-better: a smaller value never earns fewer points (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), (a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        expect(criterionPoints(lower, small)).toBeGreaterThanOrEqual(criterionPoints(lower, big));
      }),
    );
  });

  it("higher-is-better: a bigger value never earns fewer points, and points stay in 0–100 (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        const p = criterionPoints(higher, big);
        expect(p).toBeGreaterThanOrEqual(criterionPoints(higher, small));
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("meetsMinimum", () => {
  it("is 'at least' for higher-is-better and 'at most' for lower-is-better, inclusive", () => {
    expect(meetsMinimum("higher", 85, 85)).toBe(true);
    expect(meetsMinimum("higher", 84.99, 85)).toBe(false);
    expect(meetsMinimum("lower", 6, 6)).toBe(true);
    expect(meetsMinimum("lower", 6.01, 6)).toBe(false);
    expect(meetsMinimum("lower", 2, 6)).toBe(true);
  });

  it("is never met by a missing value", () => {
    expect(meetsMinimum("higher", null, 0)).toBe(false);
    expect(meetsMinimum("lower", undefined, 100)).toBe(false);
    expect(meetsMinimum("higher", Number.NaN, 0)).toBe(false);
  });
});

describe("scorePolicy", () => {
  it("weights each criterion's points", () => {
    // csat 80 → 50 pts × 60% = 30; aht 7.5 → 50 pts × 40% = 20.
    const r = scorePolicy(small, { csat: 80, aht: 7.5 });
    expect(r.score).toBe(50);
    expect(r.criteria.map((c) => c.contribution)).toEqual([30, 20]);
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
  });

  it("reaches a tier exactly on its minimum score (boundary inclusive)", () => {
    const on = scorePolicy(small, { csat: 80, aht: 7.5 });
    expect(on.score).toBe(50);
    expect(on.tier.id).toBe("mid");
    const below = scorePolicy(small, { csat: 79.9, aht: 7.5 });
    expect(below.score).toBeLessThan(50);
    expect(below.tier.id).toBe("low");
  });

  it("does not miss a boundary through floating-point error", () => {
    // Exactly 0.3 × 3.6 + 0.8 × 49 = 50, but the float sum is 49.999999999999986.
    const raw = ((73.6 - 70) / 20) * 100 * 0.6 + ((10 - 5.1) / 5) * 100 * 0.4;
    expect(raw).toBeLessThan(50);
    const r = scorePolicy(small, { csat: 73.6, aht: 5.1 });
    expect(r.score).toBe(50);
    expect(r.tier.id).toBe("mid");
  });

  it("needs every per-criterion minimum of a tier, not just the score", () => {
    // csat 84: 70 pts × 60% = 42; aht 5: 100 × 40% = 40 → 82 ≥ 80, but csat 84 < 85.
    const r = scorePolicy(small, { csat: 84, aht: 5 });
    expect(r.score).toBe(82);
    expect(r.tier.id).toBe("mid");
    expect(r.next?.tier.id).toBe("top");
    expect(r.next?.points).toBe(0);
    expect(r.next?.unmet).toEqual([{ criterion: "csat", required: 85, value: 84, direction: "higher" }]);
  });

  it("applies a lower-is-better minimum as a maximum", () => {
    // aht 6.5 → 70 pts × 40% = 28; csat 95 → 60 → 88 ≥ 80, but 6.5 min is above the 6 min cap.
    const r = scorePolicy(small, { csat: 95, aht: 6.5 });
    expect(r.score).toBe(88);
    expect(r.tier.id).toBe("mid");
    expect(r.next?.unmet).toEqual([{ criterion: "aht", required: 6, value: 6.5, direction: "lower" }]);
    expect(scorePolicy(small, { csat: 95, aht: 6 }).tier.id).toBe("top");
  });

  it("reports the points missing for the next tier", () => {
    const r = scorePolicy(small, { csat: 75, aht: 10 }); // 25 × 0.6 = 15
    expect(r.score).toBe(15);
    expect(r.tier.id).toBe("low");
    expect(r.next).toEqual({ tier: small.tiers[1], points: 35, unmet: [] });
  });

  it("has no next tier at the top", () => {
    const r = scorePolicy(small, { csat: 90, aht: 5 });
    expect(r.tier.id).toBe("top");
    expect(r.score).toBe(100);
    expect(r.next).toBeNull();
  });

  it("counts a missing value as 0 points, lists it and marks the result incomplete", () => {
    const r = scorePolicy(small, { csat: 90 });
    expect(r.score).toBe(60);
    expect(r.missing).toEqual(["aht"]);
    expect(r.complete).toBe(false);
    expect(r.tier.id).toBe("mid");
    // A tier minimum on the missing criterion is unmet, with value null.
    expect(r.next?.unmet).toContainEqual({ criterion: "aht", required: 6, value: null, direction: "lower" });
  });

  it("treats null, undefined and NaN alike as missing, and nothing entered as score 0 in the lowest tier", () => {
    for (const empty of [{}, { csat: null, aht: undefined }, { csat: Number.NaN, aht: Number.POSITIVE_INFINITY }]) {
      const r = scorePolicy(small, empty);
      expect(r.score).toBe(0);
      expect(r.missing).toEqual(["csat", "aht"]);
      expect(r.tier.id).toBe("low");
    }
  });

  it("ignores values for criteria the policy does not have", () => {
    expect(scorePolicy(small, { csat: 80, aht: 7.5, unknown: 1000 }).score).toBe(50);
  });

  it("always lands in exactly one tier with a score in 0–100 (property, real policy)", () => {
    const policy = ZPolicyVersion.parse(demoVersion("2026-07"));
    const value = (c: (typeof policy.criteria)[number]) =>
      fc.option(fc.double({ min: c.range.min, max: c.range.max, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(...policy.criteria.map(value)), (vals) => {
        const values = Object.fromEntries(policy.criteria.map((c, i) => [c.id, vals[i]]));
        const r = scorePolicy(policy, values);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(policy.tiers).toContain(r.tier);
        // The reached tier's own conditions hold (the last tier has none).
        expect(r.score).toBeGreaterThanOrEqual(r.tier.rule.minScore);
        // Every better tier is out of reach: by score or by a minimum.
        const at = policy.tiers.indexOf(r.tier);
        if (r.next) expect(r.next.points > 0 || r.next.unmet.length > 0).toBe(true);
        expect(r.next?.tier ?? null).toBe(at > 0 ? policy.tiers[at - 1] : null);
      }),
      { numRuns: runs(300) },
    );
  });

  it("scores the demo policy by hand-checked numbers", () => {
    const policy = ZPolicyVersion.parse(demoVersion("2026-07"));
    const r = scorePolicy(policy, {
      csat: 92, // target → 100 × 25% = 25
      "resolution-rate": 87, // (87-82)/(92-82) = 50 × 20% = 10
      "first-contact-resolution": 65, // (65-55)/20 = 50 × 15% = 7.5
      "average-handling-time": 10, // threshold → 0
      "quality-audit": 95, // target → 10
      "complaint-rate": 2, // (2-3)/(1-3) = 50 × 10% = 5
      "team-engagement": 85, // target → 10
    });
    expect(r.score).toBe(67.5);
    expect(r.tier.id).toBe("meets");
    expect(r.next?.tier.id).toBe("good");
    expect(r.next?.points).toBe(2.5);
  });
});

describe("tiers nest: reaching a tier means meeting the conditions of every tier below it", () => {
  /** Tier i's own conditions, evaluated directly (not through which tier scorePolicy picks). */
  const meets = (policy: TPolicyVersion, i: number, values: Values) =>
    scorePolicy(policy, values).score >= policy.tiers[i]!.rule.minScore && unmetMinimums(policy, policy.tiers[i]!, values).length === 0;

  function assertNested(policy: TPolicyVersion, values: Values): void {
    policy.tiers.forEach((_, i) => {
      if (!meets(policy, i, values)) return;
      for (let j = i + 1; j < policy.tiers.length; j++) {
        expect(
          meets(policy, j, values),
          `meets "${policy.tiers[i]!.id}" but not "${policy.tiers[j]!.id}" with ${JSON.stringify(values)}`,
        ).toBe(true);
      }
    });
  }

  /** Values around every minimum (on it and just either side) as well as anywhere in range. */
  function valuesFor(policy: TPolicyVersion) {
    return fc
      .tuple(
        ...policy.criteria.map((c) => {
          const edges = policy.tiers.flatMap((t) =>
            t.rule.minimums.filter((m) => m.criterion === c.id).flatMap((m) => [m.value, m.value - 0.01, m.value + 0.01]),
          );
          return fc.oneof(fc.constantFrom(c.target, c.threshold, ...edges), fc.double({ min: c.range.min, max: c.range.max, noNaN: true }));
        }),
      )
      .map((vals) => Object.fromEntries(policy.criteria.map((c, i) => [c.id, vals[i]])) as Values);
  }

  for (const version of ["2025-07", "2026-01", "2026-07"]) {
    it(`holds for the demo policy ${version} (property)`, () => {
      const policy = ZPolicyVersion.parse(demoVersion(version));
      fc.assert(
        fc.property(valuesFor(policy), (values) => assertNested(policy, values)),
        { numRuns: runs(400) },
      );
    });
  }

  it("a top score with a failed quality audit does not reach the tiers that demand the audit (2026-07)", () => {
    const policy = ZPolicyVersion.parse(demoVersion("2026-07"));
    const values = Object.fromEntries(policy.criteria.map((c) => [c.id, c.id === "quality-audit" ? 75 : c.target]));
    const r = scorePolicy(policy, values);
    expect(r.score).toBe(90);
    // Excellent needs a quality audit of 85; Outstanding, above it, must too.
    expect(r.tier.id).toBe("good");
    expect(r.next?.tier.id).toBe("excellent");
    expect(r.next?.unmet).toEqual([{ criterion: "quality-audit", required: 85, value: 75, direction: "higher" }]);
  });

  it("holds for every generated policy the schema accepts, and the schema rejects the rest (property)", () => {
    let accepted = 0;
    let rejected = 0;
    // Tiers built bottom up: each keeps the minimums of the one below, moved by
    // a random step that is usually (not always) in the stricter direction,
    // sometimes drops one, and may add new ones; so both kinds of policy occur.
    const minimum = (id: "csat" | "aht") => (id === "csat" ? fc.integer({ min: 70, max: 100 }) : fc.integer({ min: 1, max: 12 }));
    const step = fc.record({
      delta: fc.integer({ min: -2, max: 6 }),
      drop: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      add: fc.subarray(["csat", "aht"] as const),
    });
    const arb = fc.record({
      steps: fc.array(step, { minLength: 1, maxLength: 3 }),
      fresh: fc.tuple(minimum("csat"), minimum("aht")),
    });
    fc.assert(
      fc.property(arb, (gen) => {
        const input = smallPolicy();
        const tiers: TPolicyVersionInput["tiers"] = [{ id: "t0", name: input.tiers[2]!.name, rule: { minScore: 0 } }];
        let below: { criterion: string; value: number }[] = [];
        gen.steps.forEach((st, k) => {
          let mins = below.map((m) => ({
            criterion: m.criterion,
            value: m.criterion === "csat" ? Math.min(100, m.value + st.delta) : Math.max(0, m.value - st.delta),
          }));
          if (st.drop && mins.length > 0) mins = mins.slice(1);
          for (const id of st.add) {
            if (!mins.some((m) => m.criterion === id)) mins.push({ criterion: id, value: gen.fresh[id === "csat" ? 0 : 1] });
          }
          tiers.unshift({ id: `t${k + 1}`, name: input.tiers[0]!.name, rule: { minScore: 20 * (k + 1), minimums: mins } });
          below = mins;
        });
        const parsed = ZPolicyVersion.safeParse({ ...input, tiers });
        if (!parsed.success) {
          rejected++;
          expect(parsed.error.issues.some((i) => /tier below it/.test(i.message))).toBe(true);
          return;
        }
        accepted++;
        fc.assert(
          fc.property(valuesFor(parsed.data), (values) => assertNested(parsed.data, values)),
          { numRuns: runs(40) },
        );
      }),
      { numRuns: runs(300) },
    );
    // Both branches were really exercised.
    expect(accepted).toBeGreaterThan(30);
    expect(rejected).toBeGreaterThan(30);
  });
});
