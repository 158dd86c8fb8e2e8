// Storing a survey response (tables survey_responses, survey_answers,
// survey_submissions, survey_spent_tokens). Everything a response needs is
// written in ONE D1 batch — D1's only transaction — so a failure stores
// nothing, and the database itself refuses a second use of a submission id
// or of an invitation token.
import type { AnswerRow } from "#lib/surveys/validate.ts";
import { sha256Hex, toHex } from "#lib/hex.ts";
import { dayModifier } from "../commit-day.ts";
import type { DbEnv } from "../config.ts";

export interface NewResponse {
  surveyId: string;
  surveyVersion: number;
  /**
   * When the response is stored for real: the day is read by the batch
   * itself, at commit (`date('now')`, moved by `dayOffset` days when the
   * clock is pinned), and the batch fails if that day is outside
   * [opens, closes]. A response whose request began at 23:59:59 and commits
   * after midnight is therefore stored under the day it was committed — a day
   * no published step has counted yet — or refused once the survey closed.
   */
  commit?: { opens: string; closes: string; dayOffset: number };
  /** Demo data and tests only: the UTC day to store, as is. */
  day?: string;
  rows: AnswerRow[];
  submissionId: string;
  /** SHA-256(survey : token input) of the invitation token spent with this response. */
  spentToken?: string;
}

export type StoreOutcome = "stored" | "duplicate" | "token_spent" | "not_open";

/** The idempotency key as stored: a hash, so the id the browser held is not kept. */
export function submissionHash(surveyId: string, submissionId: string): Promise<string> {
  return sha256Hex(`${surveyId}:${submissionId}`);
}

export async function isDuplicateSubmission(env: DbEnv, surveyId: string, submissionId: string): Promise<boolean> {
  const row = await env.DB.prepare("SELECT 1 AS found FROM survey_submissions WHERE submission_hash = ?1")
    .bind(await submissionHash(surveyId, submissionId))
    .first<{ found: number }>();
  return row !== null;
}

function randomId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Writes the idempotency key, spends the token (if any), and stores the
 * response with its answers — all or nothing, in one D1 call. The
 * idempotency key goes first so that a retry of a response that already
 * spent its token reads as a duplicate (200), not as a spent token (409).
 */
export async function storeResponse(env: DbEnv, r: NewResponse): Promise<StoreOutcome> {
  try {
    await env.DB.batch(await responseStatements(env, r));
    return "stored";
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    if (message.includes("survey_submissions.submission_hash")) return "duplicate";
    if (message.includes("survey_spent_tokens.token_hash")) return "token_spent";
    if (/NOT NULL constraint failed: survey_responses\.id/.test(message)) return "not_open";
    throw err;
  }
}

/** The statements that store one response, for storeResponse's batch or a bulk load of many (demo data). */
export async function responseStatements(env: DbEnv, r: NewResponse): Promise<D1PreparedStatement[]> {
  const db = env.DB;
  const id = randomId();
  const statements: D1PreparedStatement[] = [
    db
      .prepare("INSERT INTO survey_submissions (submission_hash, survey_id) VALUES (?1, ?2)")
      .bind(await submissionHash(r.surveyId, r.submissionId), r.surveyId),
  ];
  if (r.spentToken !== undefined) {
    statements.push(db.prepare("INSERT INTO survey_spent_tokens (token_hash, survey_id) VALUES (?1, ?2)").bind(r.spentToken, r.surveyId));
  }
  if (r.commit) {
    // The id is NULL — which the primary key refuses, aborting the batch —
    // when the day at commit is outside the survey's dates.
    statements.push(
      db
        .prepare(
          `INSERT INTO survey_responses (id, survey_id, survey_version, day)
             SELECT CASE WHEN d BETWEEN ?5 AND ?6 THEN ?1 END, ?2, ?3, d FROM (SELECT date('now', ?4) AS d)`,
        )
        .bind(id, r.surveyId, r.surveyVersion, dayModifier(r.commit.dayOffset), r.commit.opens, r.commit.closes),
    );
  } else if (r.day !== undefined) {
    statements.push(
      db
        .prepare("INSERT INTO survey_responses (id, survey_id, survey_version, day) VALUES (?1, ?2, ?3, ?4)")
        .bind(id, r.surveyId, r.surveyVersion, r.day),
    );
  } else {
    throw new Error("responseStatements: either commit (the real path) or day (demo data, tests)");
  }
  for (const row of r.rows) {
    statements.push(
      db
        .prepare("INSERT INTO survey_answers (response_id, survey_id, question, num, text, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(id, r.surveyId, row.question, row.num, row.text, row.json),
    );
  }
  return statements;
}
