// GET /api/admin/audit?actor=&action=&target=&from=&to=&cursor= — every HR
// action, newest first. The log itself is append-only in the database. For
// one idea, the first page also carries the author's side, to the day, from
// before today (what the author did today shows tomorrow). Every page names
// what its ids point to (titles): the ideas' titles and the surveys'.
import { ZAuditQuery, type AuditPage } from "../../../src/lib/audit/model.ts";
import { dayOf } from "../../../src/lib/clock.ts";
import { readClock } from "../../../src/server/clock.ts";
import type { AppEnv } from "../../../src/server/config.ts";
import { listAudit } from "../../../src/server/db/audit.ts";
import { readAuthorSide } from "../../../src/server/db/ideas.ts";
import { titlesOf } from "../../../src/server/audit-titles.ts";
import { json, parseQuery } from "../../../src/server/http.ts";
import { allow } from "../../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  const query = parseQuery(request, ZAuditQuery);
  const page: AuditPage = await listAudit(env, query);
  const today = dayOf(readClock(env).now());
  if (query.target && !query.cursor) page.authorSide = await readAuthorSide(env, query.target, today);
  page.titles = await titlesOf(env, page.entries, today);
  return json(page);
};

export const onRequest = allow("GET");
