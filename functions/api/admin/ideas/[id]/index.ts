// GET /api/admin/ideas/{id} — the whole idea as HR sees it, with `version`.
// Each change is a route of its own beside this one: status.ts, duplicate.ts,
// publication.ts, reward.ts (and messages.ts, an answer).
import { adminIdea } from "#server/admin-ideas.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) => {
  return json({ idea: await adminIdea(env, String(params.id).toLowerCase(), readClock(env).now()) });
};

export const onRequest = allow("GET");
