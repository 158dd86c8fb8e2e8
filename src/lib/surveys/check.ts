// Every check the build makes on a survey file, in one place: the registry
// (so the build, the Functions and the tests), the server (a survey draft
// before it is stored, approved or published) and the HR console's editor
// (as HR types) all call these functions. Each problem carries a code and
// its parameters, for the console to say it in HR's words, and the build's
// English message.
import type { z } from "zod";
import { LOCALES } from "#i18n/config.ts";
import { MIN_GROUP_SIZE_FLOOR } from "../anonymity/threshold.ts";
import { DefinitionError, type DefinitionCode } from "./check-error.ts";
import { describeQuestions, type QuestionSpec } from "./questions.ts";
import { ZSurveyFile, MAX_SEGMENTS, type TSurveyFile } from "./schema.ts";
import { checkSegments } from "./segments.ts";
import { hasUnsafeCharacters } from "../text/unsafe-text.ts";

export type CheckCode =
  | DefinitionCode
  | "unknown_field"
  | "text_empty"
  | "question_text"
  | "choice_text"
  | "unsafe_text"
  | "id_format"
  | "day_format"
  | "date_order"
  | "audience"
  | "k_floor"
  | "segments_max"
  | "segment_twice"
  | "short_title"
  | "invitation_key"
  | "definition"
  | "schema";

export interface SurveyProblem {
  /** Where: a field of the file (`title.zh-cn`, `closes`) or `definition.<question>`. */
  path: string;
  code: CheckCode;
  params: Record<string, string | number>;
  /** The build's English message. */
  message: string;
}

/** SurveyJS's language key for each of Candor's languages. */
const SJS_LANG = { en: "default", "zh-cn": "zh-cn" } as const;

function zodProblem(issue: z.core.$ZodIssue, path: string): SurveyProblem {
  const top = String(issue.path[0] ?? "");
  const last = String(issue.path.at(-1) ?? "");
  const at = (code: CheckCode, params: Record<string, string | number> = {}) => ({ path, code, params, message: issue.message });
  if (last === "default" || last === "zh-cn") return at("text_empty", { lang: last === "default" ? "en" : "zh-cn" });
  if (top === "closes" && issue.code === "custom") return at("date_order");
  switch (top) {
    case "id":
      return at("id_format");
    case "opens":
    case "closes":
      return at("day_format");
    case "audience":
      return at("audience");
    case "minGroupSize":
      return at("k_floor", { min: MIN_GROUP_SIZE_FLOOR });
    case "segments":
      return issue.code === "custom" ? at("segment_twice") : at("segments_max", { max: MAX_SEGMENTS });
    case "shortTitle":
      return at("short_title");
    case "invitationKey":
      return at("invitation_key");
    case "definition":
      return at("definition");
  }
  return at("schema", { message: issue.message });
}

function schemaProblems(issues: readonly z.core.$ZodIssue[]): SurveyProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) => {
        const path = [...issue.path, k].join(".");
        return { path, code: "unknown_field" as const, params: { field: path }, message: "not a field of a survey file" };
      });
    return [zodProblem(issue, issue.path.length > 0 ? issue.path.join(".") : "body")];
  });
}

const filled = (v: unknown, lang: string) =>
  v !== null &&
  typeof v === "object" &&
  typeof (v as Record<string, unknown>)[lang] === "string" &&
  (v as Record<string, string>)[lang]!.trim() !== "";

/** A localisable text of the form that lacks a language (the build's rule: both languages present). */
function textProblems(definition: TSurveyFile["definition"]): SurveyProblem[] {
  const out: SurveyProblem[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as Record<string, unknown>[]) {
      if (el.type === "panel") {
        walk(el.elements);
        continue;
      }
      const name = typeof el.name === "string" ? el.name : "";
      for (const l of LOCALES) {
        const lang = SJS_LANG[l];
        if (!filled(el.title, lang))
          out.push({
            path: `definition.${name}`,
            code: "question_text",
            params: { name, lang: l },
            message: `question "${name}": its title in ${l} is empty`,
          });
        const choices = Array.isArray(el.choices) ? (el.choices as unknown[]) : [];
        choices.forEach((c, i) => {
          const text = c !== null && typeof c === "object" ? (c as { text?: unknown }).text : undefined;
          if (text !== undefined && !filled(text, lang))
            out.push({
              path: `definition.${name}.choices.${i}`,
              code: "choice_text",
              params: { name, lang: l, n: i + 1 },
              message: `question "${name}": choice ${i + 1} has no ${l} text`,
            });
        });
      }
    }
  };
  for (const page of definition.pages) walk(page.elements);
  return out;
}

/** Control characters and text-direction overrides in any text of the file: one rule for everything the site shows (../text/unsafe-text.ts). */
function unsafeProblems(file: TSurveyFile): SurveyProblem[] {
  const out: SurveyProblem[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === "string") {
      if (hasUnsafeCharacters(value))
        out.push({
          path: path.join("."),
          code: "unsafe_text",
          params: {},
          message: "contains control characters or text-direction overrides",
        });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(file, []);
  return out;
}

/** The file's fields and texts: the schema and both languages (cheap: no survey-core model). */
export function parseSurveyFile(body: unknown): { file: TSurveyFile; problems: [] } | { file: null; problems: SurveyProblem[] } {
  const parsed = ZSurveyFile.safeParse(body);
  if (!parsed.success) return { file: null, problems: schemaProblems(parsed.error.issues) };
  const texts = [...unsafeProblems(parsed.data), ...textProblems(parsed.data.definition)];
  return texts.length > 0 ? { file: null, problems: texts } : { file: parsed.data, problems: [] };
}

/** The questions as survey-core reads them, once the allowed types and the segment rules pass; throws DefinitionError. */
export function checkedQuestions(file: Pick<TSurveyFile, "definition" | "segments">): QuestionSpec[] {
  return checkSegments(file, describeQuestions(file.definition));
}

/** Every check the build makes on a survey file: none means it passes. */
export function surveyProblems(body: unknown): SurveyProblem[] {
  const { file, problems } = parseSurveyFile(body);
  if (!file) return problems;
  try {
    checkedQuestions(file);
    return [];
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    const path = err.code.startsWith("segment_") ? "segments" : err.question ? `definition.${err.question}` : "definition";
    return [{ path, code: err.code, params: { name: err.question, ...err.params }, message: err.message }];
  }
}

/** The problems as the build prints them. */
export const problemsText = (problems: readonly SurveyProblem[]) =>
  problems
    .map((p) => (p.path === "body" || p.path.startsWith("definition") || p.path === "segments" ? p.message : `${p.path}: ${p.message}`))
    .join("; ");
