// POST /api/admin/drafts/{id}/approve {version} — a second HR person approves the draft (never its author); audited.
import { ZDraftStep } from "#lib/publishing/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { draftId } from "#server/publishing/draft-id.ts";
import { approveDraft } from "#server/publishing/drafts.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const { version } = await parseJsonBody(request, ZDraftStep);
  return json({ draft: await approveDraft(env, currentAdmin(data), draftId(params.id), version, readClock(env).now()) });
};

export const onRequest = allow("POST");
