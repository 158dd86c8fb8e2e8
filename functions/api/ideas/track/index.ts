// POST /api/ideas/track {receipt}: the idea, its history and the messages its
// author may see. The receipt travels in the body, never in a URL.
import { readClock } from "#server/clock.ts";
import { ZTrackInput } from "#lib/ideas/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { trackIdea } from "#server/ideas.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const { receipt } = await parseJsonBody(request, ZTrackInput);
  return json({ idea: await trackIdea(env, request, receipt, readClock(env).now()) });
};

export const onRequest = allow("POST");
