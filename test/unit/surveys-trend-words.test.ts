// The change since the previous run in words, shared by the public survey
// page and the HR console: every figure of a compared question, in order,
// labelled in the reader's language, signed.
import { describe, expect, it } from "vitest";
import { signedNumber, trendParts, type TrendPhrases } from "#lib/surveys/trend-words.ts";

const say: TrendPhrases = {
  mean: (change) => `mean ${change}`,
  favourable: (change) => `favourable ${change}`,
  choice: (label, change) => `${label} ${change}`,
  rank: (label, change) => `${label} rank ${change}`,
};

const labelled = {
  choices: [
    { value: "a", text: { default: "Apples", "zh-cn": "苹果" } },
    { value: 2, text: "Two" },
  ],
  ranking: [
    { value: "cash", text: { default: "Cash bonus", "zh-cn": "现金奖金" } },
    { value: "leave", text: { default: "Extra leave", "zh-cn": "额外假期" } },
  ],
};

describe("trendParts", () => {
  it("says the mean, then the favourable share, then each choice and each ranked item, in that order", () => {
    const parts = trendParts(
      {
        name: "q",
        status: "compared",
        mean: 0.25,
        favourable: -3.5,
        choices: [
          { value: "a", change: 12.5 },
          { value: 2, change: -4 },
        ],
        ranking: [
          { value: "cash", change: -0.42 },
          { value: "leave", change: 0.42 },
        ],
      },
      labelled,
      "en",
      say,
    );
    expect(parts).toEqual(["mean +0.25", "favourable -3.5", "Apples +12.5", "Two -4", "Cash bonus rank -0.42", "Extra leave rank +0.42"]);
  });

  it("labels choices and items in the reader's language", () => {
    const trend = {
      name: "q",
      status: "compared" as const,
      choices: [{ value: "a", change: 1 }],
      ranking: [{ value: "leave", change: -1 }],
    };
    expect(trendParts(trend, labelled, "zh-cn", say)).toEqual(["苹果 +1", "额外假期 rank -1"]);
  });

  it("leaves out a choice withheld in either run, and names an unknown value by itself", () => {
    const trend = {
      name: "q",
      status: "compared" as const,
      choices: [
        { value: "a", change: null },
        { value: "gone", change: 2 },
      ],
    };
    expect(trendParts(trend, labelled, "en", say)).toEqual(["gone +2"]);
  });

  it("has nothing to say for a question with no figure", () => {
    expect(trendParts({ name: "q", status: "withheld" }, labelled, "en", say)).toEqual([]);
  });
});

describe("signedNumber", () => {
  it("signs a change, never a zero, to the digits asked", () => {
    expect([
      signedNumber("en", 1.234, 2),
      signedNumber("en", -1.236, 2),
      signedNumber("en", 0, 1),
      signedNumber("zh-cn", 12.34, 1),
    ]).toEqual(["+1.23", "-1.24", "0", "+12.3"]);
  });
});
