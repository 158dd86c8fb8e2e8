// Generated H1 reward-survey responses written straight into a bench
// server's local D1 (through wrangler's platform proxy on the same persisted
// state), in SQL, 10,000 per batch: how the result benches reach 100,000
// responses in seconds instead of submitting them one by one.
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { findSurvey } from "#lib/surveys/registry.ts";

export const H1 = "reward-survey-2026-h1";
const RATINGS = ["criteriaFair", "tiersClear", "kpiReflects", "recognitionTimely", "trainingUseful", "workloadManageable", "teamCohesion"];
const TEAMS = ["phone", "phone", "chat", "chat", "billing", "escalations", "nightShift"];
const TENURES = ["lt1", "y1to3", "y1to3", "y3to5", "gt5"];

/**
 * `n` more H1 responses, generated in SQL (a recursive sequence, SQLite's
 * random()), each with every rating, the yes/no, the two choice questions,
 * a ranking, team and tenure (one in twelve leave each blank) and a comment
 * for one in five. Ids are `tag` (five characters) and a number, so batches
 * never collide, nor two benches filling the same database.
 */
export async function fill(persistTo: string, from: number, n: number, tag = "bench"): Promise<void> {
  const survey = findSurvey(H1)!;
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ persist: { path: join(persistTo, "v3") } });
  const db = proxy.env.DB;
  try {
    // An audience for them: results are withheld when more responses arrive than the survey is for
    // (docs/anonymity.md, "Codes capped by the audience"), which would measure the withheld path.
    await db
      .prepare(`INSERT OR IGNORE INTO survey_audience_raises (survey_id, raised_on, from_audience, to_audience) VALUES (?1, ?2, ?3, ?4)`)
      .bind(H1, survey.closes, survey.audience, 1_000_000)
      .run();
    for (let start = from; start < from + n; start += 10_000) {
      const end = Math.min(from + n, start + 10_000);
      const lo = `${tag}${String(start).padStart(27, "0")}`;
      const hi = `${tag}${String(end).padStart(27, "0")}`;
      const ids = "SELECT id FROM survey_responses WHERE id >= ?1 AND id < ?2";
      await db.batch([
        db
          .prepare(
            `WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?2)
             INSERT INTO survey_responses (id, survey_id, survey_version, day)
             SELECT ?5 || printf('%027d', i), ?3, ?4, '2026-06-' || printf('%02d', 15 + abs(random()) % 16) FROM seq`,
          )
          .bind(start, end, H1, survey.version, tag),
        db
          .prepare(
            `INSERT INTO survey_answers (response_id, survey_id, question, num)
             SELECT r.id, ?3, q.value, 1 + abs(random()) % 5 FROM (${ids}) r, json_each(?4) q`,
          )
          .bind(lo, hi, H1, JSON.stringify(RATINGS)),
        db
          .prepare(
            `INSERT INTO survey_answers (response_id, survey_id, question, num)
             SELECT id, ?3, 'enps', abs(random()) % 11 FROM (${ids})
             UNION ALL SELECT id, ?3, 'promotionPathKnown', abs(random()) % 2 FROM (${ids})`,
          )
          .bind(lo, hi, H1),
        db
          .prepare(
            `INSERT INTO survey_answers (response_id, survey_id, question, text)
             SELECT id, ?3, 'policyRead', json_extract('["monthly","quarterly","rarely","never"]', '$[' || (abs(random()) % 4) || ']') FROM (${ids})
             UNION ALL SELECT id, ?3, 'stressFrequency', json_extract('["never","rarely","sometimes"]', '$[' || (abs(random()) % 3) || ']') FROM (${ids})`,
          )
          .bind(lo, hi, H1),
        db
          .prepare(
            `INSERT INTO survey_answers (response_id, survey_id, question, json)
             SELECT id, ?3, 'rewardForms', '["bonus","promotion","training","honours","teamActivities"]' FROM (${ids})`,
          )
          .bind(lo, hi, H1),
        db
          .prepare(
            `INSERT INTO survey_answers (response_id, survey_id, question, text)
             SELECT id, ?3, 'team', json_extract(?4, '$[' || (abs(random()) % 7) || ']') FROM (${ids}) WHERE abs(random()) % 12 <> 0
             UNION ALL SELECT id, ?3, 'tenure', json_extract(?5, '$[' || (abs(random()) % 5) || ']') FROM (${ids}) WHERE abs(random()) % 12 <> 0
             UNION ALL SELECT id, ?3, 'comments', 'Bench comment ' || substr(id, 6) FROM (${ids}) WHERE abs(random()) % 5 = 0`,
          )
          .bind(lo, hi, H1, JSON.stringify(TEAMS), JSON.stringify(TENURES)),
      ]);
    }
  } finally {
    await proxy.dispose();
  }
}
