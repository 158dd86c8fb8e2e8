// GET /api/surveys/{id}: metadata plus the SurveyJS definition, the same JSON the server validates against,
// and an invitation survey's public token key.
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { describeSurvey, getSurvey } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await describeSurvey(env, getSurvey(String(params.id)), readClock(env).now()));

export const onRequest = allow("GET");
