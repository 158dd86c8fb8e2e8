// The mechanical part of the style guide (docs/style-guide.md): punctuation
// a reader of either language notices at once. test/unit/style.test.ts runs
// these over every UI string, survey and policy text; the rest of the guide
// (tone, terms, what to call things) needs an editor, not a regex.
export type Language = "en" | "zh-cn";

const HAN = "\\p{Script=Han}";

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
