// The server never trusts the form (docs/design.md, rule 6). Answers are
// checked against the same SurveyJS JSON the page rendered, in two layers:
//   1. what SurveyJS does not check: unknown question names, wrong types,
//      values outside the choices / rating scale, oversize or control-character
//      text, and answers to questions the survey's own logic hides;
//   2. SurveyJS's own validation (isRequired, validators) evaluated by a
//      headless survey-core Model, so required-ness under visibleIf/requiredIf
//      is decided by the very code that drew the form (its verdict kept per
//      combination of answers that decides it: ./logic-verdict.ts).
// Messages come back per question, in the respondent's language.
// SurveyJS's own messages ("Response required.") in Chinese; the only other locale Candor uses.
import "survey-core/i18n/simplified-chinese";
import type { Locale } from "#i18n/config.ts";
import { fill } from "#i18n/translate.ts";
import { logicVerdict } from "./logic-verdict.ts";
import { describeQuestions, type ChoiceValue, type QuestionSpec } from "./questions.ts";
import type { TSurveyDefinition } from "./schema.ts";
import { hasUnsafeCharacters } from "../text/unsafe-text.ts";

/** One stored row per answered question; exactly one of num/text/json is set. */
export interface AnswerRow {
  question: string;
  num: number | null;
  text: string | null;
  json: string | null;
}

export type ValidationResult = { ok: true; rows: AnswerRow[] } | { ok: false; fields: Record<string, string> };

const MESSAGES = {
  en: {
    unknown: "There is no such question in this survey.",
    type: "This answer has the wrong type.",
    choice: "This answer is not one of the choices.",
    duplicate: "A choice appears more than once.",
    tooMany: "Too many choices selected (at most {n}).",
    rankAll: "Rank every item, each once.",
    tooLong: "This answer is too long (at most {n} characters).",
    control: "This answer contains control characters or text-direction overrides.",
    hidden: "This question does not apply given your other answers; leave it empty.",
  },
  "zh-cn": {
    unknown: "本问卷中没有这个问题。",
    type: "答案类型不正确。",
    choice: "答案不在可选项之中。",
    duplicate: "有选项重复出现。",
    tooMany: "选择的选项过多（最多 {n} 项）。",
    rankAll: "请为每一项排序，每项一次。",
    tooLong: "答案过长（最多 {n} 个字符）。",
    control: "答案中包含控制字符或文字方向控制符。",
    hidden: "根据你的其他回答，此问题不适用，请留空。",
  },
} as const satisfies Record<Locale, Record<string, string>>;

type MessageKey = keyof (typeof MESSAGES)["en"];

/** No answer: nothing, a blank string, or (for the questions whose answer is a list) an empty list. An empty list is no text. */
function isEmptyAnswer(spec: QuestionSpec, value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0 && (spec.type === "checkbox" || spec.type === "ranking"))
  );
}

function inChoices(spec: QuestionSpec, value: unknown): value is ChoiceValue {
  return (typeof value === "string" || typeof value === "number") && spec.choices.some((c) => c.value === value);
}

/** Checks one answer's shape against its question; returns a message key or the normalised row. */
function checkValue(spec: QuestionSpec, value: unknown): { error: MessageKey; n?: number } | AnswerRow {
  const row = (num: number | null, text: string | null, json: string | null): AnswerRow => ({ question: spec.name, num, text, json });
  switch (spec.type) {
    case "radiogroup":
    case "dropdown":
      if (typeof value !== "string" && typeof value !== "number") return { error: "type" };
      if (!inChoices(spec, value)) return { error: "choice" };
      return typeof value === "number" ? row(value, null, null) : row(null, value, null);
    case "rating":
      if (typeof value !== "number" && typeof value !== "string") return { error: "type" };
      if (!inChoices(spec, value)) return { error: "choice" };
      return typeof value === "number" ? row(value, null, null) : row(null, value, null);
    case "boolean":
      if (typeof value !== "boolean") return { error: "type" };
      return row(value ? 1 : 0, null, null);
    case "checkbox":
    case "ranking": {
      if (!Array.isArray(value)) return { error: "type" };
      if (value.some((v) => typeof v !== "string" && typeof v !== "number")) return { error: "type" };
      if (!value.every((v) => inChoices(spec, v))) return { error: "choice" };
      if (new Set(value).size !== value.length) return { error: "duplicate" };
      if (spec.type === "checkbox" && spec.maxSelected > 0 && value.length > spec.maxSelected)
        return { error: "tooMany", n: spec.maxSelected };
      if (spec.type === "ranking" && !spec.partialRanking && value.length !== spec.choices.length) return { error: "rankAll" };
      return row(null, null, JSON.stringify(value));
    }
    case "text":
    case "comment":
      if (typeof value !== "string") return { error: "type" };
      if ([...value].length > spec.maxLength) return { error: "tooLong", n: spec.maxLength };
      if (hasUnsafeCharacters(value)) return { error: "control" };
      return row(null, value, null);
  }
}

/**
 * Validates `answers` (question name → value) for `definition`. On success
 * returns the rows to store, in form order; on failure a message per question.
 */
export function validateAnswers(
  definition: TSurveyDefinition,
  answers: Record<string, unknown>,
  locale: Locale,
  specs: QuestionSpec[] = describeQuestions(definition),
): ValidationResult {
  const messages = MESSAGES[locale];
  const say = (key: MessageKey, n?: number) => fill(messages[key], { n: n ?? "" });
  const byName = new Map(specs.map((s) => [s.name, s]));
  // Keyed by whatever the client sent — "__proto__" included — so a Map, never a plain object's setter.
  const problems = new Map<string, string>();
  const rows = new Map<string, AnswerRow>();
  const data: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(answers)) {
    const spec = byName.get(name);
    if (!spec) {
      problems.set(name, say("unknown"));
      continue;
    }
    if (isEmptyAnswer(spec, value)) continue; // an empty answer is no answer; required-ness is SurveyJS's call below
    const checked = checkValue(spec, value);
    if ("error" in checked) {
      problems.set(name, say(checked.error, checked.n));
      continue;
    }
    rows.set(name, checked);
    data[name] = value;
  }

  // The survey's own logic, judged by survey-core on the well-formed answers
  // (or its verdict kept for the same answered questions and conditions).
  const verdict = logicVerdict(definition, specs, data, locale);
  for (const name of verdict.hidden) {
    problems.set(name, say("hidden"));
    rows.delete(name);
  }
  for (const [name, message] of verdict.errors) if (!problems.has(name)) problems.set(name, message);

  if (problems.size > 0) return { ok: false, fields: Object.fromEntries(problems) };
  return { ok: true, rows: specs.flatMap((s) => (rows.has(s.name) ? [rows.get(s.name)!] : [])) };
}
