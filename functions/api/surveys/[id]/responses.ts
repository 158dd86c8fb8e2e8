// POST /api/surveys/{id}/responses {submissionId, answers, locale?, token?}
// → 201 {ok:true}; the same submissionId again → 200 {ok:true}, nothing stored.
import { readClock } from "#server/clock.ts";
import { ZResponseBody } from "#lib/surveys/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { getSurvey, submitResponse } from "#server/surveys.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const survey = getSurvey(String(params.id));
  const body = await parseJsonBody(request, ZResponseBody);
  const outcome = await submitResponse(env, request, survey, body, readClock(env).now());
  return json({ ok: true }, { status: outcome === "stored" ? 201 : 200 });
};

export const onRequest = allow("POST");
