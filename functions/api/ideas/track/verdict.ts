// POST /api/ideas/track/verdict {receipt, verdict, comment?}: the author says
// whether HR's answer resolved the idea; the board shows it beside the status.
import { readClock } from "#server/clock.ts";
import { ZVerdictInput } from "#lib/ideas/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { giveVerdict } from "#server/ideas.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const input = await parseJsonBody(request, ZVerdictInput);
  return json({ idea: await giveVerdict(env, request, input, readClock(env).now()) });
};

export const onRequest = allow("POST");
