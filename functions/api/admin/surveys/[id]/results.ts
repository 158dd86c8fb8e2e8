// GET /api/admin/surveys/{id}/results: the results, breakdown by segment and
// trend since the last run, for every survey (hidden ones too), under the
// same suppression as the public results.
import { ZNoQuery } from "#lib/surveys/model.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrResults } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const survey = getSurvey(String(params.id));
  parseQuery(request, ZNoQuery);
  return json(await hrResults(env, survey, readClock(env).now()));
};

export const onRequest = allow("GET");
