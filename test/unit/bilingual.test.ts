import { describe, expect, it } from "vitest";
import { localized, withoutGlosses } from "#lib/text/bilingual.ts";

describe("withoutGlosses: English without the Chinese terms in brackets", () => {
  it.each([
    [
      "Reward spend is reviewed against this budget (成本控制); results report the share used.",
      "Reward spend is reviewed against this budget; results report the share used.",
    ],
    ["the tier thresholds (客户满意度, 问题解决率) are published", "the tier thresholds are published"],
    ["a place on the team honour roll （团队荣誉榜）.", "a place on the team honour roll."],
    ["Customer satisfaction (CSAT) and resolution", "Customer satisfaction (CSAT) and resolution"],
    ["a mixed bracket (see 附件 2) stays", "a mixed bracket (see 附件 2) stays"],
  ])("%s", (text, shown) => {
    expect(withoutGlosses(text)).toBe(shown);
  });

  it("applies to English only", () => {
    const text = { en: "Budget (成本控制).", "zh-cn": "预算（成本控制）。" };
    expect(localized(text, "en")).toBe("Budget.");
    expect(localized(text, "zh-cn")).toBe("预算（成本控制）。");
    expect(localized(undefined, "en")).toBeUndefined();
  });
});
