// POST /api/ideas/track/messages {receipt, body}: the author's anonymous reply.
import { readClock } from "#server/clock.ts";
import { ZReplyInput } from "#lib/ideas/model.ts";
import type { AppEnv } from "#server/config.ts";
import { json, parseJsonBody } from "#server/http.ts";
import { replyToIdea } from "#server/ideas.ts";
import { allow } from "#server/route.ts";

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const { receipt, body } = await parseJsonBody(request, ZReplyInput);
  return json({ idea: await replyToIdea(env, request, receipt, body, readClock(env).now()) }, { status: 201 });
};

export const onRequest = allow("POST");
