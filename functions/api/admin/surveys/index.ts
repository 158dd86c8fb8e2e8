// GET /api/admin/surveys: every survey with its participation (in steps, as
// everyone sees it) and, for invitation surveys, its codes issued and used.
import { ZNoQuery } from "../../../../src/lib/surveys/model.ts";
import { readClock } from "../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json, parseQuery } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";
import { hrSurveys } from "../../../../src/server/survey-tools.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  parseQuery(request, ZNoQuery);
  return json({ surveys: await hrSurveys(env, readClock(env).now()) });
};

export const onRequest = allow("GET");
