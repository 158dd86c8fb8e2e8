// SQL for survey_tokens: invitation codes (src/lib/invitation/codes.ts) stored as
// hashes. Redeeming a code flips `used` and keeps the hash of the blinded
// element it was redeemed with, with no date; the response it later unlocks
// arrives with an unlinkable token, never with the code
// (src/lib/invitation/token.ts). The day of a redemption is counted apart,
// per survey and day (survey_redemption_days), never on the code's row.
//
// The codes that can still be used — minted and not withdrawn — never exceed
// the survey's audience (migrations/0013): rows are never deleted, so the
// codes ever minted and ever withdrawn are there to count, and show.
import { generateInvitationCode, invitationCodeHash } from "#lib/invitation/codes.ts";
import { dayModifier } from "../commit-day.ts";
import type { DbEnv } from "../config.ts";
import { auditedBatch } from "./audit.ts";

export type TokenState = "valid" | "used" | "withdrawn" | "unknown";

export async function readTokenState(env: DbEnv, surveyId: string, code: string): Promise<TokenState> {
  const row = await env.DB.prepare("SELECT used, withdrawn FROM survey_tokens WHERE token_hash = ?1 AND survey_id = ?2")
    .bind(await invitationCodeHash(surveyId, code), surveyId)
    .first<{ used: number; withdrawn: number }>();
  if (!row) return "unknown";
  if (row.withdrawn === 1) return "withdrawn";
  return row.used === 1 ? "used" : "valid";
}

/**
 * Marks the code used by this redemption, and counts it on the day the batch
 * commits (`dayOffset`: src/server/commit-day.ts). "redeemed": it was unused,
 * or this is a retry of the redemption that used it (same blinded element),
 * so the evaluation may be given (again); "used": another redemption used it;
 * "unknown": no such code for this survey, or it was withdrawn (whether used
 * or not: a withdrawn code answers as one that never existed).
 */
export async function redeemCode(
  env: DbEnv,
  surveyId: string,
  code: string,
  blindedHash: string,
  dayOffset: number,
): Promise<"redeemed" | "used" | "unknown"> {
  const hash = await invitationCodeHash(surveyId, code);
  const [, , row] = await env.DB.batch([
    // Counted before the update, on the same condition: the batch is one transaction, so the day is
    // counted exactly when the code flips to used, and never for a retry.
    env.DB.prepare(
      `INSERT INTO survey_redemption_days (survey_id, redeemed_on, redemptions)
       SELECT ?2, date('now', ?3), 1 WHERE EXISTS (SELECT 1 FROM survey_tokens WHERE token_hash = ?1 AND survey_id = ?2 AND used = 0 AND withdrawn = 0)
       ON CONFLICT (survey_id, redeemed_on) DO UPDATE SET redemptions = redemptions + 1`,
    ).bind(hash, surveyId, dayModifier(dayOffset)),
    env.DB.prepare(
      "UPDATE survey_tokens SET used = 1, redeemed_with = ?3 WHERE token_hash = ?1 AND survey_id = ?2 AND used = 0 AND withdrawn = 0",
    ).bind(hash, surveyId, blindedHash),
    env.DB.prepare("SELECT redeemed_with, withdrawn FROM survey_tokens WHERE token_hash = ?1 AND survey_id = ?2").bind(hash, surveyId),
  ]);
  const state = row!.results[0] as { redeemed_with: string | null; withdrawn: number } | undefined;
  if (!state || state.withdrawn === 1) return "unknown";
  return state.redeemed_with === blindedHash ? "redeemed" : "used";
}

/**
 * Creates `count` codes for a survey and returns them in clear text, the only
 * time they exist as such — unless the codes still usable (minted and not
 * withdrawn) would then exceed the survey's `audience`: "audience_reached",
 * and nothing is written. The audit-log row is written in the same batch:
 * codes never exist without a record of who made them.
 */
export async function createTokens(
  env: DbEnv,
  survey: { id: string; audience: number },
  count: number,
  audit: { actor: string; at: string },
): Promise<{ codes: string[] } | "audience_reached"> {
  const codes = Array.from({ length: count }, () => generateInvitationCode());
  const hashes = await Promise.all(codes.map((code) => invitationCodeHash(survey.id, code)));
  // Two statements whatever the count (MAX_CODES_PER_REQUEST at most): one insert from a JSON
  // array rather than one statement per code, which grew the batch with it. The hash is NULL —
  // which the primary key refuses, aborting the batch — when the codes would exceed the audience,
  // read in the same statement (the latest raise, or the file's), so two HR people minting at
  // once cannot both pass.
  try {
    await auditedBatch(env, () => [
      env.DB.prepare(
        `INSERT INTO survey_tokens (token_hash, survey_id, used)
         SELECT CASE WHEN (SELECT COUNT(*) FROM survey_tokens WHERE survey_id = ?2 AND withdrawn = 0) + json_array_length(?1)
                          <= MAX(?3, COALESCE((SELECT MAX(to_audience) FROM survey_audience_raises WHERE survey_id = ?2), 0))
                     THEN value END, ?2, 0
         FROM json_each(?1)`,
      ).bind(JSON.stringify(hashes), survey.id, survey.audience),
      {
        audit: {
          at: audit.at,
          actor: audit.actor,
          action: "survey.tokens.create",
          targetType: "survey",
          targetId: survey.id,
          detail: { count },
        },
      },
    ]);
  } catch (err) {
    if (/NOT NULL constraint failed: survey_tokens\.token_hash/.test(String(err))) return "audience_reached";
    throw err;
  }
  return { codes };
}

/** Every code ever minted for a survey, and those withdrawn since: the totals everyone sees. */
export interface TokenCounts {
  issued: number;
  withdrawn: number;
}

export async function countTokens(env: DbEnv, surveyIds: readonly string[]): Promise<Map<string, TokenCounts>> {
  const { results } = await env.DB.prepare(
    `SELECT survey_id, COUNT(*) AS issued, COALESCE(SUM(withdrawn), 0) AS withdrawn FROM survey_tokens
     WHERE survey_id IN (SELECT value FROM json_each(?1)) GROUP BY survey_id`,
  )
    .bind(JSON.stringify(surveyIds))
    .all<{ survey_id: string; issued: number; withdrawn: number }>();
  return new Map(
    surveyIds.map((id) => {
      const row = results.find((r) => r.survey_id === id);
      return [id, { issued: row?.issued ?? 0, withdrawn: row?.withdrawn ?? 0 }];
    }),
  );
}

/** Redemptions per day (never which code): what HR's "used" count is stepped from. */
export async function countRedemptionsByDay(env: DbEnv, surveyId: string): Promise<{ day: string; responses: number }[]> {
  const { results } = await env.DB.prepare(
    "SELECT redeemed_on AS day, redemptions AS responses FROM survey_redemption_days WHERE survey_id = ?1 ORDER BY redeemed_on",
  )
    .bind(surveyId)
    .all<{ day: string; responses: number }>();
  return results;
}

/**
 * Withdraws codes — every code of the survey not yet withdrawn, or the one
 * given — with the audit row in the same batch, and answers how many. A code
 * is withdrawn alike whether or not it was used: the answer never says which
 * (a code handed to a named person, withdrawn, would otherwise tell whether
 * they had opened the form), and a used one could not be used again anyway.
 */
export async function withdrawTokens(env: DbEnv, surveyId: string, audit: { actor: string; at: string }, code?: string): Promise<number> {
  const hash = code === undefined ? null : await invitationCodeHash(surveyId, code);
  const live = "FROM survey_tokens WHERE survey_id = ?1 AND withdrawn = 0 AND (?2 IS NULL OR token_hash = ?2)";
  // the audit row says how many were withdrawn, and its hash covers that count: counted first, and the
  // row is written only if the UPDATE marked exactly that many (another withdrawal meanwhile: counted again)
  const [withdrawn] = await auditedBatch(env, async () => {
    const count = (await env.DB.prepare(`SELECT COUNT(*) AS n ${live}`).bind(surveyId, hash).first<{ n: number }>())!.n;
    return [
      env.DB.prepare(
        "UPDATE survey_tokens SET withdrawn = 1 WHERE survey_id = ?1 AND withdrawn = 0 AND (?2 IS NULL OR token_hash = ?2) RETURNING 1 AS gone",
      ).bind(surveyId, hash),
      {
        audit: {
          at: audit.at,
          actor: audit.actor,
          action: "survey.tokens.delete",
          targetType: "survey",
          targetId: surveyId,
          detail: { one: code !== undefined, count },
        },
        changed: count,
      },
    ];
  });
  return withdrawn!.results.length;
}

/**
 * Replaces one code — used up on a page that was closed, or on a lost slip —
 * with a new one, in one batch with one audit row: the old code is withdrawn
 * and the new one minted only if that withdrawal happened, so the codes still
 * usable stay as many as before (the audience cap holds as it held). The
 * answer is the same whether the old code was used or not; "not_found" when
 * no code of the survey that is not yet withdrawn matches (a typo, or
 * replaced already — by someone else a moment ago too).
 */
export async function replaceToken(
  env: DbEnv,
  surveyId: string,
  code: string,
  audit: { actor: string; at: string },
): Promise<{ code: string } | "not_found"> {
  const fresh = generateInvitationCode();
  const [oldHash, newHash] = await Promise.all([invitationCodeHash(surveyId, code), invitationCodeHash(surveyId, fresh)]);
  try {
    await auditedBatch(env, () => [
      env.DB.prepare("UPDATE survey_tokens SET withdrawn = 1 WHERE token_hash = ?1 AND survey_id = ?2 AND withdrawn = 0").bind(
        oldHash,
        surveyId,
      ),
      // changes() is the UPDATE's: no withdrawal, a NULL hash, which the primary key refuses, aborting the batch
      env.DB.prepare("INSERT INTO survey_tokens (token_hash, survey_id, used) VALUES (CASE WHEN changes() = 1 THEN ?1 END, ?2, 0)").bind(
        newHash,
        surveyId,
      ),
      {
        audit: {
          at: audit.at,
          actor: audit.actor,
          action: "survey.tokens.replace",
          targetType: "survey",
          targetId: surveyId,
          detail: { count: 1 },
        },
      },
    ]);
  } catch (err) {
    if (/NOT NULL constraint failed: survey_tokens\.token_hash/.test(String(err))) return "not_found";
    throw err;
  }
  return { code: fresh };
}
