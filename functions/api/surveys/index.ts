// GET /api/surveys: every survey with its status, dates, access, results visibility and responses so far.
import { readClock } from "../../../src/server/clock.ts";
import type { AppEnv } from "../../../src/server/config.ts";
import { json } from "../../../src/server/http.ts";
import { allow } from "../../../src/server/route.ts";
import { listSurveys } from "../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv> = async ({ env }) => json({ surveys: await listSurveys(env, readClock(env).now()) });

export const onRequest = allow("GET");
