// What a survey's results say, for the public results (GET
// /api/surveys/{id}/results) and the HR console alike: the per-question
// results, the breakdown by segment and the change since the previous run of
// the series — one computation, so HR sees exactly what the rules allow and
// nothing the public figures would not also obey.
import { addDays, type Day } from "#lib/clock.ts";
import {
  breakdownQuestions,
  keepUnderRaisedK,
  publishBreakdown,
  segmentSpecs,
  shownInFull,
  snapshotBreakdown,
  withholdingAllBut,
  type PublishedBreakdown,
} from "#lib/surveys/breakdown.ts";
import { previousRun, SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { emptyAggregates } from "#lib/surveys/aggregates.ts";
import { publishWithK } from "#lib/surveys/raised-k.ts";
import { buildResults, type SurveyResults } from "#lib/surveys/results.ts";
import { effectiveMinGroupSize, resultsAvailable, surveyStatus } from "#lib/surveys/schema.ts";
import { hrSeesResults, type Findings, type Trends } from "#lib/surveys/tools.ts";
import { compareRuns } from "#lib/surveys/trends.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { publishedK } from "./db/published-k.ts";
import { readAudiences } from "./db/audiences.ts";
import { readAggregates, readSegmentTallies } from "./db/surveys.ts";

export type Audience = "public" | "hr";
export type { Findings };

const scopeOf = (survey: Survey) => `survey:${survey.id}`;

/**
 * The k a survey is published with, frozen at its first publication
 * (docs/anonymity.md, "Changing k"): participation steps are cut with it, and
 * results are cut with it, or with a larger k only where that shows nothing new.
 */
export async function stepKs(env: AppEnv, surveys: readonly Survey[] = SURVEYS): Promise<Map<string, number>> {
  const k = readConfig(env).minGroupSize;
  const frozen = await publishedK(
    env,
    surveys.map((s) => ({ scope: scopeOf(s), k: effectiveMinGroupSize(s, k) })),
  );
  return new Map(surveys.map((s) => [s.id, frozen.get(scopeOf(s)) ?? effectiveMinGroupSize(s, k)]));
}

/** Participation is counted until today, or the day after closing. */
export const countedUntil = (survey: Survey, today: string) => (today <= survey.closes ? today : addDays(survey.closes, 1));

/** The k a survey is published with now (the setting), and the k it first published with (frozen). */
async function ksOf(env: AppEnv, survey: Survey): Promise<{ k: number; firstK: number }> {
  const k = effectiveMinGroupSize(survey, readConfig(env).minGroupSize);
  return { k, firstK: (await stepKs(env, [survey])).get(survey.id)! };
}

/**
 * Whether a survey's answers are withheld whatever the rules on groups would
 * show: more responses arrived than the survey's audience (its headcount, as
 * raised publicly), so someone answered who was not counted — codes minted
 * beyond the people they were for, or one person answering an open survey
 * many times — and answers they know could be subtracted from the figures.
 * `responses` are those the answers read cover: every response to the
 * survey's current version.
 */
export async function overAudience(
  env: AppEnv,
  survey: Survey,
  responses: number,
): Promise<{ responses: number; audience: number } | null> {
  const { audience } = (await readAudiences(env, [survey])).get(survey.id)!;
  return responses > audience ? { responses, audience } : null;
}

interface ResultsNow {
  results: SurveyResults;
  k: number;
  firstK: number;
  /** Set when more responses arrived than the audience: nothing from the answers is published. */
  over: { responses: number; audience: number } | null;
}

/**
 * The results alone (no breakdown, no trends), as GET /api/surveys/{id}/results
 * publishes them once the survey has closed: every response to its current
 * version, cut with the k it first published with (or a raised one, where
 * that shows nothing new: src/lib/surveys/raised-k.ts).
 */
async function resultsOf(env: AppEnv, survey: Survey, today: Day): Promise<ResultsNow> {
  const [{ k, firstK }, raw] = await Promise.all([ksOf(env, survey), readAggregates(env, survey, today)]);
  const over = await overAudience(env, survey, raw.responses);
  // Over the audience, nothing from the answers: the shape of a survey with too few responses.
  if (over) return { results: buildResults(survey.questions, emptyAggregates(), Math.max(k, firstK)), k, firstK, over };
  return { results: publishWithK(survey.questions, raw, firstK, k), k, firstK, over };
}

/**
 * The breakdown by segment, of every response, cut like the results: with
 * the first k, and under a raised k only the segments it shows alike.
 */
async function breakdownOf(env: AppEnv, survey: Survey, now: ResultsNow, today: Day): Promise<PublishedBreakdown | null> {
  if (!survey.segments?.length) return null;
  const segments = segmentSpecs(survey.questions, survey.segments);
  const questions = breakdownQuestions(survey.questions, survey.segments);
  const tallies = await readSegmentTallies(
    env,
    survey,
    survey.segments,
    questions.map((q) => q.name),
    today,
  );
  const full = shownInFull(now.results, questions);
  const cut = (k: number) => snapshotBreakdown(tallies, segments, questions, k, withholdingAllBut(segments.length, questions, full));
  const first = cut(now.firstK);
  return publishBreakdown(now.k > now.firstK ? keepUnderRaisedK(first, cut(now.k)) : first, segments, questions);
}

/** Whether `audience` may see a survey's results today. */
export function resultsOpenTo(survey: Survey, today: Day, audience: Audience): "yes" | "hidden" | "not_yet" {
  const status = surveyStatus(survey, today);
  if (audience === "public") return resultsAvailable(survey.resultsVisibility, status);
  return hrSeesResults({ status });
}

async function trendsOf(env: AppEnv, survey: Survey, results: SurveyResults, today: Day, audience: Audience): Promise<Trends | null> {
  const previous = previousRun(survey);
  if (!previous || resultsOpenTo(previous, today, audience) !== "yes") return null;
  const then = await resultsOf(env, previous, today);
  return {
    // previousRun finds a run of the same series, which the schema gives a shortTitle
    previous: {
      id: previous.id,
      title: previous.title,
      shortTitle: previous.shortTitle ?? previous.title,
      closes: previous.closes,
      responses: then.results.responses,
    },
    questions: compareRuns({ specs: survey.questions, results }, { specs: previous.questions, results: then.results }),
  };
}

/** Everything the results show, for an audience allowed to see them (the caller checks resultsOpenTo). */
export async function surveyFindings(env: AppEnv, survey: Survey, today: Day, audience: Audience): Promise<Findings> {
  const now = await resultsOf(env, survey, today);
  const over = now.over;
  const [breakdown, trends] = over
    ? [null, null]
    : await Promise.all([breakdownOf(env, survey, now, today), trendsOf(env, survey, now.results, today, audience)]);
  return {
    id: survey.id,
    status: surveyStatus(survey, today),
    visibility: survey.resultsVisibility,
    ...now.results,
    withheld: over ? { reason: "responses_exceed_audience", audience: over.audience } : null,
    breakdown,
    trends,
  };
}

/** The k HR's comments and exports obey: the one the results are cut with. */
export async function answersK(env: AppEnv, survey: Survey): Promise<number> {
  const { k, firstK } = await ksOf(env, survey);
  return Math.max(k, firstK);
}
