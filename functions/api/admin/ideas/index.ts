// GET /api/admin/ideas?status=&category=&overdue=&verdict=&q=&cursor= — HR's
// inbox: counts per status, one page of ideas in working order, nextCursor.
import { ZInboxQuery } from "#lib/ideas/model.ts";
import { inbox } from "#server/admin-ideas.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  return json(await inbox(env, parseQuery(request, ZInboxQuery), readClock(env).now()));
};

export const onRequest = allow("GET");
