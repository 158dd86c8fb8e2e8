// Demo survey responses: the closed half-yearly survey gets well over k
// responses so its results are published; the open monthly pulse shows
// participation (its results come after it closes); the invitation-only
// survey gets a few — enough for one live step — plus printed demo codes to
// try it with. Idempotent: every demo response has a stable
// submissionId, so a second run is answered "duplicate" and stores nothing.
import { DEFAULT_LOCALE, type Locale } from "../../src/i18n/config.ts";
import { invitationCodeHash } from "../../src/lib/invitation.ts";
import { findSurvey } from "../../src/lib/surveys/registry.ts";
import { sampleAnswers, seededRandom } from "../../src/lib/surveys/sample.ts";
import { validateAnswers } from "../../src/lib/surveys/validate.ts";
import { storeResponse } from "../../src/server/db/responses.ts";
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

const PLANS: Plan[] = [
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

const seed: Seeder = async (env) => {
  const report: string[] = [];
  for (const plan of PLANS) {
    const survey = findSurvey(plan.surveyId);
    if (!survey) throw new Error(`seed: no survey ${plan.surveyId}`);
    let stored = 0;
    let n = 0;
    for (const [day, count] of plan.perDay) {
      for (let i = 0; i < count; i++, n++) {
        const random = seededRandom(n * 7919 + plan.surveyId.length);
        const locale: Locale = random() < 0.55 ? "zh-cn" : DEFAULT_LOCALE;
        const answers = sampleAnswers(survey.definition, survey.questions, random, {
          mood: plan.mood,
          comments: COMMENTS,
          commentRate: 0.25,
        });
        const checked = validateAnswers(survey.definition, answers, locale, survey.questions);
        if (!checked.ok) throw new Error(`seed: generated answers for ${survey.id} are invalid: ${JSON.stringify(checked.fields)}`);
        const outcome = await storeResponse(env, {
          surveyId: survey.id,
          surveyVersion: survey.version,
          day,
          rows: checked.rows,
          submissionId: `demo-seed-${survey.id}-${n}`.slice(0, 64),
        });
        if (outcome === "stored") stored++;
      }
    }
    report.push(`${survey.id} ${stored} new of ${n}`);
  }
  await seedDemoCodes(env);
  report.push(`demo invitation codes for ${DEMO_CODE_SURVEY}: ${DEMO_CODES.join(", ")}`);
  return report.join("; ");
};
export default seed;
