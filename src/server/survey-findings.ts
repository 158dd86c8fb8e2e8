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
  totalsOf,
  withholdingAllBut,
  type JointTally,
  type PublishedBreakdown,
} from "../lib/surveys/breakdown.ts";
import { previousRun, type Survey } from "../lib/surveys/registry.ts";
import { buildResults, resultsCutoff, type SurveyResults } from "../lib/surveys/results.ts";
import { effectiveMinGroupSize, resultsAvailable, surveyStatus } from "../lib/surveys/schema.ts";
import { hrSeesResults, type Findings, type Trends } from "../lib/surveys/tools.ts";
import { compareRuns } from "../lib/surveys/trends.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { countResponsesByDay, readAggregates, readSegmentTallies } from "./db/surveys.ts";

export type Audience = "public" | "hr";
export type { Findings };

/** The exclusive ends of a live survey's result steps: each day on which the responses since the last step reached k. */
export function liveStepDays(perDay: readonly { day: string; responses: number }[], until: Day, k: number): Day[] {
  const days: Day[] = [];
  let since = 0;
  for (const d of [...perDay].filter((x) => x.day < until).sort((a, b) => (a.day < b.day ? -1 : 1))) {
    since += d.responses;
    if (since >= k) {
      days.push(addDays(d.day, 1));
      since = 0;
    }
  }
  return days;
}

/** The k a survey's figures are published with. */
export const surveyK = (env: Partial<AppEnv>, survey: Survey) => effectiveMinGroupSize(survey, readConfig(env).minGroupSize);

/** The results alone (no breakdown, no trends), and the days their live steps ended on. */
async function resultsOf(env: AppEnv, survey: Survey, today: Day): Promise<{ results: SurveyResults; before?: Day; stepDays: Day[] }> {
  const k = surveyK(env, survey);
  let before: Day | undefined;
  let stepDays: Day[] = [];
  if (survey.resultsVisibility === "live") {
    // Live results leave out today and advance only in steps of at least k
    // responses (liveCutoff), before and after closing, so comparing two
    // snapshots — or the final results with the last live one — never
    // isolates one person's answers. Steps count the current version's responses.
    const perDay = await countResponsesByDay(env, survey.id, survey.version);
    before = resultsCutoff(survey, perDay, today, k);
    const until = today <= survey.closes ? today : addDays(survey.closes, 1);
    stepDays = liveStepDays(perDay, until, k);
  }
  const raw = await readAggregates(env, survey.id, survey.version, survey.questions, before);
  return { results: buildResults(survey.questions, raw, k), before, stepDays };
}

/**
 * The breakdown by segment. After close (or for results shown once), one
 * snapshot of every response; for live results, the last step the breakdown
 * could take at the results' steps (src/lib/surveys/breakdown.ts).
 */
async function breakdownOf(
  env: AppEnv,
  survey: Survey,
  results: SurveyResults,
  before: Day | undefined,
  stepDays: readonly Day[],
): Promise<PublishedBreakdown | null> {
  if (!survey.segments?.length) return null;
  const k = surveyK(env, survey);
  const segments = segmentSpecs(survey.questions, survey.segments);
  const questions = breakdownQuestions(survey.questions, survey.segments);
  const names = questions.map((q) => q.name);
  if (survey.resultsVisibility !== "live") {
    const [all] = await readSegmentTallies(env, survey, survey.segments, names, { before });
    const tallies: JointTally[] = all?.tallies ?? [];
    const withheld = withholdingAllBut(segments.length, questions, shownInFull(results, questions));
    return publishBreakdown(snapshotBreakdown(tallies, segments, questions, k, withheld), segments, questions, null);
  }
  const days = await readSegmentTallies(env, survey, survey.segments, names, { before: stepDays.at(-1) ?? "0000-00-00", byDay: true });
  const specs = survey.questions.filter((s) => names.includes(s.name));
  const steps = breakdownSteps(
    days,
    stepDays.map((day) => {
      // the results as they stood at that step, for which questions they showed in full
      const upTo = days.filter((d) => d.day < day).flatMap((d) => d.tallies);
      return { before: day, questions: shownInFull(buildResults(specs, totalsOf(upTo, questions), k), questions) };
    }),
    segments,
    questions,
    k,
  );
  const last = steps.at(-1);
  if (!last) return publishBreakdown(snapshotBreakdown([], segments, questions, k), segments, questions, null);
  return publishBreakdown(last.segments, segments, questions, last.before);
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
  const { results, before, stepDays } = await resultsOf(env, survey, today);
  const [breakdown, trends] = await Promise.all([
    breakdownOf(env, survey, results, before, stepDays),
    trendsOf(env, survey, results, today, audience),
  ]);
  return {
    id: survey.id,
    status: surveyStatus(survey, today),
    visibility: survey.resultsVisibility,
    before: before ?? null,
    ...results,
    breakdown,
    trends,
  };
}

/** The responses HR's comments and exports may cover: those the results cover (exclusive end day, or undefined for all). */
export async function coveredUntil(env: AppEnv, survey: Survey, today: Day): Promise<Day | undefined> {
  if (survey.resultsVisibility !== "live") return undefined;
  return resultsCutoff(survey, await countResponsesByDay(env, survey.id, survey.version), today, surveyK(env, survey));
}
