// GET /api/surveys/{id}/stats: participation — responses so far, audience, rate, responses per day.
import { readClock } from "../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";
import { getSurvey, surveyStats } from "../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await surveyStats(env, getSurvey(String(params.id)), readClock(env).now()));

export const onRequest = allow("GET");
