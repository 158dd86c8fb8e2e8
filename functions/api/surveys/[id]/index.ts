// GET /api/surveys/{id}: metadata plus the SurveyJS definition, the same JSON the server validates against.
import { readClock } from "../../../../src/server/clock.ts";
import type { AppEnv } from "../../../../src/server/config.ts";
import { json } from "../../../../src/server/http.ts";
import { allow } from "../../../../src/server/route.ts";
import { getSurvey, summarize } from "../../../../src/server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = ({ env, params }) => {
  const survey = getSurvey(String(params.id));
  return json({ ...summarize(survey, env, readClock(env).today()), definition: survey.definition });
};

export const onRequest = allow("GET");
