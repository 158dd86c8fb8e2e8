// SQL for survey_tokens: invitation codes (src/lib/invitation.ts) stored as
// hashes. Redeeming a code flips `used` and keeps the hash of the blinded
// element it was redeemed with, with no date; the response it later unlocks
// arrives with an unlinkable token, never with the code
// (src/lib/invitation-token.ts).
import { generateInvitationCode, invitationCodeHash } from "../../lib/invitation.ts";
import type { DbEnv } from "../config.ts";
import { auditedBatch } from "./audit.ts";

export type TokenState = "valid" | "used" | "unknown";

export async function readTokenState(env: DbEnv, surveyId: string, code: string): Promise<TokenState> {
  const row = await env.DB.prepare("SELECT used FROM survey_tokens WHERE token_hash = ?1 AND survey_id = ?2")
    .bind(await invitationCodeHash(surveyId, code), surveyId)
    .first<{ used: number }>();
  if (!row) return "unknown";
  return row.used === 1 ? "used" : "valid";
}

/**
 * Marks the code used by this redemption. "redeemed": it was unused, or this
 * is a retry of the redemption that used it (same blinded element), so the
 * evaluation may be given (again); "used": another redemption used it;
 * "unknown": no such code for this survey.
 */
export async function redeemCode(
  env: DbEnv,
  surveyId: string,
  code: string,
  blindedHash: string,
): Promise<"redeemed" | "used" | "unknown"> {
  const hash = await invitationCodeHash(surveyId, code);
  const [, row] = await env.DB.batch([
    env.DB.prepare("UPDATE survey_tokens SET used = 1, redeemed_with = ?3 WHERE token_hash = ?1 AND survey_id = ?2 AND used = 0").bind(
      hash,
      surveyId,
      blindedHash,
    ),
    env.DB.prepare("SELECT redeemed_with FROM survey_tokens WHERE token_hash = ?1 AND survey_id = ?2").bind(hash, surveyId),
  ]);
  const state = row!.results[0] as { redeemed_with: string | null } | undefined;
  if (!state) return "unknown";
  return state.redeemed_with === blindedHash ? "redeemed" : "used";
}

/**
 * Creates `count` codes for a survey and returns them in clear text, the only
 * time they exist as such. The audit-log row is written in the same batch:
 * codes never exist without a record of who made them.
 */
export async function createTokens(env: DbEnv, surveyId: string, count: number, audit: { actor: string; at: string }): Promise<string[]> {
  const codes = Array.from({ length: count }, () => generateInvitationCode());
  const hashes = await Promise.all(codes.map((code) => invitationCodeHash(surveyId, code)));
  // Two statements whatever the count (MAX_CODES_PER_REQUEST at most): one insert from a JSON
  // array rather than one statement per code, which grew the batch with it.
  await auditedBatch(env, () => [
    env.DB.prepare("INSERT INTO survey_tokens (token_hash, survey_id, used) SELECT value, ?2, 0 FROM json_each(?1)").bind(
      JSON.stringify(hashes),
      surveyId,
    ),
    {
      audit: {
        at: audit.at,
        actor: audit.actor,
        action: "survey.tokens.create",
        targetType: "survey",
        targetId: surveyId,
        detail: { count },
      },
    },
  ]);
  return codes;
}

export interface TokenCounts {
  issued: number;
  used: number;
}

export async function countTokens(env: DbEnv, surveyId: string): Promise<TokenCounts> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS issued, COALESCE(SUM(used), 0) AS used FROM survey_tokens WHERE survey_id = ?1")
    .bind(surveyId)
    .first<{ issued: number; used: number }>();
  return { issued: row?.issued ?? 0, used: row?.used ?? 0 };
}

/**
 * Withdraws unused codes — all of a survey's, or the one given — with the
 * audit row in the same batch. A used code is never touched (its row is what
 * keeps it from being used twice). Returns how many were withdrawn.
 */
export async function deleteUnusedTokens(
  env: DbEnv,
  surveyId: string,
  audit: { actor: string; at: string },
  code?: string,
): Promise<number> {
  const hash = code === undefined ? null : await invitationCodeHash(surveyId, code);
  const unused = "FROM survey_tokens WHERE survey_id = ?1 AND used = 0 AND (?2 IS NULL OR token_hash = ?2)";
  // the audit row says how many were withdrawn, and its hash covers that count: counted first, and the
  // row is written only if the DELETE removed exactly that many (a code redeemed meanwhile: counted again)
  const [deleted] = await auditedBatch(env, async () => {
    const count = (await env.DB.prepare(`SELECT COUNT(*) AS n ${unused}`).bind(surveyId, hash).first<{ n: number }>())!.n;
    return [
      env.DB.prepare(`DELETE ${unused} RETURNING 1 AS gone`).bind(surveyId, hash),
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
  return deleted!.results.length;
}
