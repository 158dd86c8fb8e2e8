// Demo survey responses: the closed half-yearly surveys get well over k
// responses so their results are published (and the 2026 one shows its change
// since 2025); the open monthly pulse shows participation after a closed
// October run (its results come after it closes); the invitation-only survey
// gets a few — enough for one participation step — each with the used code it
// was answered with, plus printed demo codes to try it with. Team and tenure answers are spread so that some groups reach k and
// some do not (the breakdown shows the first and withholds the others), and
// moods differ by team. Idempotent: every demo response has a stable
// submissionId, and one that is already stored is not written again.
// Everything new goes to D1 in one batch of a few statements (bulk.ts),
// recorded from the same code that stores a real response.
import { DEFAULT_LOCALE, type Locale } from "#i18n/config.ts";
import { sha256Hex } from "#lib/hex.ts";
import { invitationCodeHash } from "#lib/invitation/codes.ts";
import { findSurvey } from "#lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "#lib/surveys/sample.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { responseStatements, submissionHash } from "#server/db/responses.ts";
import { bulkRecorder } from "./bulk.ts";
import type { SeedEnv, Seeder } from "../db.ts";

const COMMENTS = [
  "The tier criteria are clearer since the policy was published, thank you.",
  "Recognition often comes weeks later; a quick word the same week would mean more.",
  "Please publish the quarterly results earlier so we can plan.",
  "Workload spikes after product launches; extra staff on those weeks would help.",
  "奖励标准公开以后清楚多了，希望继续保持。",
  "希望表彰能更及时一些，不要等到季度末。",
  "新产品上线后话务量很大，希望那几周能增加人手。",
  "培训很有帮助，希望增加跨部门交流的机会。",
];

interface Plan {
  surveyId: string;
  /** Responses per day, from the first listed day. */
  perDay: [string, number][];
  mood: number;
}

/** Share of respondents per team (the rest leave it blank) and how each team's mood differs. */
const TEAMS: [string, number, number][] = [
  ["phone", 0.36, 0],
  ["chat", 0.28, 0.04],
  ["billing", 0.14, 0],
  ["escalations", 0.1, -0.15],
  ["nightShift", 0.05, -0.2],
];
const TENURES: [string, number][] = [
  ["lt1", 0.15],
  ["y1to3", 0.38],
  ["y3to5", 0.3],
  ["gt5", 0.1],
];

/** `n` values in these shares (the remainder: null, no answer), shuffled: the same list on every run. */
function quota<T>(n: number, shares: readonly (readonly [T, number])[], random: () => number): (T | null)[] {
  const out: (T | null)[] = shares.flatMap(([value, share]) => Array.from({ length: Math.round(share * n) }, () => value));
  while (out.length < n) out.push(null);
  out.length = n;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const PLANS: Plan[] = [
  {
    surveyId: "reward-survey-2025-h2",
    perDay: [
      ["2025-12-01", 19],
      ["2025-12-02", 15],
      ["2025-12-03", 12],
      ["2025-12-05", 9],
      ["2025-12-09", 8],
      ["2025-12-12", 7],
      ["2025-12-15", 9],
    ],
    mood: 0.5,
  },
  {
    surveyId: "reward-survey-2026-h1",
    perDay: [
      ["2026-06-15", 21],
      ["2026-06-16", 17],
      ["2026-06-17", 11],
      ["2026-06-18", 9],
      ["2026-06-22", 8],
      ["2026-06-24", 6],
      ["2026-06-29", 7],
      ["2026-06-30", 8],
    ],
    mood: 0.6,
  },
  {
    surveyId: "pulse-2026-10",
    perDay: [
      ["2026-10-19", 22],
      ["2026-10-20", 15],
      ["2026-10-21", 10],
      ["2026-10-23", 8],
      ["2026-10-26", 7],
      ["2026-10-29", 6],
    ],
    mood: 0.5,
  },
  {
    surveyId: "pulse-2026-11",
    perDay: [
      ["2026-11-20", 24],
      ["2026-11-21", 13],
      ["2026-11-23", 9],
      ["2026-11-24", 7],
      ["2026-11-25", 6],
      ["2026-11-26", 4],
    ],
    mood: 0.55,
  },
  {
    surveyId: "supervisor-career-2026",
    perDay: [
      ["2026-11-16", 5],
      ["2026-11-18", 4],
    ],
    mood: 0.5,
  },
];

/** The invitation-only demo survey, and the codes to try it with (local demo data only; never seed a real database). */
export const DEMO_CODE_SURVEY = "supervisor-career-2026";
export const DEMO_CODES = Array.from({ length: 5 }, (_, i) => `DEMO-CODE-000${i + 1}`);

/** Stores the demo codes' hashes, unused; codes already there are left as they are. */
export async function seedDemoCodes(env: SeedEnv): Promise<void> {
  await env.DB.batch(
    await Promise.all(
      DEMO_CODES.map(async (code) =>
        env.DB.prepare("INSERT OR IGNORE INTO survey_tokens (token_hash, survey_id, used) VALUES (?1, ?2, 0)").bind(
          await invitationCodeHash(DEMO_CODE_SURVEY, code),
          DEMO_CODE_SURVEY,
        ),
      ),
    ),
  );
}

/** The hashes of the demo responses already stored, read in one query. */
async function storedSubmissions(env: SeedEnv): Promise<Set<string>> {
  const rows = await env.DB.prepare("SELECT submission_hash FROM survey_submissions WHERE survey_id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(PLANS.map((p) => p.surveyId)))
    .all<{ submission_hash: string }>();
  return new Set(rows.results.map((r) => r.submission_hash));
}

/**
 * The codes the invitation survey's demo responses were answered with: used,
 * and counted on the days they were redeemed (the days the plan answers on),
 * as redemptions through the API would be. Their hashes are of no code anyone
 * can type. Rows already there are left as they are.
 */
async function seedUsedCodes(env: SeedEnv, perDay: readonly [string, number][]): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  let n = 0;
  for (const [day, count] of perDay) {
    for (let i = 0; i < count; i++, n++) {
      statements.push(
        env.DB.prepare("INSERT OR IGNORE INTO survey_tokens (token_hash, survey_id, used) VALUES (?1, ?2, 1)").bind(
          await sha256Hex(`demo-used-code:${DEMO_CODE_SURVEY}:${n}`),
          DEMO_CODE_SURVEY,
        ),
      );
    }
    statements.push(
      env.DB.prepare("INSERT OR IGNORE INTO survey_redemption_days (survey_id, redeemed_on, redemptions) VALUES (?1, ?2, ?3)").bind(
        DEMO_CODE_SURVEY,
        day,
        count,
      ),
    );
  }
  await env.DB.batch(statements);
}

const seed: Seeder = async (env) => {
  const report: string[] = [];
  const already = await storedSubmissions(env);
  const bulk = bulkRecorder();
  for (const plan of PLANS) {
    const survey = findSurvey(plan.surveyId);
    if (!survey) throw new Error(`seed: no survey ${plan.surveyId}`);
    let stored = 0;
    let n = 0;
    const total = plan.perDay.reduce((a, [, c]) => a + c, 0);
    const segments = survey.segments ?? [];
    const teams = quota(
      total,
      TEAMS.map(([team, share]) => [team, share] as const),
      seededRandom(total * 31 + plan.surveyId.length),
    );
    const tenures = quota(total, TENURES, seededRandom(total * 37 + plan.surveyId.length));
    for (const [day, count] of plan.perDay) {
      for (let i = 0; i < count; i++, n++) {
        const submissionId = `demo-seed-${survey.id}-${n}`.slice(0, 64);
        if (already.has(await submissionHash(survey.id, submissionId))) continue;
        const random = seededRandom(n * 7919 + plan.surveyId.length);
        const locale: Locale = random() < 0.55 ? "zh-cn" : DEFAULT_LOCALE;
        const team = segments.includes("team") ? teams[n]! : null;
        const answers = sampleAnswers(survey.definition, survey.questions, random, {
          mood: plan.mood + (TEAMS.find(([t]) => t === team)?.[2] ?? -0.05),
          comments: COMMENTS,
          commentRate: 0.25,
        });
        for (const [name, value] of [
          ["team", team],
          ["tenure", tenures[n]!],
        ] as const) {
          if (!segments.includes(name)) continue;
          if (value === null) delete answers[name];
          else answers[name] = value;
        }
        const checked = validateAnswers(survey.definition, answers, locale, survey.questions);
        if (!checked.ok) throw new Error(`seed: generated answers for ${survey.id} are invalid: ${JSON.stringify(checked.fields)}`);
        await responseStatements(bulk.env, { surveyId: survey.id, surveyVersion: survey.version, day, rows: checked.rows, submissionId });
        stored++;
      }
    }
    report.push(`${survey.id} ${stored} new of ${n}`);
  }
  await bulk.writeTo(env.DB);
  await seedUsedCodes(env, PLANS.find((p) => p.surveyId === DEMO_CODE_SURVEY)!.perDay);
  await seedDemoCodes(env);
  report.push(`demo invitation codes for ${DEMO_CODE_SURVEY}: ${DEMO_CODES.join(", ")}`);
  return report.join("; ");
};
export default seed;
