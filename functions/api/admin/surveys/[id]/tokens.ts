// POST /api/admin/surveys/{id}/tokens {count} → 201 {surveyId, codes}: single-use
// invitation codes, shown this once and stored only as hashes; 409
// audience_reached when the codes still usable would exceed the audience.
// DELETE /api/admin/surveys/{id}/tokens [{code}] → {withdrawn}: withdraws every
// code not yet withdrawn (or the one given, from a lost slip), answering the
// same whether a code was used or not. Both are audited.
import { ZDeleteTokensBody, ZTokensBody } from "#lib/surveys/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrCreateCodes, hrWithdrawCodes } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  const { count } = await parseJsonBody(request, ZTokensBody);
  return json(await hrCreateCodes(env, survey, admin, readClock(env).now(), count), { status: 201 });
};

export const onRequestDelete: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  // No body, or {}: every code not yet withdrawn. {code}: that one.
  const code = request.body === null ? undefined : (await parseJsonBody(request, ZDeleteTokensBody)).code;
  return json(await hrWithdrawCodes(env, survey, admin, readClock(env).now(), code));
};

export const onRequest = allow("POST", "DELETE");
