// The surveys API's logic, between the thin route files and the db modules:
// what each endpoint returns and in which order the checks run.
import { DEFAULT_LOCALE } from "../i18n/config.ts";
import { dayOf } from "../lib/clock.ts";
import type { TResponseBody } from "../lib/surveys/model.ts";
import { findSurvey, SURVEYS, type Survey } from "../lib/surveys/registry.ts";
import { buildResults, resultsCutoff, type SurveyResults } from "../lib/surveys/results.ts";
import { effectiveMinGroupSize, resultsAvailable, surveyStatus, type SurveyStatus } from "../lib/surveys/schema.ts";
import { validateAnswers } from "../lib/surveys/validate.ts";
import { readClock } from "./clock.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { isDuplicateSubmission, storeResponse } from "./db/responses.ts";
import { countAllResponses, countResponses, countResponsesByDay, readAggregates, type DayCount } from "./db/surveys.ts";
import { readTokenState } from "./db/tokens.ts";
import { HttpError } from "./http.ts";
import { enforceLimit } from "./rate-limit.ts";

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
  audience: number;
  minGroupSize: number;
}

export function getSurvey(id: string): Survey {
  const survey = findSurvey(id);
  if (!survey) throw new HttpError(404, "not_found", "There is no survey with this id.");
  return survey;
}

export function summarize(survey: Survey, env: Partial<AppEnv>, today: string): SurveySummary {
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
    audience: survey.audience,
    minGroupSize: effectiveMinGroupSize(survey, readConfig(env).minGroupSize),
  };
}

export async function listSurveys(env: AppEnv, now: Date = readClock(env).now()): Promise<(SurveySummary & { responses: number })[]> {
  const counts = await countAllResponses(env);
  const today = dayOf(now);
  return SURVEYS.map((s) => ({ ...summarize(s, env, today), responses: counts.get(s.id) ?? 0 }));
}

export async function submitResponse(
  env: AppEnv,
  request: Request,
  survey: Survey,
  body: TResponseBody,
  now: Date = readClock(env).now(),
): Promise<"stored" | "duplicate"> {
  // Retries count too: each one costs the same checks as a first attempt.
  await enforceLimit(env, request, "survey_response", now);
  // A retry of a response that was stored is answered first, whatever has
  // changed since (the survey closed at midnight, the code is now used).
  if (await isDuplicateSubmission(env, survey.id, body.submissionId)) return "duplicate";

  const today = dayOf(now);
  const status = surveyStatus(survey, today);
  if (status === "upcoming") throw new HttpError(409, "survey_not_open", `This survey opens on ${survey.opens}.`);
  if (status === "closed") throw new HttpError(409, "survey_closed", `This survey closed on ${survey.closes}.`);

  const locale = body.locale ?? DEFAULT_LOCALE;
  const fields: Record<string, string> = {};
  if (survey.access === "invitation" && body.token === undefined) fields.token = "This survey needs the invitation code HR gave you.";
  if (survey.access === "open" && body.token !== undefined) fields.token = "This survey takes no invitation code.";
  const checked = validateAnswers(survey.definition, body.answers, locale, survey.questions);
  if (!checked.ok) for (const [name, message] of Object.entries(checked.fields)) fields[`answers.${name}`] = message;
  if (Object.keys(fields).length > 0 || !checked.ok) {
    throw new HttpError(422, "invalid_answers", "Some answers are missing or invalid.", { fields });
  }

  if (body.token !== undefined) {
    const state = await readTokenState(env, survey.id, body.token);
    if (state === "unknown") throw new HttpError(403, "invalid_invitation_code", "This invitation code is not valid for this survey.");
    // A used code may be this very submission's: a retry that passed the
    // duplicate check above while the first attempt's batch was committing.
    if (state === "used") return usedUnlessOurs(env, survey, body);
  }

  const outcome = await storeResponse(env, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    locale,
    day: today,
    rows: checked.rows,
    submissionId: body.submissionId,
    token: body.token,
  });
  if (outcome === "token_used") return usedUnlessOurs(env, survey, body);
  if (outcome === "token_unknown")
    throw new HttpError(403, "invalid_invitation_code", "This invitation code is not valid for this survey.");
  return outcome;
}

async function usedUnlessOurs(env: AppEnv, survey: Survey, body: TResponseBody): Promise<"duplicate"> {
  if (await isDuplicateSubmission(env, survey.id, body.submissionId)) return "duplicate";
  throw usedCode();
}

function usedCode(): HttpError {
  return new HttpError(409, "invitation_code_used", "This invitation code has already been used.");
}

export interface SurveyStats {
  id: string;
  status: SurveyStatus;
  responses: number;
  audience: number;
  /** responses / audience, 0–1 (can exceed 1 if the audience was under-estimated). */
  rate: number;
  perDay: DayCount[];
}

export async function surveyStats(env: AppEnv, survey: Survey, now: Date = readClock(env).now()): Promise<SurveyStats> {
  const [responses, perDay] = await Promise.all([countResponses(env, survey.id), countResponsesByDay(env, survey.id)]);
  return {
    id: survey.id,
    status: surveyStatus(survey, dayOf(now)),
    responses,
    audience: survey.audience,
    rate: Math.round((responses / survey.audience) * 1000) / 1000,
    perDay,
  };
}

export async function surveyResults(
  env: AppEnv,
  survey: Survey,
  now: Date = readClock(env).now(),
): Promise<SurveyResults & { id: string; status: SurveyStatus; visibility: Survey["resultsVisibility"]; before: string | null }> {
  const today = dayOf(now);
  const status = surveyStatus(survey, today);
  const available = resultsAvailable(survey.resultsVisibility, status);
  if (available === "hidden") throw new HttpError(403, "results_hidden", "The results of this survey are not published.");
  if (available === "not_yet") {
    throw new HttpError(409, "results_not_yet_available", `The results of this survey are published after it closes on ${survey.closes}.`);
  }
  const k = effectiveMinGroupSize(survey, readConfig(env).minGroupSize);
  // Live results leave out today and advance only in steps of at least k
  // responses (liveCutoff), before and after closing, so comparing two
  // snapshots — or the final results with the last live one — never isolates
  // one person's answers.
  // Steps are counted over the responses the results are built from: the current version's.
  const beforeDay =
    survey.resultsVisibility === "live"
      ? resultsCutoff(survey, await countResponsesByDay(env, survey.id, survey.version), today, k)
      : undefined;
  const raw = await readAggregates(env, survey.id, survey.version, survey.questions, beforeDay);
  return {
    id: survey.id,
    status,
    visibility: survey.resultsVisibility,
    before: beforeDay ?? null,
    ...buildResults(survey.questions, raw, k),
  };
}
