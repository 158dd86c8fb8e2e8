// The stuffing attack (issue 19, part 3), played against every results
// visibility a survey can have and every read of what people answered, public
// and HR's, on a real local D1. The attacker controls codes and answers: HR
// mints invitation codes (raising the audience where the cap refuses it, as it
// may, publicly) or anyone answers an open survey many times. They stuff k
// known answers on every value of every question, read everything, let the
// victim answer, stuff k more the same day, and read everything again. Before
// the close nothing they can read may differ by the victim: answers are not
// readable at all, and participation is counts only (the same whatever the
// victim answered). After the close exactly one publication exists: read on
// any later day, by the public or by HR, it is the same, and HR's CSV never
// carries free text. (The one publication still gives the victim away to
// whoever knows every other answer: that is why codes are capped by the
// audience and a raise is public — see surveys.test.ts and survey-tools.test.ts.)
//
// The reads call the services the routes call, with the day of each step of
// the play as their clock (the routes are thin: parse, call, answer).
import { env } from "cloudflare:test";
import Papa from "papaparse";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "#lib/clock.ts";
import { blindToken, finishToken } from "#lib/invitation/client.ts";
import { dropHiddenAnswers, modelFor, type QuestionSpec } from "#lib/surveys/questions.ts";
import { findSurvey, type Survey } from "#lib/surveys/registry.ts";
import { VISIBILITY, effectiveMinGroupSize, type TVisibility } from "#lib/surveys/schema.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { readConfig } from "#server/config.ts";
import { hrComments, hrExport, hrResults, hrSurvey } from "#server/survey-tools.ts";
import { describeSurvey, listSurveys, redeemInvitation, submitResponse, surveyResults, surveyStats } from "#server/surveys.ts";
import { ORIGIN, api } from "./helpers.ts";

const ADMIN = { Authorization: `Bearer ${env.ADMIN_TOKEN}` };
const HR = { actor: "stuffing-test" };
const VICTIM_TEXT = "I'd like help moving to the quality team";

/** The two demo surveys played: one by invitation (HR mints the codes), one open to all (with a ranking). */
const PLAYS = [
  { id: "supervisor-career-2026", days: { stuff: "2026-11-20", victim: "2026-11-21", read: "2026-11-22" } },
  { id: "reward-survey-2026-h2", days: { stuff: "2026-12-08", victim: "2026-12-09", read: "2026-12-10" } },
];

const at = (day: string) => new Date(`${day}T12:00:00.000Z`);
let clients = 0;
/** A request from a new address each time: the per-client limits are not what is tested here. */
const request = () =>
  new Request(ORIGIN, { headers: { "CF-Connecting-IP": `10.${(++clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}` } });

/** Every table the play writes. */
async function clear(): Promise<void> {
  const tables = [
    "survey_answers",
    "survey_responses",
    "survey_submissions",
    "survey_tokens",
    "survey_spent_tokens",
    "survey_tallies",
    "survey_tally_progress",
    "published_k",
    "survey_audience_raises",
    "survey_redemption_days",
  ];
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}

beforeEach(clear);

/** The answer at position `j` of every question (its j-th value, cycling): k of each j cover every value. */
function answersAt(survey: Survey, j: number, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nth = <T>(list: readonly T[]) => list[j % list.length]!;
  for (const q of survey.questions) {
    const values = q.choices.map((c) => c.value);
    if (q.type === "rating" || q.type === "radiogroup" || q.type === "dropdown") out[q.name] = nth(values);
    else if (q.type === "boolean") out[q.name] = j % 2 === 0;
    else if (q.type === "checkbox") out[q.name] = [nth(values)];
    else if (q.type === "ranking") out[q.name] = values.map((_, i) => values[(i + j) % values.length]);
    else out[q.name] = text;
  }
  return out;
}

/** Every value of the survey, known: how many positions it takes for each question's values to come round. */
const positions = (survey: Survey) => Math.max(2, ...survey.questions.map((q: QuestionSpec) => q.choices.length));

function valid(survey: Survey, given: Record<string, unknown>): Record<string, unknown> {
  dropHiddenAnswers(modelFor(survey.definition), given);
  const checked = validateAnswers(survey.definition, given, "en", survey.questions);
  if (!checked.ok) throw new Error(`play answers invalid: ${JSON.stringify(checked.fields)}`);
  return given;
}

/** HR's codes, n of them; where the audience caps them, HR raises it first (an audited, public change). */
async function mint(survey: Survey, n: number): Promise<string[]> {
  const call = () => api(`/api/admin/surveys/${survey.id}/tokens`, { method: "POST", json: { count: n }, headers: ADMIN });
  let res = await call();
  if (res.status === 409 && res.body.error.code === "audience_reached") {
    const raised = await api(`/api/admin/surveys/${survey.id}`, { method: "PATCH", json: { audience: 1000 }, headers: ADMIN });
    expect(raised.status).toBe(200);
    res = await call();
  }
  expect(res.status).toBe(201);
  return res.body.codes as string[];
}

/** One person answering on `day`: redeeming a code first on an invitation survey, as the form does. */
async function answer(survey: Survey, given: Record<string, unknown>, day: string, code?: string): Promise<void> {
  let token;
  if (code !== undefined) {
    const key = (await describeSurvey(env, survey, at(day))).invitationKey!;
    const pending = await blindToken(key);
    const { evaluation } = await redeemInvitation(env, request(), survey, { code, blinded: pending.blinded }, at(day));
    token = await finishToken(key, pending, evaluation);
  }
  const outcome = await submitResponse(
    env,
    request(),
    survey,
    { submissionId: `stuff-${crypto.randomUUID()}`, answers: given, token },
    at(day),
  );
  expect(outcome).toBe("stored");
}

/** k answers on every value of every question, with texts the attacker wrote. */
async function stuff(survey: Survey, k: number, day: string, round: string): Promise<void> {
  const n = positions(survey);
  const codes = survey.access === "invitation" ? await mint(survey, k * n) : [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < k; i++) await answer(survey, valid(survey, answersAt(survey, j, `stuffed ${round} ${j}`)), day, codes.pop());
  }
}

type Settled = { ok: true; body: unknown } | { ok: false; status: number; code: string };
async function settle(read: Promise<unknown>): Promise<Settled> {
  try {
    return { ok: true, body: await read };
  } catch (err) {
    const e = err as { status?: number; code?: string };
    if (e.status === undefined) throw err;
    return { ok: false, status: e.status, code: e.code! };
  }
}

/** Everything anyone can read of the survey on `day`: answers (public and HR's), and participation. */
async function readEverything(survey: Survey, day: string) {
  const now = at(day);
  const csv = await settle(hrExport(env, survey, HR, now, "en").then((r) => r.text()));
  const comments = await settle(hrComments(env, survey, HR, now));
  return {
    answers: {
      publicResults: await settle(surveyResults(env, survey, now)),
      hrResults: await settle(hrResults(env, survey, now)),
      // the order of comments and rows is new on every read: compared as sets
      comments: (comments.ok
        ? {
            ok: true,
            body: {
              ...(comments.body as object),
              questions: (comments.body as { questions: { comments: string[] }[] }).questions.map((q) => ({
                ...q,
                comments: [...q.comments].sort(),
              })),
            },
          }
        : comments) as Settled,
      csv: (csv.ok
        ? {
            ok: true,
            body: Papa.parse<string[]>(String(csv.body).replace(/^\uFEFF/, ""))
              .data.map((r) => JSON.stringify(r))
              .sort(),
          }
        : csv) as Settled,
    },
    participation: {
      stats: await surveyStats(env, survey, now),
      survey: { ...(await describeSurvey(env, survey, now)), definition: undefined },
      list: (await listSurveys(env, now)).find((s) => s.id === survey.id),
      hr: await hrSurvey(env, survey, now),
    },
  };
}

/**
 * The play, in one world: stuff, read, the victim answers (or not), stuff
 * again the same day, read; then, after the close, read on two days.
 */
async function play(survey: Survey, victim: Record<string, unknown> | null) {
  const plan = PLAYS.find((p) => p.id === survey.id)!.days;
  const k = effectiveMinGroupSize(survey, readConfig(env).minGroupSize);
  await stuff(survey, k, plan.stuff, "one");
  const first = await readEverything(survey, plan.victim);
  if (victim) await answer(survey, victim, plan.victim, survey.access === "invitation" ? (await mint(survey, 1))[0] : undefined);
  await stuff(survey, k, plan.victim, "two");
  const second = await readEverything(survey, plan.read);
  const closed = [await readEverything(survey, addDays(survey.closes, 1)), await readEverything(survey, addDays(survey.closes, 9))];
  return { first, second, closed };
}

/** The victim's answers: every question at one end of its values, and words only they wrote. */
const victimAnswers = (survey: Survey, end: "low" | "high", text: string) =>
  valid(survey, answersAt(survey, end === "low" ? 0 : positions(survey) - 1, text));

const refused = (s: Settled) => !s.ok;

describe("stuffing k known answers on every value: the victim cannot be read", () => {
  for (const { id } of PLAYS) {
    for (const visibility of VISIBILITY as readonly TVisibility[]) {
      it(
        `${id}, results "${visibility}": nothing read before the close differs by the victim; after it, one publication`,
        { timeout: 300_000 },
        async () => {
          const survey = { ...findSurvey(id)!, resultsVisibility: visibility } as Survey;
          const worlds: Record<string, Awaited<ReturnType<typeof play>>> = {};
          for (const [name, victim] of [
            ["low", victimAnswers(survey, "low", VICTIM_TEXT)],
            ["high", victimAnswers(survey, "high", "Please keep the current tiers.")],
          ] as const) {
            await clear();
            worlds[name] = await play(survey, victim);
          }
          const { low, high } = worlds as Record<"low" | "high", Awaited<ReturnType<typeof play>>>;

          // Before the close: no read of answers is served — not to the public, not to HR — whatever arrived.
          for (const world of [low, high]) {
            for (const reading of [world.first, world.second]) {
              for (const [read, result] of Object.entries(reading.answers)) expect(refused(result), `${read} before the close`).toBe(true);
            }
            // the same refusal before and after the victim and the second stuffing: nothing to subtract
            expect(JSON.stringify(world.second.answers)).toBe(JSON.stringify(world.first.answers));
          }
          expect(JSON.stringify(low.second.answers)).toBe(JSON.stringify(high.second.answers));
          // Participation is counts: the same whichever answers the victim gave, and never a word of them.
          expect(JSON.stringify(low.second.participation)).toBe(JSON.stringify(high.second.participation));
          for (const reading of [low.first, low.second, high.second]) expect(JSON.stringify(reading)).not.toContain(VICTIM_TEXT);

          // After the close: one publication, the same on any later day, and the same for HR as for the public.
          for (const world of [low, high]) {
            const [a, b] = world.closed;
            expect(JSON.stringify(b!.answers)).toBe(JSON.stringify(a!.answers));
            expect(a!.answers.hrResults.ok).toBe(true);
            expect(a!.answers.comments.ok).toBe(true);
            expect(a!.answers.csv.ok).toBe(true);
            if (visibility === "hidden") expect(a!.answers.publicResults).toEqual({ ok: false, status: 403, code: "results_hidden" });
            else expect(JSON.stringify(a!.answers.publicResults)).toBe(JSON.stringify(a!.answers.hrResults));
            // HR's CSV carries no free text beside a person's other answers: not the victim's, not anyone's
            const csv = JSON.stringify(a!.answers.csv);
            expect(csv).not.toContain(VICTIM_TEXT);
            expect(csv).not.toContain("stuffed ");
          }
        },
      );
    }
  }
});
