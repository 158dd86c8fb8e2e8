import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { liveCutoff, resultsCutoff, type DayResponses } from "../../src/lib/surveys/results.ts";

const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10));
const included = (perDay: DayResponses[], cutoff: string) => perDay.filter((d) => d.day < cutoff).reduce((n, d) => n + d.responses, 0);

describe("live results cut-off", () => {
  it("leaves out today and stops at the last step of at least k responses", () => {
    const perDay = [
      { day: "2026-11-20", responses: 3 },
      { day: "2026-11-21", responses: 2 }, // 5 → step
      { day: "2026-11-22", responses: 1 },
      { day: "2026-11-23", responses: 1 }, // 2 since the step: not yet
      { day: "2026-11-24", responses: 40 }, // today: never counted
    ];
    expect(liveCutoff(perDay, "2026-11-24", 5)).toBe("2026-11-22");
    expect(liveCutoff(perDay, "2026-11-25", 5)).toBe("2026-11-25");
  });

  it("publishes nothing before the first k responses", () => {
    expect(liveCutoff([{ day: "2026-11-20", responses: 4 }], "2026-11-21", 5)).toBe("2026-11-20");
    expect(liveCutoff([], "2026-11-21", 5)).toBe("2026-11-21");
  });

  it("never lets two snapshots differ by fewer than k responses, whenever they are taken", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 3, max: 8 }), (counts, k) => {
        const calendar = days(counts.length + 1);
        const perDay = counts.map((responses, i) => ({ day: calendar[i]!, responses })).filter((d) => d.responses > 0);
        // every "today" from the first day to the day after the last
        const snapshots = calendar.map((today) => included(perDay, liveCutoff(perDay, today, k)));
        for (let i = 0; i < snapshots.length; i++) {
          for (let j = i + 1; j < snapshots.length; j++) {
            const diff = snapshots[j]! - snapshots[i]!;
            expect(diff).toBeGreaterThanOrEqual(0);
            if (diff > 0) expect(diff).toBeGreaterThanOrEqual(k);
          }
          if (snapshots[i]! > 0) expect(snapshots[i]).toBeGreaterThanOrEqual(k);
        }
      }),
    );
  });

  it("keeps the steps after a live survey closes: the final results never add a tail of fewer than k", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 3, max: 8 }), (counts, k) => {
        const calendar = days(counts.length + 5);
        const survey = { resultsVisibility: "live" as const, closes: calendar[counts.length - 1]! };
        const perDay = counts.map((responses, i) => ({ day: calendar[i]!, responses })).filter((d) => d.responses > 0);
        // every "today" while open, then five days after closing
        const snapshots = calendar.map((today) => included(perDay, resultsCutoff(survey, perDay, today, k) ?? "9999-12-31"));
        for (let i = 0; i < snapshots.length; i++) {
          for (let j = i + 1; j < snapshots.length; j++) {
            const diff = snapshots[j]! - snapshots[i]!;
            expect(diff).toBeGreaterThanOrEqual(0);
            if (diff > 0) expect(diff).toBeGreaterThanOrEqual(k);
          }
        }
      }),
    );
  });

  it("after closing, drops the last tail under k; after-close surveys count everything", () => {
    const perDay = [
      { day: "2026-11-20", responses: 6 },
      { day: "2026-11-21", responses: 2 },
    ];
    const live = { resultsVisibility: "live" as const, closes: "2026-11-21" };
    expect(resultsCutoff(live, perDay, "2026-11-21", 5)).toBe("2026-11-21");
    expect(resultsCutoff(live, perDay, "2026-12-30", 5)).toBe("2026-11-21");
    expect(resultsCutoff({ ...live, resultsVisibility: "after-close" }, perDay, "2026-12-30", 5)).toBeUndefined();
  });
});
