// GET /api/ideas: the public board (published ideas only) and its figures.
// POST /api/ideas: a new anonymous idea → 201 {receipt}, shown once.
import { ZBoardQuery, ZIdeaInput } from "../../../src/lib/ideas/model.ts";
import type { AppEnv } from "../../../src/server/config.ts";
import { HttpError, issuesToFields, json, parseJsonBody } from "../../../src/server/http.ts";
import { board, submitIdea } from "../../../src/server/ideas.ts";
import { allow } from "../../../src/server/route.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ request, env }) => {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const query = ZBoardQuery.safeParse(params);
  if (!query.success) {
    throw new HttpError(422, "validation_failed", "Some query parameters are invalid.", { fields: issuesToFields(query.error.issues) });
  }
  return json(await board(env, query.data));
};

export const onRequestPost: PagesFunction<AppEnv> = async ({ request, env }) => {
  const input = await parseJsonBody(request, ZIdeaInput);
  return json(await submitIdea(env, request, input), { status: 201 });
};

export const onRequest = allow("GET", "POST");
