// The shapes the HR survey tools' API answers with (docs/hr-console.md,
// "Surveys"), and the one rule on when HR sees a survey's results, shared by
// the server and the console island (zod-free).
import type { DayCount } from "../anonymity/participation.ts";
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

/** A raise of a survey's audience: the day, from, to. Public, like the audience itself. */
export interface AudienceRaise {
  on: string;
  from: number;
  to: number;
}

/** An invitation survey's codes as everyone sees them: every code minted, and those withdrawn since. */
export interface CodeTotals {
  issued: number;
  withdrawn: number;
}

/**
 * An invitation survey's codes as HR sees them: the public totals, and how
 * many codes were redeemed — counted like participation, over whole days
 * before `usedBefore` and in steps of at least k, so a redemption never shows
 * the moment it happens.
 */
export interface HrCodes extends CodeTotals {
  used: number;
  usedBefore: string;
  /** How many more codes may be issued: the audience minus the codes issued and not withdrawn. */
  available: number;
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
  /** The headcount the survey is for: its file's, or the latest public raise. */
  audience: number;
  audienceRaises: AudienceRaise[];
  minGroupSize: number;
  participation: Participation;
  /** Invitation surveys only; null for open surveys. */
  codes: HrCodes | null;
  /** Invitation surveys: what follows /i/ in the short address on the slips (src/lib/surveys/short-address.ts); null for open surveys. */
  shortName: string | null;
}

export interface Trends {
  /** The earlier run: its full title, and its short one for labels ("vs H2 2025"). */
  previous: { id: string; title: TSurveyText; shortTitle: TSurveyText; closes: string; responses: number | null };
  questions: QuestionTrend[];
}

/** Why a survey's answers are withheld whatever their counts: more responses arrived than its audience. */
export interface Withheld {
  reason: "responses_exceed_audience";
  audience: number;
}

export interface Findings extends SurveyResults {
  id: string;
  status: SurveyStatus;
  visibility: TVisibility;
  /** Set when nothing from the answers is published, with the reason; null otherwise. */
  withheld: Withheld | null;
  /** Results by segment, or null when the survey names no segments. */
  breakdown: PublishedBreakdown | null;
  /** Change since the previous run of the series, or null (no series, no earlier run, or its results not available to this audience). */
  trends: Trends | null;
}

export interface Comments {
  id: string;
  k: number;
  responses: number;
  /** The most comments per question one read returns (a random sample beyond). */
  cap: number;
  /**
   * Per free-text question: how many answered it and what they wrote — or,
   * when fewer than k answered it, `count` null and no comments.
   */
  questions: { name: string; title: TSurveyText | string; count: number | null; comments: string[] }[];
}

/**
 * Whether HR may see a survey's results, comments and answers now: every
 * survey, hidden ones too, but only once it has closed. Anything read while
 * answers still arrive could be read again later, and the two readings would
 * differ by the answers in between — someone who knows all but one of those
 * reads the last one off the difference, however large it is.
 */
export function hrSeesResults(survey: { status: SurveyStatus }): "yes" | "not_yet" {
  return survey.status === "closed" ? "yes" : "not_yet";
}
