// SQL of the retention run (src/server/retention.ts): what is past its term,
// deleted for real. Each statement is built to be run inside one batch with
// the audit row that counts it (auditedBatch), and each counts what it will
// delete first, so the audit row says how many (src/server/db/audit.ts
// writes a counted row only if the count matches).
import type { Day } from "#lib/clock.ts";
import { CLOSED_STATUSES } from "#lib/ideas/vocabulary.ts";

type DbEnv = { DB: D1Database };

const CLOSED = `(${CLOSED_STATUSES.map((s) => `'${s}'`).join(", ")})`;

/**
 * Closed ideas whose last status change is before `before` and which still
 * hold text: the author's title and text, their verdict comment, their
 * replies, HR's private answers (which may quote them). HR's published, edited version (public_title,
 * public_body) and public answers stay: they are what the board shows.
 */
const IDEAS_PAST = `SELECT id FROM ideas WHERE status IN ${CLOSED}
  AND COALESCE((SELECT MAX(on_day) FROM idea_status_history h WHERE h.idea_id = ideas.id), received_on) < ?1
  AND (title <> '' OR body <> '' OR verdict_comment IS NOT NULL OR verdict_before_comment IS NOT NULL
       OR EXISTS (SELECT 1 FROM idea_messages m WHERE m.idea_id = ideas.id AND m.visibility = 'private' AND m.body <> ''))`;

export async function countIdeaTextsBefore(env: DbEnv, before: Day): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM (${IDEAS_PAST})`).bind(before).first<{ n: number }>())!.n;
}

export function deleteIdeaTextsBefore(env: DbEnv, before: Day): D1PreparedStatement[] {
  return [
    // the author's replies go; HR's private answers keep their day, which the board's "days to a first answer" counts, without their text
    env.DB.prepare(`DELETE FROM idea_messages WHERE author = 'author' AND idea_id IN (${IDEAS_PAST})`).bind(before),
    env.DB.prepare(`UPDATE idea_messages SET body = '' WHERE author = 'hr' AND visibility = 'private' AND idea_id IN (${IDEAS_PAST})`).bind(
      before,
    ),
    env.DB.prepare(
      `UPDATE ideas SET title = '', body = '', verdict_comment = NULL, verdict_before_comment = NULL WHERE id IN (${IDEAS_PAST})`,
    ).bind(before),
  ];
}

const COMMENTS_OF = `FROM survey_answers WHERE survey_id = ?1 AND question IN (SELECT value FROM json_each(?2))`;

/** A survey's free-text answers (`questions`): comments and short texts. */
export async function countComments(env: DbEnv, surveyId: string, questions: readonly string[]): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n ${COMMENTS_OF}`).bind(surveyId, JSON.stringify(questions)).first<{ n: number }>())!.n;
}

export function deleteComments(env: DbEnv, surveyId: string, questions: readonly string[]): D1PreparedStatement {
  return env.DB.prepare(`DELETE ${COMMENTS_OF}`).bind(surveyId, JSON.stringify(questions));
}

const ANSWERS_OF = `FROM survey_answers WHERE survey_id = ?1 AND question NOT IN (SELECT value FROM json_each(?2))`;

/** A survey's answers other than free text (`freeText`): ratings, choices, rankings — what HR's CSV export holds — of every version. */
export async function countAnswers(env: DbEnv, surveyId: string, freeText: readonly string[]): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n ${ANSWERS_OF}`).bind(surveyId, JSON.stringify(freeText)).first<{ n: number }>())!.n;
}

/**
 * Deletes them, the survey first recorded in survey_answer_deletions
 * (migrations/0020): its tallies, rolled up before, are then frozen, where
 * the deletion would otherwise mark them stale and drop them.
 */
export function deleteAnswers(env: DbEnv, surveyId: string, freeText: readonly string[], day: Day): D1PreparedStatement[] {
  return [
    env.DB.prepare("INSERT INTO survey_answer_deletions (survey_id, deleted_on) VALUES (?1, ?2) ON CONFLICT (survey_id) DO NOTHING").bind(
      surveyId,
      day,
    ),
    env.DB.prepare(`DELETE ${ANSWERS_OF}`).bind(surveyId, JSON.stringify(freeText)),
  ];
}

/** Whether a retention run has deleted the survey's answers (its export would be empty rows). */
export async function answersDeleted(env: DbEnv, surveyId: string): Promise<boolean> {
  return (await env.DB.prepare("SELECT 1 AS yes FROM survey_answer_deletions WHERE survey_id = ?1").bind(surveyId).first()) !== null;
}

/** Retry records: ideas' sealed receipts from before `before`, and the submission ids of the surveys given. */
const RETRY_IDEAS = `FROM idea_submissions WHERE (SELECT received_on FROM ideas WHERE ideas.id = idea_submissions.idea_id) < ?1`;
const RETRY_SURVEYS = `FROM survey_submissions WHERE survey_id IN (SELECT value FROM json_each(?2))`;

export async function countRetryRecords(env: DbEnv, before: Day, surveyIds: readonly string[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT (SELECT COUNT(*) ${RETRY_IDEAS}) + (SELECT COUNT(*) ${RETRY_SURVEYS}) AS n`)
    .bind(before, JSON.stringify(surveyIds))
    .first<{ n: number }>();
  return row!.n;
}

export function deleteRetryRecords(env: DbEnv, before: Day, surveyIds: readonly string[]): D1PreparedStatement[] {
  return [
    env.DB.prepare(`DELETE ${RETRY_IDEAS}`).bind(before),
    env.DB.prepare(`DELETE ${RETRY_SURVEYS}`).bind(before, JSON.stringify(surveyIds)),
  ];
}
