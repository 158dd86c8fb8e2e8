// The surveys API's logic, between the thin route files and the db modules:
// what each endpoint returns and in which order the checks run.
import { dayOf } from "#lib/clock.ts";
import { sha256Hex } from "#lib/hex.ts";
import { participationSteps, type DayCount } from "#lib/anonymity/participation.ts";
import type { TRedeemBody, TResponseBody } from "#lib/surveys/model.ts";
import { findSurvey, SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import { effectiveMinGroupSize, surveyStatus, type SurveyStatus } from "#lib/surveys/schema.ts";
import { validateAnswers } from "#lib/surveys/validate.ts";
import { dayOffset } from "./commit-day.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { isDuplicateSubmission, storeResponse, type StoreOutcome } from "./db/responses.ts";
import { readAudiences, type AudienceNow } from "./db/audiences.ts";
import { countAllResponsesByDay, countResponsesByDay } from "./db/surveys.ts";
import { countTokens, redeemCode, type TokenCounts } from "./db/tokens.ts";
import { HttpError } from "./http.ts";
import { checkPublishedKey, evaluateBlinded, parseBlinded, spentTokenHash, verifyToken } from "./invitation-keys.ts";
import { admit, enforceLimit, refuse } from "./rate-limit.ts";
import { countedUntil, resultsOpenTo, stepKs, surveyFindings, type Findings } from "./survey-findings.ts";
import type { AudienceRaise } from "#lib/surveys/tools.ts";

export interface SurveySummary {
  id: string;
  version: number;
  title: Survey["title"];
  description: Survey["description"];
  status: SurveyStatus;
  opens: string;
  closes: string;
  access: Survey["access"];
  resultsVisibility: Survey["resultsVisibility"];
  /** The headcount the survey is for: its file's, or the latest raise. */
  audience: number;
  /** Every raise of the audience, oldest first: a raise is public. */
  audienceRaises: AudienceRaise[];
  minGroupSize: number;
}

export function getSurvey(id: string): Survey {
  const survey = findSurvey(id);
  if (!survey) throw new HttpError(404, "not_found", "There is no survey with this id.");
  return survey;
}

export function summarize(survey: Survey, env: Partial<AppEnv>, today: string, audience: AudienceNow): SurveySummary {
  return {
    id: survey.id,
    version: survey.version,
    title: survey.title,
    description: survey.description,
    status: surveyStatus(survey, today),
    opens: survey.opens,
    closes: survey.closes,
    access: survey.access,
    resultsVisibility: survey.resultsVisibility,
    audience: audience.audience,
    audienceRaises: audience.raises,
    minGroupSize: effectiveMinGroupSize(survey, readConfig(env).minGroupSize),
  };
}

/**
 * What everyone may know of who takes part: responses in steps (never today,
 * never moved by fewer than k) and, for an invitation survey, every code
 * minted and every code withdrawn — HR's actions, public so that minting more
 * codes than people, or withdrawing and minting again, shows.
 */
export interface PublicParticipation {
  responses: number;
  /** Exclusive: the responses counted are those of days before this one. */
  before: string;
  codes: TokenCounts | null;
}

async function publicParticipation(
  env: AppEnv,
  survey: Survey,
  today: string,
  k: number,
): Promise<PublicParticipation & { perDay: DayCount[] }> {
  const [perDay, codes] = await Promise.all([
    countResponsesByDay(env, survey.id),
    survey.access === "invitation" ? countTokens(env, [survey.id]).then((m) => m.get(survey.id)!) : null,
  ]);
  const steps = participationSteps(perDay, countedUntil(survey, today), k);
  return { responses: steps.total, before: steps.before, perDay: steps.steps, codes };
}

/**
 * GET /api/surveys/{id}: the summary, participation, the definition and, for
 * an invitation survey, the key published with it (its content file, as on
 * its page). The form never reads it here: it checks the server against the
 * key built into the page, which an API answer cannot change.
 */
export async function describeSurvey(env: AppEnv, survey: Survey, now: Date) {
  const today = dayOf(now);
  const [audiences, ks] = await Promise.all([readAudiences(env, [survey]), stepKs(env, [survey])]);
  const { perDay: _steps, ...taking } = await publicParticipation(env, survey, today, ks.get(survey.id)!);
  return {
    ...summarize(survey, env, today, audiences.get(survey.id)!),
    participation: taking,
    definition: survey.definition,
    ...(survey.access === "invitation" ? { invitationKey: survey.invitationKey } : {}),
  };
}

export async function listSurveys(env: AppEnv, now: Date): Promise<(SurveySummary & { responses: number })[]> {
  const today = dayOf(now);
  const [perDay, ks, audiences] = await Promise.all([countAllResponsesByDay(env), stepKs(env, SURVEYS), readAudiences(env, SURVEYS)]);
  return SURVEYS.map((s) => ({
    ...summarize(s, env, today, audiences.get(s.id)!),
    responses: participationSteps(perDay.get(s.id) ?? [], countedUntil(s, today), ks.get(s.id)!).total,
  }));
}

function notOpen(survey: Survey, status: SurveyStatus): HttpError {
  return status === "upcoming"
    ? new HttpError(409, "survey_not_open", `This survey opens on ${survey.opens}.`)
    : new HttpError(409, "survey_closed", `This survey closed on ${survey.closes}.`);
}

/**
 * The order matters for the limits (src/server/rate-limit.ts): what costs
 * nothing is checked first and counted nowhere; replays and refusals are
 * counted in `survey_rejected`, apart from the responses actually stored, so
 * neither can use up what the people behind the same address may send. A
 * response to an open survey is counted in `survey_response`; one with an
 * invitation token is not counted per client at all: the token allows one.
 *
 * D1 calls: an accepted response costs exactly one — the batch that stores
 * it (the limits are counted in the isolate's memory, never in D1). A resend
 * of a stored response costs one (the batch refused by the idempotency key);
 * a refusal before storing costs one (is it a resend?); a response over the
 * limit costs one (is it a resend?, answered as one if so).
 * test/integration/round-trips.test.ts holds these.
 */
export async function submitResponse(
  env: AppEnv,
  request: Request,
  survey: Survey,
  body: TResponseBody,
  now: Date,
): Promise<"stored" | "duplicate"> {
  // A resend of a response that was stored is answered as one, whatever has
  // changed since (the survey closed at midnight, the token is now spent): it
  // is asked before any refusal, and the store itself recognises it.
  const resent = async () => {
    if (!(await isDuplicateSubmission(env, survey.id, body.submissionId))) return false;
    await enforceLimit(env, request, "survey_rejected", now);
    return true;
  };
  // A refusal counted in `survey_rejected`, unless the request resends a stored response.
  const refuseUnlessResent = async (refusal: HttpError): Promise<"duplicate"> => {
    if (await resent()) return "duplicate";
    return refuse(env, request, "survey_rejected", now, refusal);
  };
  const status = surveyStatus(survey, dayOf(now));
  if (status !== "open") {
    if (await resent()) return "duplicate";
    throw notOpen(survey, status);
  }

  const fields: Record<string, string> = {};
  if (survey.access === "invitation" && body.token === undefined) fields.token = "This survey needs the invitation code HR gave you.";
  if (survey.access === "open" && body.token !== undefined) fields.token = "This survey takes no invitation code.";
  // The locale only picks the language of the messages; it is stored nowhere.
  const checked = validateAnswers(survey.definition, body.answers, body.locale ?? "en", survey.questions);
  if (!checked.ok) for (const [name, message] of Object.entries(checked.fields)) fields[`answers.${name}`] = message;
  if (Object.keys(fields).length > 0 || !checked.ok) {
    return refuseUnlessResent(new HttpError(422, "invalid_answers", "Some answers are missing or invalid.", { fields }));
  }

  let spentToken: string | undefined;
  if (body.token !== undefined) {
    if (!(await verifyToken(env, survey.id, body.token))) {
      return refuseUnlessResent(
        new HttpError(403, "invalid_invitation_token", "This invitation token is not valid for this survey. Enter your code again."),
      );
    }
    spentToken = await spentTokenHash(survey.id, body.token);
  }

  // Over the limit, a resend of a stored response is still answered as one.
  const admission = survey.access === "open" ? await admit(env, request, "survey_response", now) : null;
  if (admission && !admission.admitted) {
    if (await resent()) return "duplicate";
    throw admission.refusal();
  }
  let outcome: StoreOutcome | undefined;
  try {
    outcome = await storeResponse(env, {
      surveyId: survey.id,
      surveyVersion: survey.version,
      commit: { opens: survey.opens, closes: survey.closes, dayOffset: dayOffset(now) },
      rows: checked.rows,
      submissionId: body.submissionId,
      spentToken,
    });
  } finally {
    // only a stored response keeps its place in the count
    if (outcome !== "stored" && admission?.admitted) admission.giveBack();
  }
  if (outcome === "duplicate") {
    await enforceLimit(env, request, "survey_rejected", now);
    return "duplicate";
  }
  if (outcome === "not_open") throw notOpen(survey, surveyStatus(survey, dayOf(new Date(now.getTime() + 60_000))));
  if (outcome === "token_spent") {
    // A racing retry of this very submission may have spent it a moment ago.
    if (await isDuplicateSubmission(env, survey.id, body.submissionId)) return "duplicate";
    throw new HttpError(409, "invitation_code_used", "This invitation code has already been used.");
  }
  return outcome;
}

/**
 * POST /api/surveys/{id}/redeem: uses up the code and evaluates the blinded
 * token. A wrong code is counted against the failure limit; a right one is
 * never refused by it. A retry with the same blinded token (the answer was
 * lost) gets the evaluation again.
 */
export async function redeemInvitation(
  env: AppEnv,
  request: Request,
  survey: Survey,
  body: TRedeemBody,
  now: Date,
): Promise<{ evaluation: string }> {
  if (survey.access !== "invitation") {
    throw new HttpError(409, "survey_not_invitation_only", "This survey is open to everyone and takes no invitation code.");
  }
  const status = surveyStatus(survey, dayOf(now));
  if (status !== "open") throw notOpen(survey, status);
  const blinded = parseBlinded(body.blinded);
  // Before the code is touched: a server that cannot evaluate under the survey's
  // published key (no seed, or one that derives another key) must not use it up.
  await checkPublishedKey(env, survey);
  const outcome = await redeemCode(env, survey.id, body.code, await sha256Hex(body.blinded), dayOffset(now));
  if (outcome === "unknown") {
    await refuse(
      env,
      request,
      "invitation_failure",
      now,
      new HttpError(403, "invalid_invitation_code", "This invitation code is not valid for this survey."),
    );
  }
  if (outcome === "used") {
    await refuse(
      env,
      request,
      "invitation_failure",
      now,
      new HttpError(409, "invitation_code_used", "This invitation code has already been used."),
    );
  }
  await enforceLimit(env, request, "invitation_redeem", now);
  return { evaluation: await evaluateBlinded(env, survey, blinded) };
}

export interface SurveyStats {
  id: string;
  status: SurveyStatus;
  /** Responses up to the last step: never today's, and never moved by fewer than k. */
  responses: number;
  audience: number;
  audienceRaises: AudienceRaise[];
  /** responses / audience, 0–1 (more when responses exceed the audience: the answers are then withheld). */
  rate: number;
  /** One entry per step: its last day and the responses it added (at least k). */
  perDay: DayCount[];
  /** Exclusive: the figures cover days before this one. */
  before: string;
  /** Invitation surveys: every code minted, and those withdrawn; null for open surveys. */
  codes: TokenCounts | null;
}

export async function surveyStats(env: AppEnv, survey: Survey, now: Date): Promise<SurveyStats> {
  const today = dayOf(now);
  const [audiences, ks] = await Promise.all([readAudiences(env, [survey]), stepKs(env, [survey])]);
  const { audience, raises } = audiences.get(survey.id)!;
  const taking = await publicParticipation(env, survey, today, ks.get(survey.id)!);
  return {
    id: survey.id,
    status: surveyStatus(survey, today),
    responses: taking.responses,
    audience,
    audienceRaises: raises,
    rate: Math.round((taking.responses / audience) * 1000) / 1000,
    perDay: taking.perDay,
    before: taking.before,
    codes: taking.codes,
  };
}

/**
 * GET /api/surveys/{id}/results: the results, the breakdown by segment and
 * the change since the previous run (src/server/survey-findings.ts), when the
 * survey's results visibility allows.
 */
export async function surveyResults(env: AppEnv, survey: Survey, now: Date): Promise<Findings> {
  const today = dayOf(now);
  const available = resultsOpenTo(survey, today, "public");
  if (available === "hidden") throw new HttpError(403, "results_hidden", "The results of this survey are not published.");
  if (available === "not_yet") {
    throw new HttpError(409, "results_not_yet_available", `The results of this survey are published after it closes on ${survey.closes}.`);
  }
  return surveyFindings(env, survey, today, "public");
}
