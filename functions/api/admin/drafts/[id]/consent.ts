// POST /api/admin/drafts/{id}/consent {version} — the honour's named person agreed to be named; who in HR confirmed it, and the day, are recorded and audited.
import { ZDraftStep } from "../../../../../src/lib/publishing/model.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../../src/server/http.ts";
import { draftId } from "../../../../../src/server/publishing/draft-id.ts";
import { recordConsent } from "../../../../../src/server/publishing/drafts.ts";
import { allow } from "../../../../../src/server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const { version } = await parseJsonBody(request, ZDraftStep);
  return json({ draft: await recordConsent(env, currentAdmin(data), draftId(params.id), version, readClock(env).now()) });
};

export const onRequest = allow("POST");
