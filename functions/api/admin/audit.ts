// GET /api/admin/audit?actor=&action=&target=&from=&to=&cursor= — every HR
// action, newest first. The log itself is append-only in the database. For
// one idea, the first page also carries the author's side, to the day, from
// before today (what the author did today shows tomorrow). Every page names
// what its ids point to (titles): the ideas' titles and the surveys'.
import { ZAuditQuery, type AuditPage } from "#lib/audit/model.ts";
import { dayOf } from "#lib/clock.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { listAudit } from "#server/db/audit.ts";
import { readAuthorSide } from "#server/db/ideas.ts";
import { titlesOf } from "#server/audit-titles.ts";
import { json, parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  const query = parseQuery(request, ZAuditQuery);
  const page: AuditPage = await listAudit(env, query);
  const today = dayOf(readClock(env).now());
  if (query.target && !query.cursor) page.authorSide = await readAuthorSide(env, query.target, today);
  page.titles = await titlesOf(env, page.entries, today);
  return json(page);
};

export const onRequest = allow("GET");
