// GET /api/admin/drafts — HR's publications, newest first, with their state.
// POST /api/admin/drafts {from} | {policy} | {honour, body} — a draft of a survey series's next run, of a new policy version
// from the version in force, or of an honour (201).
import { ZDraftCreate } from "#lib/publishing/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { createDraft, draftList } from "#server/publishing/drafts.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env }) => json({ drafts: await draftList(env) });

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env, data }) => {
  const input = await parseJsonBody(request, ZDraftCreate);
  return json({ draft: await createDraft(env, currentAdmin(data), input, readClock(env).now()) }, { status: 201 });
};

export const onRequest = allow("GET", "POST");
