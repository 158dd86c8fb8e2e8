// Reading survey participation and aggregates (tables survey_responses,
// survey_answers). The public API reads no free text; HR's comments and
// exports (below, "HR survey tools") read it through statements the caller
// batches with the read's audit row.
import type { Day } from "#lib/clock.ts";
import type { QuestionSpec } from "#lib/surveys/questions.ts";
import type { DayCount } from "#lib/anonymity/participation.ts";
import { addTallies, type GroupValue, type JointTally } from "#lib/surveys/breakdown.ts";
import type { StoredAnswer } from "#lib/surveys/export.ts";
import type { RawAggregates } from "#lib/surveys/results.ts";
import { addAggregates, type DayAggregates } from "#lib/surveys/aggregates.ts";
import type { DbEnv } from "../config.ts";
import { publishedQuestions, readSegmentTalliesUntil, readTallies, type TalliedSurvey } from "./tallies.ts";

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
 * Counts for the results, over the responses to the current version of the
 * survey only: an answer given to an earlier version may be a value the
 * current choices no longer list, and `answered` minus the counts shown would
 * publish how many people gave it. Over responses stored before `beforeDay`
 * (exclusive) when given, else every one.
 *
 * Days before `today` come from their daily tallies (src/server/db/tallies.ts);
 * only responses of today or later, if the range includes them, are counted
 * from the answers themselves.
 */
export async function readAggregates(env: DbEnv, survey: TalliedSurvey, today: Day, beforeDay?: string): Promise<RawAggregates> {
  const until = beforeDay ?? "9999-12-31";
  const rolled = until < today ? until : today;
  const tallied = await readTallies(env, survey, publishedQuestions(survey.questions), rolled);
  if (rolled >= until) return tallied;
  return addAggregates(tallied, await readRawAggregates(env, survey.id, survey.version, survey.questions, rolled, until));
}

/** The same counts from the answers themselves, over the days in [fromDay, beforeDay): today's, and the reference the tallies are tested against. */
export async function readRawAggregates(
  env: DbEnv,
  surveyId: string,
  version: number,
  specs: readonly QuestionSpec[],
  fromDay: string,
  beforeDay: string,
): Promise<RawAggregates> {
  const days = await readRawDailyAggregates(env, surveyId, version, specs, fromDay, beforeDay);
  return days.reduce<RawAggregates>((sum, { raw }) => addAggregates(sum, raw), { responses: 0, answered: {}, scalars: [], items: [] });
}

/** The per-day counts from the answers themselves, over the days in [fromDay, beforeDay). */
export async function readRawDailyAggregates(
  env: DbEnv,
  surveyId: string,
  version: number,
  specs: readonly QuestionSpec[],
  fromDay: string,
  beforeDay: string,
): Promise<DayAggregates[]> {
  const db = env.DB;
  const published = JSON.stringify(publishedQuestions(specs));
  const from = `survey_answers a JOIN survey_responses r ON r.id = a.response_id
    WHERE r.survey_id = ?1 AND r.day < ?3 AND r.survey_version = ?4 AND r.day >= ?5 AND a.survey_id = ?1 AND a.question IN (SELECT value FROM json_each(?2))`;
  const [total, answered, scalars, items] = await db.batch([
    db
      .prepare(
        "SELECT day, COUNT(*) AS n FROM survey_responses WHERE survey_id = ?1 AND day < ?2 AND survey_version = ?3 AND day >= ?4 GROUP BY day",
      )
      .bind(surveyId, beforeDay, version, fromDay),
    db
      .prepare(`SELECT r.day, a.question, COUNT(*) AS n FROM ${from} GROUP BY r.day, a.question`)
      .bind(surveyId, published, beforeDay, version, fromDay),
    db
      .prepare(
        `SELECT r.day, a.question, a.num, a.text, COUNT(*) AS n FROM ${from} AND a.json IS NULL GROUP BY r.day, a.question, a.num, a.text`,
      )
      .bind(surveyId, published, beforeDay, version, fromDay),
    db
      .prepare(
        `SELECT r.day, a.question, j.value AS item, COUNT(*) AS n, SUM(j.key) AS rank_sum
         FROM ${from.replace("survey_answers a JOIN", "survey_answers a, json_each(a.json) j JOIN")} AND a.json IS NOT NULL
         GROUP BY r.day, a.question, j.value`,
      )
      .bind(surveyId, published, beforeDay, version, fromDay),
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

// ---------------------------------------------------------------- HR survey tools

/**
 * The cross-tabulation of the segment answers (team × tenure…) with, per
 * combination, the number of responses and the answers to the breakdown
 * questions (ratings and yes/no, stored in `num`): everything a breakdown is
 * built from, over every response. Days before `today` come from their daily
 * tallies (src/server/db/tallies.ts); only today's responses, if any, are
 * counted from the answers.
 */
export async function readSegmentTallies(
  env: DbEnv,
  survey: TalliedSurvey,
  segments: readonly string[],
  questions: readonly string[],
  today: Day,
): Promise<JointTally[]> {
  if (JSON.stringify(segments) !== JSON.stringify(survey.segments ?? []))
    throw new Error("readSegmentTallies: the survey's own segments only");
  const tallied = await readSegmentTalliesUntil(env, survey, questions, today);
  return addTallies(tallied, await readRawSegmentTallies(env, survey, segments, questions, { from: today }));
}

/** The same cross-tabulation from the answers themselves, over the days in [from, before). */
export async function readRawSegmentTallies(
  env: DbEnv,
  survey: { id: string; version: number },
  segments: readonly string[],
  questions: readonly string[],
  options: { from?: string; before?: string } = {},
): Promise<JointTally[]> {
  const groups = segments.map((_, i) => `g${i}`);
  const joins = segments
    .map((_, i) => `LEFT JOIN survey_answers s${i} ON s${i}.response_id = r.id AND s${i}.question = ?${6 + i}`)
    .join("\n      ");
  const picks = segments.map((_, i) => `, COALESCE(s${i}.text, s${i}.num) AS g${i}`).join("");
  const keys = groups.length > 0 ? groups.join(", ") : "NULL";
  const sql = `WITH r AS (
      SELECT r.id${picks}
      FROM survey_responses r
      ${joins}
      WHERE r.survey_id = ?1 AND r.survey_version = ?2 AND r.day < ?3 AND r.day >= ?5
    )
    SELECT ${keys === "NULL" ? "" : `${keys}, `}NULL AS question, NULL AS value, COUNT(*) AS n FROM r GROUP BY ${keys}
    UNION ALL
    SELECT ${keys === "NULL" ? "" : `${keys}, `}a.question, a.num AS value, COUNT(*) AS n
    FROM r JOIN survey_answers a ON a.response_id = r.id AND a.question IN (SELECT value FROM json_each(?4))
    WHERE a.num IS NOT NULL
    GROUP BY ${keys}, a.question, a.num`;
  const { results } = await env.DB.prepare(sql)
    .bind(survey.id, survey.version, options.before ?? "9999-12-31", JSON.stringify(questions), options.from ?? "0000-01-01", ...segments)
    .all<Record<string, string | number | null>>();
  const cells = new Map<string, JointTally>();
  for (const row of results) {
    const values = groups.map((g) => row[g] ?? null) as GroupValue[];
    const id = JSON.stringify(values);
    let tally = cells.get(id);
    if (!tally) cells.set(id, (tally = { groups: values, responses: 0, answers: {} }));
    if (row.question === null) tally.responses += Number(row.n);
    else (tally.answers[String(row.question)] ??= {})[String(row.value)] = Number(row.n);
  }
  return [...cells.values()];
}

/** Responses to the current version: what comments and exports cover. */
export async function countCurrentResponses(env: DbEnv, survey: { id: string; version: number }): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?1 AND survey_version = ?2")
    .bind(survey.id, survey.version)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The free-text answers to `questions`, as a statement to run in the same
 * batch as the audit row of the read: text only — no response id, day or
 * other answer — at most `cap` per question, picked at random when there are
 * more (each row says how many there were: `total`). (The caller shuffles what it gets: the storage order follows the
 * random response ids, which is the same on every read.)
 */
export function commentsStatement(
  env: DbEnv,
  survey: { id: string; version: number },
  questions: readonly string[],
  cap: number,
): D1PreparedStatement {
  return env.DB.prepare(
    `SELECT question, text, total FROM (
       SELECT a.question, a.text, ROW_NUMBER() OVER (PARTITION BY a.question ORDER BY random()) AS pick,
              COUNT(*) OVER (PARTITION BY a.question) AS total
       FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
       WHERE r.survey_id = ?1 AND r.survey_version = ?2 AND a.survey_id = ?1
         AND a.question IN (SELECT value FROM json_each(?3)) AND a.text IS NOT NULL
     ) WHERE pick <= ?4`,
  ).bind(survey.id, survey.version, JSON.stringify(questions), cap);
}

/** How many people answered each question (current version): a question's comments need k. */
export async function countAnswered(
  env: DbEnv,
  survey: { id: string; version: number },
  questions: readonly string[],
): Promise<Map<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT a.question, COUNT(*) AS n FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
     WHERE r.survey_id = ?1 AND r.survey_version = ?2 AND a.question IN (SELECT value FROM json_each(?3))
     GROUP BY a.question`,
  )
    .bind(survey.id, survey.version, JSON.stringify(questions))
    .all<{ question: string; n: number }>();
  return new Map(results.map((r) => [r.question, r.n]));
}

/** The ids of the responses an export covers, as a statement for the batch that writes the export's audit row. */
export function responseIdsStatement(env: DbEnv, survey: { id: string; version: number }): D1PreparedStatement {
  return env.DB.prepare("SELECT id FROM survey_responses WHERE survey_id = ?1 AND survey_version = ?2").bind(survey.id, survey.version);
}

/** The answers of some responses (to `questions` only), grouped per response, without the response ids. */
export async function readAnswersOf(
  env: DbEnv,
  surveyId: string,
  responseIds: readonly string[],
  questions: readonly string[],
): Promise<Map<string, Record<string, StoredAnswer>>> {
  const { results } = await env.DB.prepare(
    `SELECT response_id, question, num, text, json FROM survey_answers
     WHERE survey_id = ?1 AND response_id IN (SELECT value FROM json_each(?2)) AND question IN (SELECT value FROM json_each(?3))`,
  )
    .bind(surveyId, JSON.stringify(responseIds), JSON.stringify(questions))
    .all<{ response_id: string; question: string } & StoredAnswer>();
  const out = new Map<string, Record<string, StoredAnswer>>(responseIds.map((id) => [id, {}]));
  for (const r of results) out.get(r.response_id)![r.question] = { num: r.num, text: r.text, json: r.json };
  return out;
}
