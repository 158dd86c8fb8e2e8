// POST /api/surveys/{id}/redeem {code, blinded} → 200 {evaluation}: uses up an
// invitation code for a blindly evaluated token (src/lib/invitation/token.ts).
// The answers arrive later with the unblinded token, never with the code.
import { readClock } from "#server/clock.ts";
import { ZRedeemBody } from "#lib/surveys/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { getSurvey, redeemInvitation } from "#server/surveys.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const survey = getSurvey(String(params.id));
  const body = await parseJsonBody(request, ZRedeemBody);
  return json(await redeemInvitation(env, request, survey, body, readClock(env).now()));
};

export const onRequest = allow("POST");
