// HR's survey tools (docs/hr-console.md, "Surveys"): participation, results
// with breakdowns and trends, comments, the CSV export and invitation codes.
// HR is not exempt from the anonymity rules: every figure here is one the
// rules allow (src/server/survey-findings.ts), comments and exports cover
// the same responses as the results and only from k of them, and every read
// of what people wrote is on the audit log, in the same batch as the read.
import type { Locale } from "../i18n/config.ts";
import type { Admin } from "./auth.ts";
import { dayOf, type Day } from "../lib/clock.ts";
import { participationSteps } from "../lib/participation.ts";
import { shuffled } from "../lib/shuffle.ts";
import { csvRows, exportHeader, formatAnswer, toCsv } from "../lib/surveys/export.ts";
import { FREE_TEXT_TYPES } from "../lib/surveys/questions.ts";
import { SURVEYS, type Survey } from "../lib/surveys/registry.ts";
import type { Comments, HrSurvey, Participation } from "../lib/surveys/tools.ts";
import type { AppEnv } from "./config.ts";
import { auditedBatch } from "./db/audit.ts";
import {
  commentsStatement,
  countAnswered,
  countCurrentResponses,
  countResponsesByDay,
  readAnswersOf,
  responseIdsStatement,
} from "./db/surveys.ts";
import { countTokens, deleteUnusedTokens } from "./db/tokens.ts";
import { HttpError } from "./http.ts";
import { countedUntil, coveredUntil, resultsOpenTo, stepKs, surveyFindings, type Findings } from "./survey-findings.ts";
import { summarize } from "./surveys.ts";

/**
 * Participation as HR sees it — the same steps as everyone (GET
 * /api/surveys/{id}/stats): a count that moved by one, polled, would be a
 * clock for someone's submission.
 */
async function participation(env: AppEnv, survey: Survey, today: Day, k: number): Promise<Participation> {
  const steps = participationSteps(await countResponsesByDay(env, survey.id), countedUntil(survey, today), k);
  return {
    responses: steps.total,
    audience: survey.audience,
    rate: Math.round((steps.total / survey.audience) * 1000) / 1000,
    perDay: steps.steps,
    before: steps.before,
  };
}

async function codesOf(env: AppEnv, survey: Survey): Promise<HrSurvey["codes"]> {
  if (survey.access !== "invitation") return null;
  const counts = await countTokens(env, survey.id);
  return { ...counts, unused: counts.issued - counts.used };
}

export async function hrSurvey(env: AppEnv, survey: Survey, now: Date, ks?: Map<string, number>): Promise<HrSurvey> {
  const today = dayOf(now);
  const k = (ks ?? (await stepKs(env, [survey]))).get(survey.id)!;
  const [p, codes] = await Promise.all([participation(env, survey, today, k), codesOf(env, survey)]);
  return { ...summarize(survey, env, today), participation: p, codes };
}

/** GET /api/admin/surveys: every survey, newest first. */
export async function hrSurveys(env: AppEnv, now: Date): Promise<HrSurvey[]> {
  const ks = await stepKs(env, SURVEYS);
  return Promise.all(SURVEYS.map((s) => hrSurvey(env, s, now, ks)));
}

function notYet(survey: Survey, today: Day, what: string): HttpError {
  const message =
    today < survey.opens
      ? `This survey opens on ${survey.opens}.`
      : `HR sees the ${what} of this survey once it closes on ${survey.closes}: read while answers still arrive and again at the close, they would differ by the last few answers.`;
  return new HttpError(409, "results_not_yet_available", message);
}

/** GET /api/admin/surveys/{id}/results: what the public results show, for every survey, hidden ones too. */
export async function hrResults(env: AppEnv, survey: Survey, now: Date): Promise<Findings> {
  const today = dayOf(now);
  if (resultsOpenTo(survey, today, "hr") !== "yes") throw notYet(survey, today, "results");
  return surveyFindings(env, survey, today, "hr");
}

/** The responses comments and exports cover, once there are at least k of them. */
async function coverage(env: AppEnv, survey: Survey, today: Day, what: string): Promise<{ before?: Day; responses: number; k: number }> {
  if (resultsOpenTo(survey, today, "hr") !== "yes") throw notYet(survey, today, what);
  const { before, k } = await coveredUntil(env, survey, today);
  const responses = await countCurrentResponses(env, survey, before);
  if (responses < k) {
    throw new HttpError(
      409,
      "too_few_responses",
      `Fewer than ${k} people have answered this survey: what they wrote is not shown until ${k} have.`,
    );
  }
  return { before, responses, k };
}

/** The most comments per question one read returns: everything at once up to here, a random sample beyond. */
export const COMMENT_CAP = 1000;

/**
 * GET /api/admin/surveys/{id}/comments: the free-text answers, per question,
 * and nothing else of the responses — no day, no language, no other answer —
 * in a new random order on every read, so neither the order nor two reads
 * compared say who wrote what when. The read and its audit row are one batch.
 */
export async function hrComments(env: AppEnv, survey: Survey, admin: Admin, now: Date): Promise<Comments> {
  const { before, responses, k } = await coverage(env, survey, dayOf(now), "comments");
  const free = survey.questions.filter((q) => FREE_TEXT_TYPES.includes(q.type));
  const [, read] = await auditedBatch(env, () => [
    {
      audit: {
        at: now.toISOString(),
        actor: admin.actor,
        action: "survey.comments.read",
        targetType: "survey",
        targetId: survey.id,
        detail: { responses },
      },
    },
    commentsStatement(
      env,
      survey,
      free.map((q) => q.name),
      COMMENT_CAP,
      before,
    ),
  ]);
  const rows = read!.results as { question: string; text: string; total: number }[];
  return {
    id: survey.id,
    k,
    responses,
    before: before ?? null,
    cap: COMMENT_CAP,
    questions: free.map((q) => {
      const mine = rows.filter((r) => r.question === q.name);
      return { name: q.name, title: q.title as Survey["title"], count: mine[0]?.total ?? 0, comments: shuffled(mine.map((r) => r.text)) };
    }),
  };
}

/** Responses read per query while the export streams: the bound parameters stay one JSON array. */
const EXPORT_BATCH = 200;

/**
 * GET /api/admin/surveys/{id}/responses.csv: one row per response, in a
 * random order, one column per question — except the segment questions,
 * whose values next to the rest of a person's answers would undo the
 * breakdown's suppression (a team of three would be three rows with its
 * name). No day, no language. A free-text column only where at least k
 * people answered it. The audit row is written with the read of the rows.
 */
export async function hrExport(env: AppEnv, survey: Survey, admin: Admin, now: Date, locale: Locale): Promise<Response> {
  const { before, responses, k } = await coverage(env, survey, dayOf(now), "answers");
  const answered = await countAnswered(
    env,
    survey,
    survey.questions.map((q) => q.name),
    before,
  );
  const columns = survey.questions.filter(
    (q) => !(survey.segments ?? []).includes(q.name) && (!FREE_TEXT_TYPES.includes(q.type) || (answered.get(q.name) ?? 0) >= k),
  );
  const [, read] = await auditedBatch(env, () => [
    {
      audit: {
        at: now.toISOString(),
        actor: admin.actor,
        action: "survey.responses.export",
        targetType: "survey",
        targetId: survey.id,
        detail: { responses, lang: locale },
      },
    },
    responseIdsStatement(env, survey, before),
  ]);
  const ids = shuffled((read!.results as { id: string }[]).map((r) => r.id));
  const names = columns.map((q) => q.name);
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv(exportHeader(columns, locale), [])));
    },
    async pull(controller) {
      if (next >= ids.length) return controller.close();
      const chunk = ids.slice(next, next + EXPORT_BATCH);
      next += chunk.length;
      const answers = await readAnswersOf(env, survey.id, chunk, names);
      controller.enqueue(
        encoder.encode(csvRows(chunk.map((id) => columns.map((q) => formatAnswer(q, answers.get(id)?.[q.name], locale))))),
      );
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${survey.id}-responses-${locale}.csv"`,
    },
  });
}

/** DELETE /api/admin/surveys/{id}/tokens: withdraws unused codes (all, or the one typed from a lost slip). */
export async function hrDeleteCodes(env: AppEnv, survey: Survey, admin: Admin, now: Date, code?: string): Promise<{ deleted: number }> {
  if (survey.access !== "invitation") {
    throw new HttpError(409, "survey_not_invitation_only", "This survey is open to everyone and takes no invitation codes.");
  }
  return { deleted: await deleteUnusedTokens(env, survey.id, { actor: admin.actor, at: now.toISOString() }, code) };
}
