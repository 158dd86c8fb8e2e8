// GET /api/admin/surveys/{id}/comments: free-text answers per question, from
// k responses, shuffled on every read, without anything else of the
// responses. The read is on the audit log.
import { ZNoQuery } from "../../../../../src/lib/surveys/model.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseQuery } from "../../../../../src/server/http.ts";
import { allow } from "../../../../../src/server/route.ts";
import { hrComments } from "../../../../../src/server/survey-tools.ts";
import { getSurvey } from "../../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  parseQuery(request, ZNoQuery);
  return json(await hrComments(env, survey, admin, readClock(env).now()));
};

export const onRequest = allow("GET");
