// GET /api/admin/ideas/{id} — the whole idea as HR sees it, with `version`.
// PATCH /api/admin/ideas/{id} {version, status?, note?, publish?, rewarded?, duplicateOf?}
// — one audited change; a stale version is 409 edit_conflict.
import { ZIdeaPatch } from "../../../../../src/lib/ideas/model.ts";
import { adminIdea, updateIdea } from "../../../../../src/server/admin-ideas.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../../src/server/http.ts";
import { allow } from "../../../../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) => {
  return json({ idea: await adminIdea(env, String(params.id).toLowerCase(), readClock(env).now()) });
};

export const onRequestPatch: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const patch = await parseJsonBody(request, ZIdeaPatch);
  return json({ idea: await updateIdea(env, currentAdmin(data), String(params.id).toLowerCase(), patch, readClock(env).now()) });
};

export const onRequest = allow("GET", "PATCH");
