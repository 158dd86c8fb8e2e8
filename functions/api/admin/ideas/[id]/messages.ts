// POST /api/admin/ideas/{id}/messages {visibility, body} → 201 {idea}: HR's
// answer, on the author's tracking page at once (and on the board when public
// and the idea is published).
import { ZAdminMessageInput } from "../../../../../src/lib/ideas/model.ts";
import { answerIdea } from "../../../../../src/server/admin-ideas.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../../src/server/http.ts";
import { allow } from "../../../../../src/server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZAdminMessageInput);
  const idea = await answerIdea(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now());
  return json({ idea }, { status: 201 });
};

export const onRequest = allow("POST");
