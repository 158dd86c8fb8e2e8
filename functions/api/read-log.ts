// GET /api/read-log: the days HR read survey comments or exported answers,
// per survey (what /results/access/ shows), as JSON.
import { ZNoQuery } from "../../src/lib/surveys/model.ts";
import type { AppEnv } from "../../src/server/config.ts";
import { json, parseQuery } from "../../src/server/http.ts";
import { readLog } from "../../src/server/read-log.ts";
import { allow } from "../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  parseQuery(request, ZNoQuery);
  return json(await readLog(env));
};

export const onRequest = allow("GET");
