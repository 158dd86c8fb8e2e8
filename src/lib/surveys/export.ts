// Survey answers as CSV for HR (GET /api/admin/surveys/{id}/responses.csv)
// and invitation codes as CSV (the console). One writer, papaparse's
// `unparse`: RFC 4180 quoting, CRLF line ends, and formula neutralising
// (a cell starting with =, +, -, @, tab or CR gets a leading apostrophe, so
// Excel and WPS show `=HYPERLINK(…)` as text instead of running it — with a
// pattern of our own, see FORMULA_START). A byte
// order mark makes Excel read the file as UTF-8 (Chinese text included).
import Papa from "papaparse";
import type { Locale } from "#i18n/config.ts";
import type { ChoiceValue, QuestionSpec } from "./questions.ts";
import { localText } from "./text.ts";

export const BOM = "\uFEFF";

/**
 * Cells papaparse prefixes with an apostrophe. Its default pattern,
 * /^[=+\-@\t\r].*$/, ends in `.*$` without the s flag, so a cell that starts
 * with "=" and goes on past a line break (a comment of two lines) was left
 * as it was; the start alone decides whether a spreadsheet reads a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 CSV, CRLF, every cell a string, formulas neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  // The header goes in as the first row, not as `fields`: given `fields` and
  // no rows, unparse writes an empty row after the header, and the streamed
  // export (the header alone, then csvRows) had a blank second line.
  return `${options.bom === false ? "" : BOM}${csvRows([header, ...rows])}`;
}

/** More rows of the same file (no header, no BOM), for streaming a long export. */
export function csvRows(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(
    rows.map((r) => [...r]),
    { escapeFormulae: FORMULA_START, newline: "\r\n" },
  )}\r\n`;
}

/** One stored answer, as survey_answers keeps it: exactly one of the three is set. */
export interface StoredAnswer {
  num: number | null;
  text: string | null;
  json: string | null;
}

const YES_NO: Record<Locale, [string, string]> = { en: ["Yes", "No"], "zh-cn": ["是", "否"] };

function label(spec: QuestionSpec, value: unknown, locale: Locale): string {
  const choice = spec.choices.find((c) => String(c.value) === String(value as ChoiceValue));
  return choice ? localText(choice.text, locale) : String(value);
}

/**
 * One cell: a rating as its number, a choice by its label in `locale`,
 * checkboxes joined with "; ", a ranking as "a > b > c", yes/no in words,
 * free text as written.
 */
export function formatAnswer(spec: QuestionSpec, answer: StoredAnswer | undefined, locale: Locale): string {
  if (!answer) return "";
  switch (spec.type) {
    case "rating":
      return answer.num === null ? "" : String(answer.num);
    case "boolean":
      return answer.num === null ? "" : YES_NO[locale][answer.num === 1 ? 0 : 1];
    case "radiogroup":
    case "dropdown":
      return label(spec, answer.text ?? answer.num, locale);
    case "checkbox":
    case "ranking": {
      const values = answer.json ? (JSON.parse(answer.json) as unknown[]) : [];
      return values.map((v) => label(spec, v, locale)).join(spec.type === "checkbox" ? "; " : " > ");
    }
    case "text":
    case "comment":
      return answer.text ?? "";
  }
}

/** The export's columns, in form order, headed by each question's title in `locale`. */
export function exportHeader(columns: readonly QuestionSpec[], locale: Locale): string[] {
  return columns.map((spec) => localText(spec.title, locale));
}
