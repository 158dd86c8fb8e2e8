// The mechanical part of the style guide (docs/style-guide.md): punctuation
// a reader of either language notices at once. test/unit/style.test.ts runs
// these over every UI string, survey and policy text; the rest of the guide
// (tone, terms, what to call things) needs an editor, not a regex.
export type Language = "en" | "zh-cn";

const HAN = "\\p{Script=Han}";

/**
 * Chinese terms the site has settled on, [not this, but this]: one name for a
 * thing everywhere. Published policy versions, a fixed record, are shown with
 * these (src/lib/policy/display.ts); everything else is written with them.
 */
export const ZH_TERMS: readonly (readonly [string, string])[] = [
  ["客服服务主管", "客服主管"],
  ["人力资源部门", "人力资源部"],
  ["好评率", "认同率"],
  ["需支持", "待改进"],
  ["首次联系解决率", "首次解决率（FCR）"],
  ["每千次联系", "每千次服务"],
  ["每千次已处理联系", "每千次服务"],
];

interface Rule {
  id: string;
  pattern: RegExp;
  message: string;
}

const RULES: Record<Language, Rule[]> = {
  "zh-cn": [
    { id: "ascii-colon", pattern: new RegExp(`${HAN}\\s*:(?!//)`, "u"), message: "half-width colon after Chinese text: use ：" },
    {
      id: "ascii-comma",
      pattern: new RegExp(`${HAN}\\s*,\\s*${HAN}`, "u"),
      message: "ASCII comma between Chinese characters: use ，or 、",
    },
    { id: "ascii-semicolon", pattern: new RegExp(`${HAN}\\s*;`, "u"), message: "half-width semicolon after Chinese text: use ；" },
    {
      id: "ascii-end",
      pattern: new RegExp(`${HAN}[.?!](?=\\s|$)`, "u"),
      message: "half-width full stop, question or exclamation mark after Chinese text: use 。？！",
    },
    {
      id: "ascii-parens",
      pattern: new RegExp(`${HAN}\\s*\\((?=[^)]*\\))|\\([^()]*${HAN}[^()]*\\)`, "u"),
      message: "half-width parentheses with Chinese text: use （）",
    },
    {
      id: "single-dash",
      pattern: new RegExp(`${HAN}\\s*[—–]\\s*(?!—)|(?<!—)[—–]\\s*${HAN}`, "u"),
      message: "an English dash in Chinese text: use ——, ：or rephrase",
    },
    { id: "ellipsis", pattern: /。。。|\.\.\./u, message: "dots as an ellipsis: use …… (or … in a short UI label)" },
    {
      id: "date",
      pattern: /\d{4} 年|\d{4}年 \d|年第 ?\d|(?<![\d.])\d{1,2} 月 \d{1,2} 日/u,
      message: "a date with spaces or a quarter in digits: write 2026年12月7日, 2026年10月, 2026年第三季度",
    },
    { id: "nested-brackets", pattern: /（[^）]*（/u, message: "brackets inside brackets: rephrase (质检评分（满分 100 分）)" },
    {
      id: "term",
      pattern: new RegExp(ZH_TERMS.map(([old]) => old).join("|"), "u"),
      message: `a term the site does not use: ${ZH_TERMS.map(([old, now]) => `${now}, not ${old}`).join("; ")}`,
    },
  ],
  en: [
    {
      id: "han-in-english",
      pattern: new RegExp(HAN, "u"),
      message: "Chinese characters in English text (a gloss or a leftover translation)",
    },
    { id: "full-width", pattern: /[，。：；！？（）【】、]/u, message: "full-width punctuation in English text" },
    { id: "middle-dot-space", pattern: /\S·|·\S/u, message: "a middle dot without spaces around it" },
  ],
};

export interface TypographyProblem {
  rule: string;
  message: string;
  /** The text around the problem. */
  near: string;
}

/** What the mechanical rules find in one text of one language. */
export function typographyProblems(text: string, language: Language): TypographyProblem[] {
  const found: TypographyProblem[] = [];
  for (const rule of RULES[language]) {
    const m = rule.pattern.exec(text);
    if (m) found.push({ rule: rule.id, message: rule.message, near: text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12) });
  }
  return found;
}

/**
 * A phrase about to be followed by a number, spaced as Chinese text is: a
 * space after a character ("查看文字回答 7 次"), none after full-width
 * punctuation ("导出答卷（CSV）2 次"). Text not ending in Chinese is unchanged.
 */
export function beforeNumber(text: string): string {
  return new RegExp(`${HAN}$`, "u").test(text) ? `${text} ` : text;
}
