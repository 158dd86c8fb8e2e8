// What the build's checks find wrong in a draft, as a stable code with its
// figures, so the console can say it in HR's language
// (src/i18n/strings/adminProblems.ts, "admin.problem.<code>"), while the API
// keeps the checks' English message in its error `fields`. The schemas name
// their own rules' codes (`params.problem` on each custom issue); zod's
// built-in issues are named here from their kind and the field they are on.
import type { z } from "zod";

export const PROBLEM_CODES = [
  // a field's value, whatever the file
  "required",
  "wrong_type",
  "not_number",
  "whole_number",
  "finite",
  "empty",
  "too_short",
  "too_long",
  "too_few",
  "too_many",
  "min",
  "above",
  "max",
  "below",
  "one_of",
  "unknown_field",
  "format",
  "format_date",
  "format_slug",
  "format_version",
  "format_cycle",
  "format_currency",
  "format_href",
  "format_fingerprint",
  "format_link",
  "format_datetime",
  "format_idea",
  // a policy version's rules
  "range_order",
  "target_is_threshold",
  "target_above",
  "target_below",
  "outside_range",
  "effective_month",
  "weights_sum",
  "tier_order",
  "unknown_criterion",
  "two_minimums",
  "reward_twice",
  "tier_nesting",
  "unknown_form",
  "last_tier",
  "duplicate_id",
  "unknown_forum",
  "forum_after",
  "unknown_survey",
  "idea_id",
  "status_current",
  "prose_elsewhere",
  "version_newer",
  "draft_version",
  // an honour's rules
  "reason_vague",
  "draft_day",
  // a cycle's results' rules
  "draft_cycle",
  "cycle_file",
  "period_not_over",
  "published_early",
  "published_future",
  "headcount_small",
  "small_group",
  "over_headcount",
  "bands_need_tiers",
  "activity_outside",
  "band_order",
  "band_small",
  "band_gap",
  "bands_scale",
  "bands_sum",
  "policy_unknown",
  "policy_not_in_force",
  "policy_two_versions",
  "fingerprint_changed",
  "not_criterion",
  "kpi_range",
  "kpis_missing",
  "no_budget",
  "not_tier",
  "tiers_missing",
  "tiers_sum",
  "tiers_withheld_fit",
  "tiers_derivable",
  // a staff forum's rules
  "forum_file_name",
  "front_matter",
  "not_a_day",
  "forum_day",
  "ends_before_starts",
  "time_zone",
  "not_yet_held",
  "minutes_missing",
  "minutes_before_mark",
  "minutes_locale",
  "minutes_per_language",
  "minutes_mark",
  "minutes_html",
  "due_before_forum",
  "outcome_missing",
  "unknown_action",
  "survey_unknown",
  // any text HR writes
  "unsafe_text",
  "unsafe_line",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ProblemVars = Record<string, string | number>;

/** One field's problem: its code and figures for HR's language, the checks' English words for the API. */
export interface Problem {
  code: ProblemCode;
  vars: ProblemVars;
  message: string;
}

/** Problems keyed by the field's path in the file (recipient.name.en), as the API's error `fields` are. */
export type Problems = Record<string, Problem>;

/** The UI string that says a problem in HR's words. */
export const problemKey = (code: ProblemCode) => `admin.problem.${code}` as const;

const isCode = (v: unknown): v is ProblemCode => typeof v === "string" && (PROBLEM_CODES as readonly string[]).includes(v);

const REGEX_FIELDS: Partial<Record<string, ProblemCode>> = {
  version: "format_version",
  cycle: "format_cycle",
  currency: "format_currency",
  href: "format_href",
  fingerprint: "format_fingerprint",
  // a forum's local date-times, the ideas and policy versions it concerns
  starts: "format_datetime",
  ends: "format_datetime",
  ideas: "format_idea",
  policy: "format_version",
};

/** A zod issue as a problem: the schema's own code for its rules, else one from the issue's kind. */
export function problemOfIssue(issue: z.core.$ZodIssue): Problem {
  const message = issue.message;
  switch (issue.code) {
    case "custom": {
      const { problem, ...vars } = (issue.params ?? {}) as { problem?: unknown } & ProblemVars;
      return { code: isCode(problem) ? problem : "wrong_type", vars, message };
    }
    case "invalid_type":
      if (/received undefined/.test(message)) return { code: "required", vars: {}, message };
      if (issue.expected === "int") return { code: "whole_number", vars: {}, message };
      return { code: issue.expected === "number" ? "not_number" : "wrong_type", vars: {}, message };
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string") return { code: minimum <= 1 ? "empty" : "too_short", vars: { minimum }, message };
      if (issue.origin === "array") return { code: "too_few", vars: { minimum }, message };
      return { code: issue.inclusive === false ? "above" : "min", vars: { minimum }, message };
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return { code: "too_long", vars: { maximum }, message };
      if (issue.origin === "array") return { code: "too_many", vars: { maximum }, message };
      return { code: issue.inclusive === false ? "below" : "max", vars: { maximum }, message };
    }
    case "invalid_format": {
      if (issue.format === "date") return { code: "format_date", vars: {}, message };
      if (issue.format === "url") return { code: "format_link", vars: {}, message };
      const key = [...issue.path].reverse().find((p) => typeof p === "string");
      return { code: (typeof key === "string" && REGEX_FIELDS[key]) || "format_slug", vars: {}, message };
    }
    case "invalid_value":
      return { code: "one_of", vars: { values: issue.values.map(String).join(", ") }, message };
    case "unrecognized_keys":
      return { code: "unknown_field", vars: {}, message: "not a field of this file" };
    default:
      return { code: "wrong_type", vars: {}, message };
  }
}

/** A zod error's issues as problems by field (the first problem of each field). */
export function problemsOfIssues(issues: readonly z.core.$ZodIssue[]): Problems {
  const out: Problems = {};
  for (const issue of issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) out[path.length > 0 ? path.join(".") : "body"] ??= problemOfIssue(issue);
  }
  return out;
}

/** The problems as the API's error `fields`: the checks' English words by field. */
export const problemFields = (problems: Problems): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.message]));

/** A problem of a rule the checks state themselves (not a zod issue). */
export const problem = (code: ProblemCode, message: string, vars: ProblemVars = {}): Problem => ({ code, vars, message });
