// GET /api/surveys/{id}/stats: participation — responses so far, audience, rate, responses per day.
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { getSurvey, surveyStats } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await surveyStats(env, getSurvey(String(params.id)), readClock(env).now()));

export const onRequest = allow("GET");
