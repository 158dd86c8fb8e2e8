// Reading survey participation and aggregates (tables survey_responses,
// survey_answers). Free-text questions are never read here: the public API
// has no path to them.
import type { QuestionSpec } from "../../lib/surveys/questions.ts";
import { FREE_TEXT_TYPES } from "../../lib/surveys/questions.ts";
import type { DayCount } from "../../lib/participation.ts";
import type { RawAggregates } from "../../lib/surveys/results.ts";
import type { DayAggregates } from "../../lib/surveys/steps.ts";
import type { DbEnv } from "../config.ts";

export type { DayCount };

export async function countResponses(env: DbEnv, surveyId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?1").bind(surveyId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Per day, all versions — or only `version`'s, the responses results are built from. */
export async function countResponsesByDay(env: DbEnv, surveyId: string, version?: number): Promise<DayCount[]> {
  const { results } = await env.DB.prepare(
    "SELECT day, COUNT(*) AS responses FROM survey_responses WHERE survey_id = ?1 AND (?2 IS NULL OR survey_version = ?2) GROUP BY day ORDER BY day",
  )
    .bind(surveyId, version ?? null)
    .all<DayCount>();
  return results.map((r) => ({ day: r.day, responses: r.responses }));
}

/** Per survey and day, for the list: one query for all surveys. */
export async function countAllResponsesByDay(env: DbEnv): Promise<Map<string, DayCount[]>> {
  const { results } = await env.DB.prepare(
    "SELECT survey_id, day, COUNT(*) AS n FROM survey_responses GROUP BY survey_id, day ORDER BY survey_id, day",
  ).all<{ survey_id: string; day: string; n: number }>();
  const bySurvey = new Map<string, DayCount[]>();
  for (const r of results) {
    const list = bySurvey.get(r.survey_id) ?? [];
    list.push({ day: r.day, responses: r.n });
    bySurvey.set(r.survey_id, list);
  }
  return bySurvey;
}

/**
 * Raw counts for the results, over the responses to the current version of
 * the survey only: an answer given to an earlier version may be a value the
 * current choices no longer list, and `answered` minus the counts shown would
 * publish how many people gave it. Over responses stored before `beforeDay`
 * (exclusive) when given — live results leave out today's responses so a
 * single new answer cannot be read off by comparing two refreshes.
 */
export async function readAggregates(
  env: DbEnv,
  surveyId: string,
  version: number,
  specs: QuestionSpec[],
  beforeDay?: string,
): Promise<RawAggregates> {
  const db = env.DB;
  const published = JSON.stringify(specs.filter((s) => !FREE_TEXT_TYPES.includes(s.type)).map((s) => s.name));
  const until = beforeDay ?? "9999-12-31";
  const inScope = `a.survey_id = ?1 AND a.question IN (SELECT value FROM json_each(?2))
    AND a.response_id IN (SELECT id FROM survey_responses WHERE survey_id = ?1 AND day < ?3 AND survey_version = ?4)`;
  const [total, answered, scalars, items] = await db.batch([
    db
      .prepare("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?1 AND day < ?2 AND survey_version = ?3")
      .bind(surveyId, until, version),
    db
      .prepare(`SELECT a.question, COUNT(*) AS n FROM survey_answers a WHERE ${inScope} GROUP BY a.question`)
      .bind(surveyId, published, until, version),
    db
      .prepare(
        `SELECT a.question, a.num, a.text, COUNT(*) AS n FROM survey_answers a WHERE ${inScope} AND a.json IS NULL GROUP BY a.question, a.num, a.text`,
      )
      .bind(surveyId, published, until, version),
    db
      .prepare(
        `SELECT a.question, j.value AS item, COUNT(*) AS n, SUM(j.key) AS rank_sum
         FROM survey_answers a, json_each(a.json) j WHERE ${inScope} AND a.json IS NOT NULL GROUP BY a.question, j.value`,
      )
      .bind(surveyId, published, until, version),
  ]);
  return {
    responses: (total!.results[0] as { n: number }).n,
    answered: Object.fromEntries((answered!.results as { question: string; n: number }[]).map((r) => [r.question, r.n])),
    scalars: (scalars!.results as { question: string; num: number | null; text: string | null; n: number }[]).map((r) => ({
      question: r.question,
      value: r.num ?? r.text ?? "",
      n: r.n,
    })),
    items: (items!.results as { question: string; item: string | number; n: number; rank_sum: number }[]).map((r) => ({
      question: r.question,
      item: r.item,
      n: r.n,
      rankSum: r.rank_sum,
    })),
  };
}

/**
 * The same counts as readAggregates, per day a response was committed, for
 * the days before `beforeDay`: the input of the live steps
 * (src/lib/surveys/steps.ts). Past days never change, so these rows can be
 * rolled up once a day is over.
 */
export async function readDailyAggregates(
  env: DbEnv,
  surveyId: string,
  version: number,
  specs: QuestionSpec[],
  beforeDay: string,
): Promise<DayAggregates[]> {
  const db = env.DB;
  const published = JSON.stringify(specs.filter((s) => !FREE_TEXT_TYPES.includes(s.type)).map((s) => s.name));
  const from = `survey_answers a JOIN survey_responses r ON r.id = a.response_id
    WHERE r.survey_id = ?1 AND r.day < ?3 AND r.survey_version = ?4 AND a.survey_id = ?1 AND a.question IN (SELECT value FROM json_each(?2))`;
  const [total, answered, scalars, items] = await db.batch([
    db
      .prepare("SELECT day, COUNT(*) AS n FROM survey_responses WHERE survey_id = ?1 AND day < ?2 AND survey_version = ?3 GROUP BY day")
      .bind(surveyId, beforeDay, version),
    db
      .prepare(`SELECT r.day, a.question, COUNT(*) AS n FROM ${from} GROUP BY r.day, a.question`)
      .bind(surveyId, published, beforeDay, version),
    db
      .prepare(
        `SELECT r.day, a.question, a.num, a.text, COUNT(*) AS n FROM ${from} AND a.json IS NULL GROUP BY r.day, a.question, a.num, a.text`,
      )
      .bind(surveyId, published, beforeDay, version),
    db
      .prepare(
        `SELECT r.day, a.question, j.value AS item, COUNT(*) AS n, SUM(j.key) AS rank_sum
         FROM ${from.replace("survey_answers a JOIN", "survey_answers a, json_each(a.json) j JOIN")} AND a.json IS NOT NULL
         GROUP BY r.day, a.question, j.value`,
      )
      .bind(surveyId, published, beforeDay, version),
  ]);
  const days = new Map<string, RawAggregates>();
  const of = (day: string) => {
    let raw = days.get(day);
    if (!raw) days.set(day, (raw = { responses: 0, answered: {}, scalars: [], items: [] }));
    return raw;
  };
  for (const r of total!.results as { day: string; n: number }[]) of(r.day).responses = r.n;
  for (const r of answered!.results as { day: string; question: string; n: number }[]) of(r.day).answered[r.question] = r.n;
  for (const r of scalars!.results as { day: string; question: string; num: number | null; text: string | null; n: number }[]) {
    of(r.day).scalars.push({ question: r.question, value: r.num ?? r.text ?? "", n: r.n });
  }
  for (const r of items!.results as { day: string; question: string; item: string | number; n: number; rank_sum: number }[]) {
    of(r.day).items.push({ question: r.question, item: r.item, n: r.n, rankSum: r.rank_sum });
  }
  return [...days].map(([day, raw]) => ({ day, raw })).sort((a, b) => (a.day < b.day ? -1 : 1));
}
