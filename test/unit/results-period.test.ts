// Cycle ids, their periods, and a period's budget.
import { describe, expect, it } from "vitest";
import { targetStatus } from "#lib/policy/score.ts";
import { periodBudget } from "#lib/results/budget.ts";
import { comparePeriodsNewestFirst, parsePeriod } from "#lib/results/period.ts";

describe("periods", () => {
  it("reads months, quarters, half-years and years, leap days included", () => {
    expect(parsePeriod("2026-02")).toMatchObject({ kind: "monthly", start: "2026-02-01", end: "2026-02-28", months: 1 });
    expect(parsePeriod("2028-02")).toMatchObject({ end: "2028-02-29" });
    expect(parsePeriod("2026-Q4")).toMatchObject({ kind: "quarterly", index: 4, start: "2026-10-01", end: "2026-12-31", months: 3 });
    expect(parsePeriod("2026-H1")).toMatchObject({ kind: "half-year", start: "2026-01-01", end: "2026-06-30", months: 6 });
    expect(parsePeriod("2025")).toMatchObject({ kind: "annual", start: "2025-01-01", end: "2025-12-31", months: 12 });
    for (const bad of ["2026-13", "2026-Q5", "2026-H3", "26-01", "2026-1", ""]) expect(parsePeriod(bad)).toBeNull();
  });

  it("sorts newest first, a month before the quarter and year ending with it", () => {
    const ids = ["2025", "2026-Q3", "2026-09", "2026-H1", "2026-06", "2026-Q2"];
    expect(
      ids
        .map((id) => parsePeriod(id)!)
        .sort(comparePeriodsNewestFirst)
        .map((p) => p.id),
    ).toEqual(["2026-09", "2026-Q3", "2026-06", "2026-Q2", "2026-H1", "2025"]);
  });
});

describe("a period's budget", () => {
  const version = { effective: "2025-07-01", budget: { currency: "CNY", annual: 1_200_000, note: { en: "n", "zh-cn": "n" } } };
  it("is the annual budget for the months the version was in force", () => {
    expect(periodBudget(version, parsePeriod("2025-08")!)).toEqual({ currency: "CNY", amount: 100_000, months: 1 });
    expect(periodBudget(version, parsePeriod("2025-Q3")!)).toEqual({ currency: "CNY", amount: 300_000, months: 3 });
    // the programme started in July: six months of 2025
    expect(periodBudget(version, parsePeriod("2025")!)).toEqual({ currency: "CNY", amount: 600_000, months: 6 });
    expect(periodBudget({ effective: "2025-07-01" }, parsePeriod("2025-Q3")!)).toBeNull();
  });
});

describe("KPI against target", () => {
  it("says met, between or missed, for both directions", () => {
    const csat = { direction: "higher" as const, target: 92, threshold: 75 };
    const aht = { direction: "lower" as const, target: 5.5, threshold: 10 };
    expect([92, 90, 75, 70].map((v) => targetStatus(csat, v))).toEqual(["met", "between", "missed", "missed"]);
    expect([5, 5.5, 7, 10, 12].map((v) => targetStatus(aht, v))).toEqual(["met", "met", "between", "missed", "missed"]);
  });
});
