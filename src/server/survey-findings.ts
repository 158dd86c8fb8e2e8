// What a survey's results say, for the public results (GET
// /api/surveys/{id}/results) and the HR console alike: the per-question
// results, the breakdown by segment and the change since the previous run of
// the series — one computation, so HR sees exactly what the rules allow and
// nothing the public figures would not also obey.
import { addDays, type Day } from "../lib/clock.ts";
import {
  breakdownQuestions,
  breakdownSteps,
  publishBreakdown,
  segmentSpecs,
  shownInFull,
  snapshotBreakdown,
  withholdingAllBut,
  type JointTally,
  type PublishedBreakdown,
  type SegmentState,
} from "../lib/surveys/breakdown.ts";
import { previousRun, SURVEYS, type Survey } from "../lib/surveys/registry.ts";
import { buildResults, type SurveyResults } from "../lib/surveys/results.ts";
import { effectiveMinGroupSize, resultsAvailable, surveyStatus } from "../lib/surveys/schema.ts";
import { liveSteps, publishStep, type LiveStep } from "../lib/surveys/steps.ts";
import { hrSeesResults, type Findings, type Trends } from "../lib/surveys/tools.ts";
import { compareRuns } from "../lib/surveys/trends.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { publishedK } from "./db/published-k.ts";
import { readAggregates, readDailyAggregates, readSegmentTallies } from "./db/surveys.ts";

export type Audience = "public" | "hr";
export type { Findings };

const scopeOf = (survey: Survey) => `survey:${survey.id}`;

/** The k a survey's published steps are cut with: the one it first published with (docs/anonymity.md, "Changing k"). */
export async function stepKs(env: AppEnv, surveys: readonly Survey[] = SURVEYS): Promise<Map<string, number>> {
  const k = readConfig(env).minGroupSize;
  const frozen = await publishedK(
    env,
    surveys.map((s) => ({ scope: scopeOf(s), k: effectiveMinGroupSize(s, k) })),
  );
  return new Map(surveys.map((s) => [s.id, frozen.get(scopeOf(s)) ?? effectiveMinGroupSize(s, k)]));
}

/** Participation (and live results) are counted until today, or the day after closing. */
export const countedUntil = (survey: Survey, today: string) => (today <= survey.closes ? today : addDays(survey.closes, 1));

/** The k a survey is published with now (the setting), and the k its steps were first cut with (frozen). */
async function ksOf(env: AppEnv, survey: Survey): Promise<{ k: number; stepK: number }> {
  const k = effectiveMinGroupSize(survey, readConfig(env).minGroupSize);
  return { k, stepK: (await stepKs(env, [survey])).get(survey.id)! };
}

interface ResultsNow {
  results: SurveyResults;
  /** Live results: the first day not counted; undefined after closing, or before the first step. */
  before?: Day;
  /** Live results: every step taken so far (src/lib/surveys/steps.ts). */
  steps: LiveStep[];
  k: number;
  stepK: number;
}

/**
 * The results alone (no breakdown, no trends), as GET /api/surveys/{id}/results
 * publishes them: after closing, every response with the larger of the two
 * ks; live, the last step — today never counted, each step passing the
 * suppression rule against every earlier one, kept after closing too.
 */
async function resultsOf(env: AppEnv, survey: Survey, today: Day): Promise<ResultsNow> {
  const { k, stepK } = await ksOf(env, survey);
  if (survey.resultsVisibility !== "live") {
    const raw = await readAggregates(env, survey, today);
    return { results: buildResults(survey.questions, raw, Math.max(k, stepK)), steps: [], k, stepK };
  }
  const until = countedUntil(survey, today);
  const days = await readDailyAggregates(env, survey, today, until);
  const steps = liveSteps(survey.questions, days, until, stepK);
  const last = steps.at(-1);
  return { results: publishStep(survey.questions, last, stepK, k), before: last?.before, steps, k, stepK };
}

/** An exclusive end day before every response: covers none. */
const NOTHING = "0000-00-00";

/**
 * The breakdown by segment. After close (or for results shown once), one
 * snapshot of every response, with the k the results use; for live results,
 * the last step the breakdown could take at the results' own steps
 * (src/lib/surveys/breakdown.ts), cut with the steps' frozen k.
 */
async function breakdownOf(env: AppEnv, survey: Survey, now: ResultsNow, today: Day): Promise<PublishedBreakdown | null> {
  if (!survey.segments?.length) return null;
  const segments = segmentSpecs(survey.questions, survey.segments);
  const questions = breakdownQuestions(survey.questions, survey.segments);
  const names = questions.map((q) => q.name);
  if (survey.resultsVisibility !== "live") {
    const k = Math.max(now.k, now.stepK);
    const [all] = await readSegmentTallies(env, survey, survey.segments, names, { today });
    const tallies: JointTally[] = all?.tallies ?? [];
    const withheld = withholdingAllBut(segments.length, questions, shownInFull(now.results, questions));
    return publishBreakdown(snapshotBreakdown(tallies, segments, questions, k, withheld), segments, questions, null);
  }
  const last = now.steps.at(-1);
  if (!last) return publishBreakdown(snapshotBreakdown([], segments, questions, now.stepK), segments, questions, null);
  const days = await readSegmentTallies(env, survey, survey.segments, names, { today, before: last.before, byDay: true });
  const steps = breakdownSteps(
    days,
    // the results' steps, each with the questions it showed in full
    now.steps.map((step) => ({ before: step.before, questions: shownInFull(step.results, questions) })),
    segments,
    questions,
    now.stepK,
  );
  const at = steps.at(-1)!;
  return publishBreakdown(raisedK(at.segments, now.k, now.stepK), segments, questions, at.before);
}

/**
 * A live step cut with the frozen k, published after k was raised: a segment
 * with a figure under the new k is withheld whole. Re-cutting with the new k
 * could show a figure the step did not (suppression is not monotone in k);
 * withholding only ever shows less than the step did.
 */
function raisedK(states: readonly SegmentState[], k: number, stepK: number): SegmentState[] {
  if (k <= stepK) return [...states];
  return states.map((state) => {
    const small = state.cells.some((row, g) => row.some((c, q) => state.questions[q] && state.groups[g] && c[0]! + c[1]! < k));
    return small ? { ...state, questions: state.questions.map(() => false) } : state;
  });
}

/** Whether `audience` may see a survey's results today. */
export function resultsOpenTo(survey: Survey, today: Day, audience: Audience): "yes" | "hidden" | "not_yet" {
  const status = surveyStatus(survey, today);
  if (audience === "public") return resultsAvailable(survey.resultsVisibility, status);
  return hrSeesResults({ status, resultsVisibility: survey.resultsVisibility });
}

async function trendsOf(env: AppEnv, survey: Survey, results: SurveyResults, today: Day, audience: Audience): Promise<Trends | null> {
  const previous = previousRun(survey);
  if (!previous || resultsOpenTo(previous, today, audience) !== "yes") return null;
  const then = await resultsOf(env, previous, today);
  return {
    previous: { id: previous.id, title: previous.title, closes: previous.closes, responses: then.results.responses },
    questions: compareRuns({ specs: survey.questions, results }, { specs: previous.questions, results: then.results }),
  };
}

/** Everything the results show, for an audience allowed to see them (the caller checks resultsOpenTo). */
export async function surveyFindings(env: AppEnv, survey: Survey, today: Day, audience: Audience): Promise<Findings> {
  const now = await resultsOf(env, survey, today);
  const [breakdown, trends] = await Promise.all([
    breakdownOf(env, survey, now, today),
    trendsOf(env, survey, now.results, today, audience),
  ]);
  return {
    id: survey.id,
    status: surveyStatus(survey, today),
    visibility: survey.resultsVisibility,
    before: now.before ?? null,
    ...now.results,
    breakdown,
    trends,
  };
}

/**
 * The responses HR's comments and exports may cover — those the results
 * cover (an exclusive end day, or undefined for all) — and the k they need.
 */
export async function coveredUntil(env: AppEnv, survey: Survey, today: Day): Promise<{ before?: Day; k: number }> {
  if (survey.resultsVisibility !== "live") {
    const { k, stepK } = await ksOf(env, survey);
    return { k: Math.max(k, stepK) };
  }
  const now = await resultsOf(env, survey, today);
  // Before the first live step the results cover no day at all, and neither do comments and exports.
  return { before: now.before ?? NOTHING, k: Math.max(now.k, now.stepK) };
}
