// POST /api/admin/drafts/{id}/consent {version} — the honour's named person agreed to be named; who in HR confirmed it, and the day, are recorded and audited.
import { ZDraftStep } from "#lib/publishing/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { draftId } from "#server/publishing/draft-id.ts";
import { recordConsent } from "#server/publishing/drafts.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const { version } = await parseJsonBody(request, ZDraftStep);
  return json({ draft: await recordConsent(env, currentAdmin(data), draftId(params.id), version, readClock(env).now()) });
};

export const onRequest = allow("POST");
