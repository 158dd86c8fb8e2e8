// GET /api/surveys/{id}/results: aggregates per question, suppressed below k,
// following the survey's results visibility. Free text is never included.
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { getSurvey, surveyResults } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await surveyResults(env, getSurvey(String(params.id)), readClock(env).now()));

export const onRequest = allow("GET");
