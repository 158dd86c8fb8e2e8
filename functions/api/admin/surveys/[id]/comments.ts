// GET /api/admin/surveys/{id}/comments: free-text answers per question, from
// k responses, shuffled on every read, without anything else of the
// responses. The read is on the audit log.
import { ZNoQuery } from "#lib/surveys/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrComments } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  parseQuery(request, ZNoQuery);
  return json(await hrComments(env, survey, admin, readClock(env).now()));
};

export const onRequest = allow("GET");
