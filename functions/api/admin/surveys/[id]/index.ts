// GET /api/admin/surveys/{id}: one survey's participation and codes.
// PATCH /api/admin/surveys/{id} {audience} → {survey}: raises its audience
// (never lowers it), audited, and shown on the survey's public page.
import { ZAudienceBody, ZNoQuery } from "../../../../../src/lib/surveys/model.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseJsonBody, parseQuery } from "../../../../../src/server/http.ts";
import { allow } from "../../../../../src/server/route.ts";
import { hrRaiseAudience, hrSurvey } from "../../../../../src/server/survey-tools.ts";
import { getSurvey } from "../../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const survey = getSurvey(String(params.id));
  parseQuery(request, ZNoQuery);
  return json({ survey: await hrSurvey(env, survey, readClock(env).now()) });
};

export const onRequestPatch: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  const { audience } = await parseJsonBody(request, ZAudienceBody);
  return json({ survey: await hrRaiseAudience(env, survey, admin, readClock(env).now(), audience) });
};

export const onRequest = allow("GET", "PATCH");
