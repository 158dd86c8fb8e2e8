// GET /api/read-log?at=: the days HR read survey comments or exported answers,
// per survey (what /results/access/ shows), and the head of the audit log's
// hash chain, as JSON; with `at`, also the hash the log's row `at` has now.
import { ZReadLogQuery } from "#lib/audit/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseQuery } from "#server/http.ts";
import { readLog } from "#server/read-log.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  const { at } = parseQuery(request, ZReadLogQuery);
  return json(await readLog(env, at));
};

export const onRequest = allow("GET");
