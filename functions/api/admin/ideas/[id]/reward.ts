// PUT /api/admin/ideas/{id}/reward {version, rewarded: {note} | false} → {idea}: a reward with its public note, or taken back.
// A stale version is 409 edit_conflict; the rules are src/lib/ideas/transitions.ts's.
import { ZRewardIntent } from "#lib/ideas/model.ts";
import { setReward } from "#server/admin-ideas.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { allow } from "#server/route.ts";

export const onRequestPut: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const input = await parseJsonBody(request, ZRewardIntent);
  return json({ idea: await setReward(env, currentAdmin(data), String(params.id).toLowerCase(), input, readClock(env).now()) });
};

export const onRequest = allow("PUT");
