// POST /api/admin/ideas/{id}/status {version, status, note?} → {idea}: one status move, with a public note.
// A stale version is 409 edit_conflict; the rules are src/lib/ideas/transitions.ts's.
import { ZStatusIntent } from "#lib/ideas/model.ts";
import { changeStatus } from "#server/admin-ideas.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZStatusIntent);
  return json({ idea: await changeStatus(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now()) });
};

export const onRequest = allow("POST");
