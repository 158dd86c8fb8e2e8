// GET /api/surveys/{id}: metadata plus the SurveyJS definition, the same JSON the server validates against,
// and an invitation survey's public token key.
import { readClock } from "../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";
import { describeSurvey, getSurvey } from "../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json(await describeSurvey(env, getSurvey(String(params.id)), readClock(env).now()));

export const onRequest = allow("GET");
