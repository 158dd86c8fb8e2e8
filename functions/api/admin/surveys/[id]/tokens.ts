// POST /api/admin/surveys/{id}/tokens {count} → 201 {codes: [...]}: single-use
// invitation codes, shown this once and stored only as hashes.
// DELETE /api/admin/surveys/{id}/tokens [{code}] → {deleted}: withdraws the
// unused codes (or the one given, from a lost slip). Both are audited.
import { ZDeleteTokensBody, ZTokensBody } from "../../../../../src/lib/surveys/model.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { createTokens } from "../../../../../src/server/db/tokens.ts";
import { HttpError, json, parseJsonBody } from "../../../../../src/server/http.ts";
import { allow } from "../../../../../src/server/route.ts";
import { hrDeleteCodes } from "../../../../../src/server/survey-tools.ts";
import { getSurvey } from "../../../../../src/server/surveys.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  const { count } = await parseJsonBody(request, ZTokensBody);
  if (survey.access !== "invitation")
    throw new HttpError(409, "survey_not_invitation_only", "This survey is open to everyone and takes no invitation codes.");
  const codes = await createTokens(env, survey.id, count, { actor: admin.actor, at: readClock(env).now().toISOString() });
  return json({ surveyId: survey.id, codes }, { status: 201 });
};

export const onRequestDelete: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  // No body, or {}: every unused code. {code}: that one.
  const code = request.body === null ? undefined : (await parseJsonBody(request, ZDeleteTokensBody)).code;
  return json(await hrDeleteCodes(env, survey, admin, readClock(env).now(), code));
};

export const onRequest = allow("POST", "DELETE");
