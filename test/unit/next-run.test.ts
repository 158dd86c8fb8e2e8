// The next run of a series: id, dates and period names move by the cadence; the rest is carried over.
import { describe, expect, it } from "vitest";
import { addMonths, isRefusal, nextRun } from "#lib/surveys/next-run.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { ZSurveyFile } from "#lib/surveys/schema.ts";

const file = (id: string) => {
  const { questions: _questions, ...rest } = findSurvey(id)!;
  return ZSurveyFile.parse(rest);
};

describe("nextRun", () => {
  it("moves November's pulse to December: id, dates, both languages' period names; k, audience, segments and version kept", () => {
    const nov = file("pulse-2026-11");
    const dec = nextRun(nov);
    if (isRefusal(dec)) throw new Error(dec.refused);
    expect(dec.id).toBe("pulse-2026-12");
    expect([dec.opens, dec.closes]).toEqual(["2026-12-20", "2027-01-04"]);
    expect(dec.title).toEqual({ default: "Monthly pulse, December 2026", "zh-cn": "月度快速调查（2026年12月）" });
    expect(dec.shortTitle).toEqual({ default: "December 2026 pulse", "zh-cn": "2026年12月快速调查" });
    expect([dec.audience, dec.access, dec.minGroupSize, dec.segments, dec.version, dec.series]).toEqual([
      nov.audience,
      nov.access,
      nov.minGroupSize,
      nov.segments,
      nov.version,
      nov.series,
    ]);
    expect(dec.definition).toEqual(nov.definition);
    expect(ZSurveyFile.safeParse(dec).success).toBe(true);
  });

  it("moves a half-yearly survey across the year: H2 2026 → H1 2027", () => {
    const next = nextRun(file("reward-survey-2026-h2"));
    if (isRefusal(next)) throw new Error(next.refused);
    expect(next.id).toBe("reward-survey-2027-h1");
    expect([next.opens, next.closes]).toEqual(["2027-06-07", "2027-06-21"]);
    expect(next.shortTitle).toEqual({ default: "H1 2027", "zh-cn": "2027年上半年" });
    expect(next.title.default).toBe("Reward programme satisfaction survey, first half of 2027");
  });

  it("refuses a survey outside a series, and an invitation survey", () => {
    expect(nextRun(file("supervisor-career-2026"))).toEqual({ refused: "not_in_series" });
    expect(nextRun({ ...file("pulse-2026-11"), access: "invitation" })).toEqual({ refused: "invitation" });
  });

  it("clamps a day the month lacks to its last", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2026-12-20", 1)).toBe("2027-01-20");
  });
});
