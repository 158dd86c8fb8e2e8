// PUT /api/admin/ideas/{id}/duplicate {version, duplicateOf: id | null, note?} → {idea}: a duplicate of the original (the status follows), or null to end the link.
// A stale version is 409 edit_conflict; the rules are src/lib/ideas/transitions.ts's.
import { ZDuplicateIntent } from "#lib/ideas/model.ts";
import { setDuplicate } from "#server/admin-ideas.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestPut: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZDuplicateIntent);
  return json({ idea: await setDuplicate(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now()) });
};

export const onRequest = allow("PUT");
