// The phrases pages print for "what changed" and tier rules, in both languages.
import { describe, expect, it } from "vitest";
import { changeLines, describeMinimum, describeReward, itemSummary } from "#components/policy/describe.ts";
import { useTranslations } from "#i18n/index.ts";
import { diffPolicies } from "#lib/policy/diff.ts";
import { formatDate, formatMeasure } from "#lib/policy/format.ts";
import { parsePolicySet } from "#lib/policy/parse.ts";
import { demoFiles } from "./policy-fixtures.ts";

const { versions } = parsePolicySet(demoFiles());
const [v2025, v2026a, v2026b] = versions as [(typeof versions)[0], (typeof versions)[0], (typeof versions)[0]];

function lines(locale: "en" | "zh-cn", from = v2025, to = v2026a) {
  const t = useTranslations(locale);
  const ctx = { t, locale, from, to };
  return diffPolicies(from, to).changes.flatMap((c) => changeLines(ctx, c).map((l) => `${c.id}: ${l.text}`));
}

describe("what-changed phrases", () => {
  it("states weights, targets, minimums and bonuses with their units, in English", () => {
    const en = lines("en");
    expect(en).toContain("csat: Weight: 30% → 25%");
    expect(en).toContain("csat: Target: 90% → 92%");
    expect(en).toContain("outstanding: Minimum for Customer satisfaction (CSAT): 88% → 90%");
    expect(en).toContain("outstanding: Minimum for Complaint rate added: 1.5‰");
    expect(en).toContain("outstanding: Reward “Performance bonus”: 15% of base pay → 18% of base pay");
  });

  it("and in Chinese, with the glossary's terms", () => {
    const zh = lines("zh-cn");
    expect(zh).toContain("csat: 权重：30% → 25%");
    expect(zh).toContain("outstanding: 奖励“绩效奖金”：基本工资的 15% → 基本工资的 18%");
  });

  it("names a renamed tier with both names and a lower-is-better target in minutes", () => {
    const en = lines("en", v2026a, v2026b);
    expect(en).toContain("below: Name: “Below expectations” → “Needs support”");
    expect(en).toContain("average-handling-time: Target: 6 min → 5.5 min");
    expect(lines("zh-cn", v2026a, v2026b)).toContain("below: 名称：“待提升” → “需支持”");
    expect(en).toContain("excellent: Reward “Promotion opportunity” added");
    expect(en).toContain("outstanding: Reward “Team activities” added: A team activity for the supervisor's whole team.");
  });
});

describe("added and removed items", () => {
  it("say what the new criterion weighs and asks, in both languages", () => {
    const change = diffPolicies(v2025, v2026a).changes.find((c) => c.id === "complaint-rate")!;
    expect(change.change).toBe("added");
    expect(itemSummary({ t: useTranslations("en"), locale: "en", from: v2025, to: v2026a }, change)).toBe(
      "Weight 10% · target 1‰ · threshold 3‰ · lower is better",
    );
    expect(itemSummary({ t: useTranslations("zh-cn"), locale: "zh-cn", from: v2025, to: v2026a }, change)).toBe(
      "权重 10%，目标值 1‰，起评线 3‰，越低越好",
    );
  });

  it("describe a removed item from the older version", () => {
    const change = diffPolicies(v2026a, v2025).changes.find((c) => c.id === "stress-support")!;
    expect(change.change).toBe("removed");
    expect(itemSummary({ t: useTranslations("en"), locale: "en", from: v2026a, to: v2025 }, change)).toBe(
      v2026a.incentives.find((i) => i.id === "stress-support")!.description.en,
    );
  });
});

describe("tier rule phrases", () => {
  it("says 'at least' for higher-is-better and 'at most' for lower-is-better", () => {
    const t = useTranslations("en");
    const outstanding = v2026b.tiers[0]!;
    expect(outstanding.rule.minimums.map((m) => describeMinimum(t, "en", v2026b.criteria, m))).toEqual([
      "Customer satisfaction (CSAT) at least 90%",
      "Complaint rate at most 1.5‰",
      "Quality-audit score at least 85 pts",
    ]);
    expect(describeReward(t, "en", v2026b.rewardForms, outstanding.rewards[0]!)).toBe("Performance bonus: 18% of base pay");
  });
});

describe("formatting", () => {
  it("formats calendar dates without time-zone drift, per locale", () => {
    expect(formatDate("en", "2026-07-01")).toBe("1 July 2026");
    expect(formatDate("zh-cn", "2026-07-01")).toBe("2026年7月1日");
  });

  it("puts units around locale-formatted numbers", () => {
    const en = useTranslations("en");
    const zh = useTranslations("zh-cn");
    expect(formatMeasure(en, "minutes", 5.5)).toBe("5.5 min");
    expect(formatMeasure(en, "percent", 1234.567)).toBe("1,234.57%");
    expect(formatMeasure(zh, "minutes", 1234.5)).toBe("1,234.5 分钟");
  });
});
