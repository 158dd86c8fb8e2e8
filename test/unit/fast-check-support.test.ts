// fast-check's settings in one place (test/support/fast-check.ts): every
// property starts from the run's seed, run counts are scaled by FC_RUNS, and a
// failure says the seed, the path, the counts and how to replay it.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { fastCheckSettings } from "../support/fast-check-settings.ts";
import { runs } from "../support/fast-check.ts";

describe("fast-check's settings", () => {
  it("reads FC_SEED and FC_RUNS, and refuses what is not a seed or a multiplier", () => {
    expect(fastCheckSettings({ FC_SEED: "42", FC_RUNS: "10" })).toEqual({ seed: 42, scale: 10, given: true });
    const drawn = fastCheckSettings({});
    expect(drawn.given).toBe(false);
    expect(drawn.scale).toBe(1);
    expect(Number.isInteger(drawn.seed)).toBe(true);
    expect(() => fastCheckSettings({ FC_SEED: "abc" })).toThrow(/FC_SEED/);
    expect(() => fastCheckSettings({ FC_RUNS: "0" })).toThrow(/FC_RUNS/);
  });

  it("gives every property the run's seed and its count times FC_RUNS", () => {
    const { seed, scale } = inject("fastCheck");
    expect(fc.readConfigureGlobal().seed).toBe(seed);
    expect(fc.readConfigureGlobal().numRuns).toBe(Math.max(1, Math.round(100 * scale)));
    expect(runs(300)).toBe(Math.max(1, Math.round(300 * scale)));
  });

  it("reports a failure with the seed, the path, the counts and the command that replays it", () => {
    let message = "";
    try {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500),
        { numRuns: runs(200) },
      );
    } catch (err) {
      message = (err as Error).message;
    }
    const { seed } = inject("fastCheck");
    expect(message).toContain("Counterexample: [500]");
    expect(message).toMatch(
      new RegExp(`fast-check: failed at run \\d+ of ${runs(200)} \\(FC_RUNS=\\d+(\\.\\d+)?\\), seed ${seed}, path "[\\d:]+"`),
    );
    expect(message).toContain(`FC_SEED=${seed}`);
    expect(message).toMatch(/endOnFailure: true/);
  });
});
