// The shapes the HR survey tools' API answers with (docs/hr-console.md,
// "Surveys"), and the one rule on when HR sees a survey's results, shared by
// the server and the console island (zod-free).
import type { DayCount } from "../participation.ts";
import type { PublishedBreakdown } from "./breakdown.ts";
import type { SurveyResults } from "./results.ts";
import type { TAccess, TSurveyText, TVisibility, SurveyStatus } from "./schema.ts";
import type { QuestionTrend } from "./trends.ts";

export interface Participation {
  /** Responses up to the last step: never today's, and never moved by fewer than k. */
  responses: number;
  audience: number;
  /** responses / audience, 0–1 (more when the audience was under-estimated). */
  rate: number;
  /** One entry per step: its last day and the responses it added (at least k). */
  perDay: DayCount[];
  /** Exclusive: the figures cover days before this one. */
  before: string;
}

export interface HrSurvey {
  id: string;
  version: number;
  title: TSurveyText;
  description: TSurveyText;
  status: SurveyStatus;
  opens: string;
  closes: string;
  access: TAccess;
  resultsVisibility: TVisibility;
  audience: number;
  minGroupSize: number;
  participation: Participation;
  /** Invitation surveys: codes issued, used (redeemed) and unused; null for open surveys. */
  codes: { issued: number; used: number; unused: number } | null;
}

export interface Trends {
  previous: { id: string; title: TSurveyText; closes: string; responses: number | null };
  questions: QuestionTrend[];
}

export interface Findings extends SurveyResults {
  id: string;
  status: SurveyStatus;
  visibility: TVisibility;
  /** For live results: the first day not included (results cover whole days before it, in steps); null otherwise. */
  before: string | null;
  /** Results by segment, or null when the survey names no segments. */
  breakdown: PublishedBreakdown | null;
  /** Change since the previous run of the series, or null (no series, no earlier run, or its results not available to this audience). */
  trends: Trends | null;
}

export interface Comments {
  id: string;
  k: number;
  responses: number;
  before: string | null;
  /** The most comments per question one read returns (a random sample beyond). */
  cap: number;
  questions: { name: string; title: TSurveyText | string; count: number; comments: string[] }[];
}

/**
 * Whether HR may see a survey's results (and its comments and answers) now:
 * every survey, hidden ones too — but unless its results are live (in
 * steps), only once it has closed: read while answers still arrive, then
 * again at the close, the two would differ by the last few answers.
 */
export function hrSeesResults(survey: { status: SurveyStatus; resultsVisibility: TVisibility }): "yes" | "not_yet" {
  if (survey.status === "upcoming") return "not_yet";
  return survey.resultsVisibility === "live" || survey.status === "closed" ? "yes" : "not_yet";
}
