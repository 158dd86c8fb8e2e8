// GET /api/surveys/{id}/stats: participation — responses so far, audience, rate, responses per day.
import type { AppEnv } from "../../../../src/server/config.ts";
import { json } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";
import { getSurvey, surveyStats } from "../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await surveyStats(env, getSurvey(String(params.id))));

export const onRequest = allow("GET");
