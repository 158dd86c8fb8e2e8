// GET /api/admin/audit?actor=&action=&target=&from=&to=&cursor= — every HR
// action, newest first. The log itself is append-only in the database.
import { ZAuditQuery } from "../../../src/lib/audit/model.ts";
import type { AppEnv } from "../../../src/server/config.ts";
import { listAudit } from "../../../src/server/db/audit.ts";
import { json, parseQuery } from "../../../src/server/http.ts";
import { allow } from "../../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  return json(await listAudit(env, parseQuery(request, ZAuditQuery)));
};

export const onRequest = allow("GET");
