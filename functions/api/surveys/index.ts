// GET /api/surveys: every survey with its status, dates, access, results visibility and responses so far.
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { json } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { listSurveys } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env }) => json({ surveys: await listSurveys(env, readClock(env).now()) });

export const onRequest = allow("GET");
