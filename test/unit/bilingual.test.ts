import { describe, expect, it } from "vitest";
import { inLanguage, localized, withoutGlosses } from "../../src/lib/bilingual.ts";

describe("inLanguage: the part of an HR text in the page's language", () => {
  it.each([
    [
      "Publish reward tier thresholds before each quarter / 每季度开始前公布奖励等级门槛",
      "Publish reward tier thresholds before each quarter",
      "每季度开始前公布奖励等级门槛",
    ],
    [
      "Planned: a resilience course for night-shift supervisors. 已计划：为夜班主管开设抗压培训。",
      "Planned: a resilience course for night-shift supervisors.",
      "已计划：为夜班主管开设抗压培训。",
    ],
    ["感谢建议，下季度开始。Thank you, it starts next quarter.", "Thank you, it starts next quarter.", "感谢建议，下季度开始。"],
    ["First line.\nSecond line.\n第一行。\n第二行。", "First line.\nSecond line.", "第一行。\n第二行。"],
    ["Done | 已完成", "Done", "已完成"],
  ])("%s", (text, en, zh) => {
    expect(inLanguage(text, "en")).toBe(en);
    expect(inLanguage(text, "zh-cn")).toBe(zh);
  });

  it.each([
    "Agreed. We will publish the promotion path with the next policy version.",
    "知识库搜索已完成升级，平均响应时间降至 2 秒以内。",
    // an English name inside Chinese is one language
    "升级 CRM 系统后，平均处理时长下降了 20 秒。",
    "a / b",
    "",
  ])("leaves a text in one language alone: %s", (text) => {
    expect(inLanguage(text, "en")).toBe(text);
    expect(inLanguage(text, "zh-cn")).toBe(text);
  });

  it("drops Chinese glosses from English, in one language or two", () => {
    expect(inLanguage("The team honour roll (团队荣誉榜) is updated every quarter.", "en")).toBe(
      "The team honour roll is updated every quarter.",
    );
    expect(inLanguage("The team honour roll (团队荣誉榜) is updated every quarter.", "zh-cn")).toBe(
      "The team honour roll (团队荣誉榜) is updated every quarter.",
    );
    expect(inLanguage("Thresholds (客户满意度, 问题解决率) are published. 门槛已公布。", "en")).toBe("Thresholds are published.");
    expect(inLanguage("团队荣誉榜（按季度更新）", "en")).toBe("团队荣誉榜（按季度更新）");
  });

  it("keeps a segment without letters with the language before it", () => {
    expect(inLanguage("Done on\n2026-11-30\n已于\n2026-11-30 完成", "en")).toBe("Done on\n2026-11-30");
  });
});

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
