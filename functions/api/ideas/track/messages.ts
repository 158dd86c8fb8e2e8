// POST /api/ideas/track/messages {receipt, body}: the author's anonymous reply.
import { readClock } from "../../../../src/server/clock.ts";
import { ZReplyInput } from "../../../../src/lib/ideas/model.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json, parseJsonBody } from "../../../../src/server/http.ts";
import { replyToIdea } from "../../../../src/server/ideas.ts";
import { allow } from "../../../../src/server/route.ts";

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const { receipt, body } = await parseJsonBody(request, ZReplyInput);
  return json({ idea: await replyToIdea(env, request, receipt, body, readClock(env).now()) }, { status: 201 });
};

export const onRequest = allow("POST");
