// POST /api/admin/drafts/{id}/publish {version} — commits the approved draft's file to the repository (409 when the file moved); audited.
import { ZDraftStep } from "../../../../../src/lib/publishing/model.ts";
import { currentAdmin } from "../../../../../src/server/auth.ts";
import { readClock } from "../../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../../src/server/http.ts";
import { draftId } from "../../../../../src/server/publishing/draft-id.ts";
import { publishDraft } from "../../../../../src/server/publishing/drafts.ts";
import { allow } from "../../../../../src/server/route.ts";

export const onRequestPost: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const { version } = await parseJsonBody(request, ZDraftStep);
  return json({ draft: await publishDraft(env, currentAdmin(data), draftId(params.id), version, readClock(env).now()) });
};

export const onRequest = allow("POST");
