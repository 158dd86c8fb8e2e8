// POST /api/admin/ideas/{id}/messages {visibility, body} → 201 {idea}: HR's
// answer, on the author's tracking page at once (and on the board when public
// and the idea is published).
import { ZAdminMessageInput } from "#lib/ideas/model.ts";
import { answerIdea } from "#server/admin-ideas.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZAdminMessageInput);
  const idea = await answerIdea(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now());
  return json({ idea }, { status: 201 });
};

export const onRequest = allow("POST");
