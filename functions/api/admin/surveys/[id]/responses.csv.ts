// GET /api/admin/surveys/{id}/responses.csv?lang=en|zh-cn: every response as
// a row of a CSV file for Excel or WPS (UTF-8 with BOM, CRLF, formulas
// neutralised), in a random order, without days. The export is on the audit log.
import { DEFAULT_LOCALE } from "#i18n/config.ts";
import { ZExportQuery } from "#lib/surveys/model.ts";
import { currentAdmin } from "#server/auth.ts";
import { readClock } from "#server/clock.ts";
import type { AppEnv } from "#server/config.ts";
import { parseQuery } from "#server/http.ts";
import { allow } from "#server/route.ts";
import { hrExport } from "#server/survey-tools.ts";
import { getSurvey } from "#server/surveys.ts";

export const onRequestGet: PagesFunction<AppEnv, "id"> = async ({ request, env, params, data }) => {
  const admin = currentAdmin(data);
  const survey = getSurvey(String(params.id));
  const { lang } = parseQuery(request, ZExportQuery);
  return hrExport(env, survey, admin, readClock(env).now(), lang ?? DEFAULT_LOCALE);
};

export const onRequest = allow("GET");
