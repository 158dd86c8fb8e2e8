// GET /api/ideas: the public board (published ideas only) and its figures.
// POST /api/ideas: a new anonymous idea → 201 {receipt, acknowledgeBy,
// acknowledgeWithinDays}, the receipt shown once; the same submissionId again
// → 200 with the same answer, nothing stored twice.
import { readClock } from "#server/clock.ts";
import { ZBoardQuery, ZIdeaInput } from "#lib/ideas/model.ts";
import type { AppEnv } from "#server/config.ts";
import { HttpError, issuesToFields, json, parseJsonBody } from "#server/http.ts";
import { board, submitIdea } from "#server/ideas.ts";
import { allow } from "#server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const query = ZBoardQuery.safeParse(params);
  if (!query.success) {
    throw new HttpError(422, "validation_failed", "Some query parameters are invalid.", { fields: issuesToFields(query.error.issues) });
  }
  return json(await board(env, query.data, readClock(env).now()));
};

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const input = await parseJsonBody(request, ZIdeaInput);
  const { receipt, replayed, acknowledgeBy, acknowledgeWithinDays } = await submitIdea(env, request, input, readClock(env).now());
  return json({ receipt, acknowledgeBy, acknowledgeWithinDays }, { status: replayed ? 200 : 201 });
};

export const onRequest = allow("GET", "POST");
