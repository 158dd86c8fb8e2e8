// POST /api/ideas/{id}/support {token}: "me too" on a published, open idea, once per browser.
// DELETE /api/ideas/{id}/support {token}: take it back (the same browser token).
import { readClock } from "#server/clock.ts";
import { ZSupportInput } from "#lib/ideas/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { supportIdea, withdrawSupport } from "#server/ideas.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const { token } = await parseJsonBody(request, ZSupportInput);
  return json(await supportIdea(env, request, String(params.id), token, readClock(env).now()), { status: 201 });
};

export const onRequestDelete: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const { token } = await parseJsonBody(request, ZSupportInput);
  return json(await withdrawSupport(env, request, String(params.id), token, readClock(env).now()));
};

export const onRequest = allow("POST", "DELETE");
