// GET /api/admin/surveys/{id}: one survey's participation and codes.
// PATCH /api/admin/surveys/{id} {audience} → {survey}: raises its audience
// (never lowers it), audited, and shown on the survey's public page.
import { ZAudienceBody, ZNoQuery } from "#lib/surveys/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrRaiseAudience, hrSurvey } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

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
