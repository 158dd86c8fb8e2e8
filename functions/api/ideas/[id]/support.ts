// POST /api/ideas/{id}/support {token}: "me too" on a published, open idea, once per browser.
// DELETE /api/ideas/{id}/support {token}: take it back (the same browser token).
import { readClock } from "../../../../src/server/clock.ts";
import { ZSupportInput } from "../../../../src/lib/ideas/model.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../src/server/http.ts";
import { supportIdea, withdrawSupport } from "../../../../src/server/ideas.ts";
import { allow } from "../../../../src/server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const { token } = await parseJsonBody(request, ZSupportInput);
  return json(await supportIdea(env, request, String(params.id), token, readClock(env).now()), { status: 201 });
};

export const onRequestDelete: PagesFunction<AppEnv, "id"> = async ({ request, env, params }) => {
  const { token } = await parseJsonBody(request, ZSupportInput);
  return json(await withdrawSupport(env, request, String(params.id), token, readClock(env).now()));
};

export const onRequest = allow("POST", "DELETE");
