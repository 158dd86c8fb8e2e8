// GET /api/admin/ideas?status=&category=&overdue=&verdict=&q=&cursor= — HR's
// inbox: counts per status, one page of ideas in working order, nextCursor.
import { ZInboxQuery } from "../../../../src/lib/ideas/model.ts";
import { inbox } from "../../../../src/server/admin-ideas.ts";
import { readClock } from "../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json, parseQuery } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  return json(await inbox(env, parseQuery(request, ZInboxQuery), readClock(env).now()));
};

export const onRequest = allow("GET");
