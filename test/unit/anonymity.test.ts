import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_GROUP_SIZE_FLOOR, clampMinGroupSize, isPublishable } from "#lib/anonymity/threshold.ts";

describe("minimum group size", () => {
  it("never goes below the floor of 3, whatever is configured", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (k) => {
        expect(clampMinGroupSize(k)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE_FLOOR);
      }),
    );
    expect(clampMinGroupSize(1)).toBe(3);
    expect(clampMinGroupSize(Number.NaN)).toBe(5);
    expect(clampMinGroupSize(undefined)).toBe(5);
    expect(clampMinGroupSize(8)).toBe(8);
  });

  it("publishes a group exactly at k and suppresses one below", () => {
    expect(isPublishable(5, 5)).toBe(true);
    expect(isPublishable(4, 5)).toBe(false);
    expect(isPublishable(2, 1)).toBe(false); // k=1 is raised to 3
    expect(isPublishable(0, 5)).toBe(false);
  });
});
