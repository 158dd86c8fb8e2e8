// Daily tallies of survey answers (tables survey_tallies,
// survey_tally_progress; migrations/0010). A day that has ended never changes
// (the day of a response is taken at commit: src/server/commit-day.ts), so
// each one is rolled up once, in SQL, into the counts the results are built
// from — responses, people who answered each question, each value given, each
// item of a multi-answer with its rank sum — and later reads add up those
// rows instead of every answer. Only the questions results publish are rolled
// up: never free text.
import type { Day } from "#lib/clock.ts";
import { breakdownQuestions, type GroupValue, type JointTally } from "#lib/surveys/breakdown.ts";
import { FREE_TEXT_TYPES, type QuestionSpec } from "#lib/surveys/questions.ts";
import type { RawAggregates } from "#lib/surveys/results.ts";
import type { DbEnv } from "../config.ts";

/** A survey version as its tallies see it: a `Survey` is one. */
export interface TalliedSurvey {
  id: string;
  version: number;
  questions: readonly QuestionSpec[];
  /** The segment questions (team, tenure…), in order: their cross-tabulation is rolled up too. */
  segments?: readonly string[];
}

/** The questions results publish, the only ones rolled up: every question but free text. */
export function publishedQuestions(specs: readonly QuestionSpec[]): string[] {
  return specs.filter((s) => !FREE_TEXT_TYPES.includes(s.type)).map((s) => s.name);
}

/** Before every day: nothing rolled up yet. */
const NEVER = "0000-01-01";

/** Answers joined to their response, for one survey version, days in [?3, ?4), published questions (?5) only. */
const ANSWERS_OF_DAYS = `survey_answers a JOIN survey_responses r ON r.id = a.response_id
  WHERE r.survey_id = ?1 AND r.survey_version = ?2 AND r.day >= ?3 AND r.day < ?4
    AND a.survey_id = ?1 AND a.question IN (SELECT value FROM json_each(?5))`;

/**
 * Rolls up every day before `until` not rolled up yet. The first statement
 * claims the days: it moves the progress from what this request read to
 * `until`, and writes NULL — aborting the batch — when another request moved
 * it meanwhile (that one is rolling up the same days; this one reads them).
 */
export async function rollUp(env: DbEnv, survey: TalliedSurvey, until: Day): Promise<void> {
  const db = env.DB;
  const row = await db
    .prepare("SELECT rolled_until FROM survey_tally_progress WHERE survey_id = ?1 AND survey_version = ?2")
    .bind(survey.id, survey.version)
    .first<{ rolled_until: string }>();
  const from = row?.rolled_until ?? NEVER;
  if (from >= until) return;
  const range = [survey.id, survey.version, from, until, JSON.stringify(publishedQuestions(survey.questions))] as const;
  try {
    await db.batch([
      db
        .prepare(
          `INSERT INTO survey_tally_progress (survey_id, survey_version, rolled_until) VALUES (?1, ?2, ?4)
           ON CONFLICT (survey_id, survey_version) DO UPDATE SET rolled_until = CASE WHEN rolled_until = ?3 THEN excluded.rolled_until END`,
        )
        .bind(survey.id, survey.version, from, until),
      db
        .prepare("DELETE FROM survey_tallies WHERE survey_id = ?1 AND survey_version = ?2 AND day >= ?3 AND day < ?4")
        .bind(survey.id, survey.version, from, until),
      db
        .prepare(
          `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, n)
           SELECT ?1, ?2, day, 'responses', COUNT(*) FROM survey_responses
           WHERE survey_id = ?1 AND survey_version = ?2 AND day >= ?3 AND day < ?4 GROUP BY day`,
        )
        .bind(survey.id, survey.version, from, until),
      db
        .prepare(
          `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, question, n)
           SELECT ?1, ?2, r.day, 'answered', a.question, COUNT(*) FROM ${ANSWERS_OF_DAYS} GROUP BY r.day, a.question`,
        )
        .bind(...range),
      db
        .prepare(
          `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, question, num, text, n)
           SELECT ?1, ?2, r.day, 'scalar', a.question, a.num, a.text, COUNT(*) FROM ${ANSWERS_OF_DAYS} AND a.json IS NULL
           GROUP BY r.day, a.question, a.num, a.text`,
        )
        .bind(...range),
      db
        .prepare(
          `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, question, item, n, rank_sum)
           SELECT ?1, ?2, r.day, 'item', a.question, j.value, COUNT(*), SUM(j.key)
           FROM ${ANSWERS_OF_DAYS.replace("survey_answers a JOIN", "survey_answers a, json_each(a.json) j JOIN")} AND a.json IS NOT NULL
           GROUP BY r.day, a.question, j.value`,
        )
        .bind(...range),
      ...segmentRollUp(db, survey, from, until),
    ]);
  } catch (err) {
    if (/NOT NULL constraint failed: survey_tally_progress\.rolled_until/.test(String((err as Error)?.message ?? err))) return;
    throw err;
  }
}

/**
 * The segments' cross-tabulation per day: responses per combination of
 * segment answers ('group') and, per combination, the answers to each
 * breakdown question ('group_answer') — what readRawSegmentTallies counts
 * (src/server/db/surveys.ts), grouped the same way.
 */
function segmentRollUp(db: D1Database, survey: TalliedSurvey, from: Day, until: Day): D1PreparedStatement[] {
  const segments = survey.segments ?? [];
  if (segments.length === 0) return [];
  const questions = breakdownQuestions(survey.questions, segments).map((q) => q.name);
  const groups = segments.map((_, i) => `g${i}`);
  const joins = segments
    .map((_, i) => `LEFT JOIN survey_answers s${i} ON s${i}.response_id = r.id AND s${i}.question = ?${6 + i}`)
    .join(" ");
  const picks = segments.map((_, i) => `, COALESCE(s${i}.text, s${i}.num) AS g${i}`).join("");
  const combination = `json_array(${groups.map((g) => `r.${g}`).join(", ")})`;
  const keys = ["r.day", ...groups.map((g) => `r.${g}`)].join(", ");
  const r = `WITH r AS (
      SELECT r.id, r.day${picks} FROM survey_responses r ${joins}
      WHERE r.survey_id = ?1 AND r.survey_version = ?2 AND r.day >= ?3 AND r.day < ?4
    )`;
  const bind = [survey.id, survey.version, from, until, JSON.stringify(questions), ...segments];
  return [
    db
      .prepare(
        `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, groups, n)
         ${r} SELECT ?1, ?2, r.day, 'group', ${combination}, COUNT(*) FROM r GROUP BY ${keys}`,
      )
      .bind(...bind),
    db
      .prepare(
        `INSERT INTO survey_tallies (survey_id, survey_version, day, kind, groups, question, num, n)
         ${r} SELECT ?1, ?2, r.day, 'group_answer', ${combination}, a.question, a.num, COUNT(*)
         FROM r JOIN survey_answers a ON a.response_id = r.id AND a.question IN (SELECT value FROM json_each(?5))
         WHERE a.num IS NOT NULL GROUP BY ${keys}, a.question, a.num`,
      )
      .bind(...bind),
  ];
}

interface TallyRow {
  day: string;
  kind: "responses" | "answered" | "scalar" | "item";
  question: string | null;
  num: number | null;
  text: string | null;
  item: string | number | null;
  n: number;
  rank_sum: number | null;
}

function addRow(raw: RawAggregates, r: TallyRow): void {
  if (r.kind === "responses") raw.responses += r.n;
  else if (r.kind === "answered") raw.answered[r.question!] = (raw.answered[r.question!] ?? 0) + r.n;
  else if (r.kind === "scalar") raw.scalars.push({ question: r.question!, value: r.num ?? r.text ?? "", n: r.n });
  else raw.items.push({ question: r.question!, item: r.item!, n: r.n, rankSum: r.rank_sum ?? 0 });
}

const empty = (): RawAggregates => ({ responses: 0, answered: {}, scalars: [], items: [] });

/** The tallies of the days before `until`, added up over the days (in SQL). */
export async function readTallies(env: DbEnv, survey: TalliedSurvey, questions: readonly string[], until: Day): Promise<RawAggregates> {
  await rollUp(env, survey, until);
  const { results } = await env.DB.prepare(
    `SELECT '' AS day, kind, question, num, text, item, SUM(n) AS n, SUM(rank_sum) AS rank_sum FROM survey_tallies
     WHERE survey_id = ?1 AND survey_version = ?2 AND day < ?3 AND kind IN ('responses', 'answered', 'scalar', 'item') AND (question IS NULL OR question IN (SELECT value FROM json_each(?4)))
     GROUP BY kind, question, num, text, item`,
  )
    .bind(survey.id, survey.version, until, JSON.stringify(questions))
    .all<TallyRow>();
  const raw = empty();
  for (const r of results) addRow(raw, r);
  return raw;
}

/**
 * The segments' cross-tabulation over the days before `until`, from the
 * tallies, added up over the days in SQL. Only the breakdown `questions` asked for.
 */
export async function readSegmentTalliesUntil(
  env: DbEnv,
  survey: TalliedSurvey,
  questions: readonly string[],
  until: Day,
): Promise<JointTally[]> {
  await rollUp(env, survey, until);
  const { results } = await env.DB.prepare(
    `SELECT kind, groups, question, num, SUM(n) AS n FROM survey_tallies
     WHERE survey_id = ?1 AND survey_version = ?2 AND day < ?3
       AND (kind = 'group' OR (kind = 'group_answer' AND question IN (SELECT value FROM json_each(?4))))
     GROUP BY kind, groups, question, num`,
  )
    .bind(survey.id, survey.version, until, JSON.stringify(questions))
    .all<{ kind: "group" | "group_answer"; groups: string; question: string | null; num: number | null; n: number }>();
  const cells = new Map<string, JointTally>();
  for (const row of results) {
    let tally = cells.get(row.groups);
    if (!tally) cells.set(row.groups, (tally = { groups: JSON.parse(row.groups) as GroupValue[], responses: 0, answers: {} }));
    if (row.kind === "group") tally.responses += row.n;
    else {
      const answers = (tally.answers[row.question!] ??= {});
      answers[String(row.num)] = (answers[String(row.num)] ?? 0) + row.n;
    }
  }
  return [...cells.values()];
}
