// SQL for survey_audience_raises (migrations/0013): a survey's audience is
// the headcount in its file until HR raises it, and every raise is kept — the
// day, from, to — to be shown on the survey's public page. HR can only raise
// it: the codes that can still be used never exceed it, and answers are
// withheld when more responses than that arrive.
import type { AudienceRaise } from "#lib/surveys/tools.ts";
import type { DbEnv } from "../config.ts";
import { auditedBatch } from "./audit.ts";

export interface AudienceNow {
  audience: number;
  raises: AudienceRaise[];
}

/** Each survey's audience now (its file's, or the latest raise) and its raises, oldest first: one query. */
export async function readAudiences(env: DbEnv, surveys: readonly { id: string; audience: number }[]): Promise<Map<string, AudienceNow>> {
  const { results } = await env.DB.prepare(
    `SELECT survey_id, raised_on, from_audience, to_audience FROM survey_audience_raises
     WHERE survey_id IN (SELECT value FROM json_each(?1)) ORDER BY survey_id, to_audience`,
  )
    .bind(JSON.stringify(surveys.map((s) => s.id)))
    .all<{ survey_id: string; raised_on: string; from_audience: number; to_audience: number }>();
  return new Map(
    surveys.map((s) => {
      const raises = results
        .filter((r) => r.survey_id === s.id)
        .map((r) => ({ on: r.raised_on, from: r.from_audience, to: r.to_audience }));
      return [s.id, { audience: Math.max(s.audience, ...raises.map((r) => r.to)), raises }];
    }),
  );
}

/**
 * Raises a survey's audience from `from` (what HR was shown) to `to`, with its
 * audit row, in one batch. "changed": the audience is no longer `from` (another
 * HR person raised it meanwhile), and nothing was written.
 */
export async function raiseAudience(
  env: DbEnv,
  survey: { id: string; audience: number },
  change: { from: number; to: number; on: string },
  audit: { actor: string; at: string },
): Promise<"raised" | "changed"> {
  try {
    await auditedBatch(env, () => [
      // The survey id is NULL — which NOT NULL refuses, aborting the batch — when the audience is no longer `from`.
      env.DB.prepare(
        `INSERT INTO survey_audience_raises (survey_id, raised_on, from_audience, to_audience)
         SELECT CASE WHEN current = ?3 THEN ?1 END, ?2, ?3, ?4
         FROM (SELECT MAX(?5, COALESCE((SELECT MAX(to_audience) FROM survey_audience_raises WHERE survey_id = ?1), 0)) AS current)`,
      ).bind(survey.id, change.on, change.from, change.to, survey.audience),
      {
        audit: {
          at: audit.at,
          actor: audit.actor,
          action: "survey.audience.raise",
          targetType: "survey",
          targetId: survey.id,
          detail: { from: change.from, to: change.to },
        },
      },
    ]);
    return "raised";
  } catch (err) {
    if (/NOT NULL constraint failed: survey_audience_raises\.survey_id/.test(String(err))) return "changed";
    throw err;
  }
}
