// PUT /api/admin/ideas/{id}/publication {version, publish: {title, body, confirm?} | false} → {idea}: HR's moderated version on the board, or off it.
// A stale version is 409 edit_conflict; the rules are src/lib/ideas/transitions.ts's.
import { ZPublicationIntent } from "#lib/ideas/model.ts";
import { setPublication } from "#server/admin-ideas.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestPut: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZPublicationIntent);
  return json({ idea: await setPublication(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now()) });
};

export const onRequest = allow("PUT");
