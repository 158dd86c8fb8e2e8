// Why a KPI export cannot be imported, one line each: a stable code and its
// figures, so the console can say it in HR's language
// ("admin.results.detail.<code>"), and the import's English words, which the
// terminal prints (scripts/results-import.ts) and the server's error keeps.
// A line of the small-change rule names the published figures that would
// move: those are kept as data too (Figure), so the console names a tier by
// its name in HR's language rather than by its id.

export const KPI_PROBLEM_CODES = [
  // the cycle and the version in force
  "not_cycle",
  "not_over",
  "no_version",
  "two_versions",
  // the file's layout
  "quoted_field",
  "empty_file",
  "no_person_column",
  "missing_column",
  "extra_column",
  "column_twice",
  "no_rows",
  // a row
  "field_count",
  "empty_person",
  "duplicate_row",
  "no_value",
  "not_number",
  "outside_range",
  // anonymity
  "too_few",
  "headcount_change",
  "values_change",
  "figures_change",
] as const;
export type KpiProblemCode = (typeof KPI_PROBLEM_CODES)[number];

/** A published count as an observer reads it: the number, "fewer than k", or withheld. */
export type ShownCount = number | "fewer" | "withheld";

/** A figure of a published cycle that two publications side by side let anyone compare. */
export type Figure =
  | { kind: "tier"; id: string; was: ShownCount; is: ShownCount }
  | { kind: "hiddenTiers"; ids: string[] }
  | { kind: "everyTier" }
  | { kind: "band"; from: number; to: number; was: number; is: number };

export interface KpiProblem {
  code: KpiProblemCode;
  vars: Record<string, string | number>;
  /** The import's English words. */
  message: string;
  /** figures_change: the figures whose sum would move (one, or several "together"), what they are, and by how much. */
  figures?: { of: "tiers" | "bands"; items: Figure[]; lo: number; hi: number };
}

export const kpiProblem = (
  code: KpiProblemCode,
  message: string,
  vars: KpiProblem["vars"] = {},
  figures?: KpiProblem["figures"],
): KpiProblem => (figures ? { code, vars, message, figures } : { code, vars, message });

/** A change in people as the lines write it, in both the terminal's words and the console's: +2, -1, 0. */
export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The UI string that says a line in HR's words. */
export const kpiProblemKey = (code: KpiProblemCode) => `admin.results.detail.${code}` as const;
