// Storing a survey response (tables survey_responses, survey_answers,
// survey_submissions, survey_tokens). Everything a response needs is written
// in ONE D1 batch — D1's only transaction — so a failure stores nothing, and
// the database itself refuses a second use of a submission id or a code.
import type { Locale } from "../../i18n/config.ts";
import type { AnswerRow } from "../../lib/surveys/validate.ts";
import { sha256Hex, toHex } from "../../lib/hex.ts";
import { invitationCodeHash } from "../../lib/invitation.ts";
import type { DbEnv } from "../config.ts";

export interface NewResponse {
  surveyId: string;
  surveyVersion: number;
  locale: Locale;
  /** UTC day only (dayOf in src/lib/clock.ts), so a response cannot be matched to a login or an access log by its time. */
  day: string;
  rows: AnswerRow[];
  submissionId: string;
  /** Invitation code, for invitation-only surveys; consumed in the same batch. */
  token?: string;
}

export type StoreOutcome = "stored" | "duplicate" | "token_used" | "token_unknown";

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
 * Writes the idempotency key, consumes the code (if any), and stores the
 * response with its answers — all or nothing. The idempotency key goes first
 * so that a retry of a response that already consumed its code reads as a
 * duplicate (200), not as a used code (409).
 */
export async function storeResponse(env: DbEnv, r: NewResponse): Promise<StoreOutcome> {
  const db = env.DB;
  const id = randomId();
  const statements: D1PreparedStatement[] = [
    db
      .prepare("INSERT INTO survey_submissions (submission_hash, survey_id) VALUES (?1, ?2)")
      .bind(await submissionHash(r.surveyId, r.submissionId), r.surveyId),
  ];
  if (r.token !== undefined) {
    // The trigger survey_tokens_single_use aborts the batch if the code was already used.
    statements.push(
      db
        .prepare("UPDATE survey_tokens SET used = 1 WHERE token_hash = ?1 AND survey_id = ?2")
        .bind(await invitationCodeHash(r.surveyId, r.token), r.surveyId),
    );
  }
  // With a code, the response's id is NULL — which its primary key refuses,
  // aborting the batch — unless the UPDATE just before consumed exactly one
  // code: an UPDATE that matches no row (unknown code) succeeds silently.
  const insertResponse =
    r.token === undefined
      ? "INSERT INTO survey_responses (id, survey_id, survey_version, locale, day) VALUES (?1, ?2, ?3, ?4, ?5)"
      : "INSERT INTO survey_responses (id, survey_id, survey_version, locale, day) VALUES (CASE WHEN changes() = 1 THEN ?1 END, ?2, ?3, ?4, ?5)";
  statements.push(db.prepare(insertResponse).bind(id, r.surveyId, r.surveyVersion, r.locale, r.day));
  for (const row of r.rows) {
    statements.push(
      db
        .prepare("INSERT INTO survey_answers (response_id, survey_id, question, num, text, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(id, r.surveyId, row.question, row.num, row.text, row.json),
    );
  }
  try {
    await db.batch(statements);
    return "stored";
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    if (message.includes("survey_submissions.submission_hash")) return "duplicate";
    if (message.includes("survey_token_already_used")) return "token_used";
    if (r.token !== undefined && /NOT NULL constraint failed: survey_responses\.id/.test(message)) return "token_unknown";
    throw err;
  }
}
