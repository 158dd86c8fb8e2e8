// POST /api/admin/surveys/{id}/tokens/replace {code} → 201 {surveyId, code}:
// withdraws the code typed (used up on a page that closed, or lost) and mints
// one new code in its place, in one batch with one audit row; the same answer
// whether the old code was used or not. 422 when no code of the survey that
// is not yet withdrawn matches.
import { ZReplaceTokenBody } from "#lib/surveys/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrReplaceCode } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  const { code } = await parseJsonBody(request, ZReplaceTokenBody);
  return json(await hrReplaceCode(env, survey, admin, readClock(env).now(), code), { status: 201 });
};

export const onRequest = allow("POST");
