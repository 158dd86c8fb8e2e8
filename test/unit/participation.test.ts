// Participation counts in steps: polled at any two moments, a published count
// moves by 0 or by k or more, and never includes today.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "#lib/clock.ts";
import { participationSteps, type DayCount } from "#lib/anonymity/participation.ts";

const calendar = (n: number) => Array.from({ length: n }, (_, i) => addDays("2026-11-01", i));

describe("participation steps", () => {
  it("leaves out today and stops at the last step of at least k", () => {
    const perDay = [
      { day: "2026-11-20", responses: 3 },
      { day: "2026-11-21", responses: 2 }, // 5 → step
      { day: "2026-11-22", responses: 1 },
      { day: "2026-11-23", responses: 1 }, // 2 since the step: not yet
      { day: "2026-11-24", responses: 40 }, // today: never counted
    ];
    expect(participationSteps(perDay, "2026-11-24", 5)).toEqual({
      total: 5,
      steps: [{ day: "2026-11-21", responses: 5 }],
      before: "2026-11-22",
    });
    expect(participationSteps(perDay, "2026-11-25", 5).total).toBe(47);
    expect(participationSteps([], "2026-11-25", 5)).toEqual({ total: 0, steps: [], before: "2026-11-25" });
  });

  it("never lets two readings differ by fewer than k, whenever they are taken", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 3, max: 8 }), (counts, k) => {
        const days = calendar(counts.length + 1);
        const perDay: DayCount[] = counts.map((responses, i) => ({ day: days[i]!, responses }));
        const readings = days.map((today) => participationSteps(perDay, today, k));
        for (const [i, r] of readings.entries()) {
          // never today, and the steps add up
          expect(r.total).toBe(perDay.filter((d) => d.day < r.before).reduce((n, d) => n + d.responses, 0));
          expect(r.before <= days[i]!).toBe(true);
          for (const later of readings.slice(i + 1)) {
            const moved = later.total - r.total;
            expect(moved === 0 || moved >= k).toBe(true);
          }
          for (const step of r.steps) expect(step.responses).toBeGreaterThanOrEqual(k);
        }
      }),
    );
  });
});
