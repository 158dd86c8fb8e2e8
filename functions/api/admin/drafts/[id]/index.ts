// GET /api/admin/drafts/{id} — one draft, with `version`.
// PATCH /api/admin/drafts/{id} {version, opens?, closes?, audience?} — one audited edit; a stale version is 409.
import { ZDraftPatch } from "#lib/publishing/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { draftById, updateDraft } from "#server/publishing/drafts.ts";
import { allow } from "#server/route.ts";
import { draftId } from "#server/publishing/draft-id.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ env, params }) =>
  json({ draft: await draftById(env, draftId(params.id)) });

export const onRequestPatch: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const patch = await parseJsonBody(request, ZDraftPatch);
  return json({ draft: await updateDraft(env, currentAdmin(data), draftId(params.id), patch, readClock(env).now()) });
};

export const onRequest = allow("GET", "PATCH");
