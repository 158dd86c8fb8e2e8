// GET /api/admin/surveys: every survey with its participation (in steps, as
// everyone sees it) and, for invitation surveys, its codes issued and used.
import { ZNoQuery } from "#lib/surveys/model.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrSurveys } from "#server/survey-tools.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  parseQuery(request, ZNoQuery);
  return json({ surveys: await hrSurveys(env, readClock(env).now()) });
};

export const onRequest = allow("GET");
