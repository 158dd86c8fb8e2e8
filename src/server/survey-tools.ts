// HR's survey tools (docs/hr-console.md, "Surveys"): participation, results
// with breakdowns and trends, comments, the CSV export and invitation codes.
// HR is not exempt from the anonymity rules: every figure here is one the
// rules allow (src/server/survey-findings.ts), comments and exports cover
// the same responses as the results and only from k of them, and every read
// of what people wrote is on the audit log, in the same batch as the read.
import type { Locale } from "#i18n/config.ts";
import type { Admin } from "./auth.ts";
import { dayOf, type Day } from "#lib/clock.ts";
import { participationSteps } from "#lib/anonymity/participation.ts";
import { parseTerms, pastTerm } from "#lib/retention.ts";
import { shuffled } from "#lib/shuffle.ts";
import { csvRows, exportHeader, formatAnswer, toCsv } from "#lib/surveys/export.ts";
import { FREE_TEXT_TYPES } from "#lib/surveys/questions.ts";
import { SURVEYS, type Survey } from "#lib/surveys/registry.ts";
import type { Comments, HrCodes, HrSurvey, Participation } from "#lib/surveys/tools.ts";
import type { AppEnv } from "./config.ts";
import { readAudiences, raiseAudience, type AudienceNow } from "./db/audiences.ts";
import { auditedBatch } from "./db/audit.ts";
import { answersDeleted } from "./db/retention.ts";
import {
  commentsStatement,
  countAnswered,
  countCurrentResponses,
  countResponsesByDay,
  readAnswersOf,
  responseIdsStatement,
} from "./db/surveys.ts";
import { countRedemptionsByDay, countTokens, createTokens, replaceToken, withdrawTokens } from "./db/tokens.ts";
import { HttpError } from "./http.ts";
import { answersK, countedUntil, overAudience, resultsOpenTo, stepKs, surveyFindings, type Findings } from "./survey-findings.ts";
import { summarize } from "./surveys.ts";
import { shortName } from "#lib/surveys/short-address.ts";

/**
 * Participation as HR sees it — the same steps as everyone (GET
 * /api/surveys/{id}/stats): a count that moved by one, polled, would be a
 * clock for someone's submission.
 */
async function participation(env: AppEnv, survey: Survey, today: Day, k: number, audience: number): Promise<Participation> {
  const steps = participationSteps(await countResponsesByDay(env, survey.id), countedUntil(survey, today), k);
  return {
    responses: steps.total,
    audience,
    rate: Math.round((steps.total / audience) * 1000) / 1000,
    perDay: steps.steps,
    before: steps.before,
  };
}

/**
 * An invitation survey's codes as HR sees them. Code use is a count of
 * taking part like any other: over whole days before today, in steps of at
 * least k (src/lib/anonymity/participation.ts), so a redemption never shows as it
 * happens — HR, who may know who holds which code, would see when someone
 * opened the form.
 */
async function codesOf(env: AppEnv, survey: Survey, today: Day, k: number, audience: number): Promise<HrCodes | null> {
  if (survey.access !== "invitation") return null;
  const [totals, redeemed] = await Promise.all([countTokens(env, [survey.id]), countRedemptionsByDay(env, survey.id)]);
  const { issued, withdrawn } = totals.get(survey.id)!;
  const used = participationSteps(redeemed, countedUntil(survey, today), k);
  return { issued, withdrawn, used: used.total, usedBefore: used.before, available: Math.max(0, audience - (issued - withdrawn)) };
}

export async function hrSurvey(
  env: AppEnv,
  survey: Survey,
  now: Date,
  ks?: Map<string, number>,
  audiences?: Map<string, AudienceNow>,
): Promise<HrSurvey> {
  const today = dayOf(now);
  const k = (ks ?? (await stepKs(env, [survey]))).get(survey.id)!;
  const audience = (audiences ?? (await readAudiences(env, [survey]))).get(survey.id)!;
  const [p, codes] = await Promise.all([
    participation(env, survey, today, k, audience.audience),
    codesOf(env, survey, today, k, audience.audience),
  ]);
  return {
    ...summarize(survey, env, today, audience),
    participation: p,
    codes,
    shortName: survey.access === "invitation" ? shortName(survey) : null,
  };
}

/** GET /api/admin/surveys: every survey, newest first. */
export async function hrSurveys(env: AppEnv, now: Date): Promise<HrSurvey[]> {
  const [ks, audiences] = await Promise.all([stepKs(env, SURVEYS), readAudiences(env, SURVEYS)]);
  return Promise.all(SURVEYS.map((s) => hrSurvey(env, s, now, ks, audiences)));
}

function notYet(survey: Survey, today: Day, what: string): HttpError {
  const message =
    today < survey.opens
      ? `This survey opens on ${survey.opens}.`
      : `HR sees the ${what} of this survey once it closes on ${survey.closes}, published once: anything read while answers still arrive could be read again later, and the two would differ by the answers in between.`;
  return new HttpError(409, "results_not_yet_available", message);
}

/** GET /api/admin/surveys/{id}/results: what the public results show, for every survey, hidden ones too. */
export async function hrResults(env: AppEnv, survey: Survey, now: Date): Promise<Findings> {
  const today = dayOf(now);
  if (resultsOpenTo(survey, today, "hr") !== "yes") throw notYet(survey, today, "results");
  return surveyFindings(env, survey, today, "hr");
}

/**
 * What comments and exports may cover: every response to the current
 * version, once the survey has closed, when there are at least k of them and
 * no more than its audience.
 */
async function coverage(env: AppEnv, survey: Survey, today: Day, what: string): Promise<{ responses: number; k: number }> {
  if (resultsOpenTo(survey, today, "hr") !== "yes") throw notYet(survey, today, what);
  const [k, responses] = await Promise.all([answersK(env, survey), countCurrentResponses(env, survey)]);
  const over = await overAudience(env, survey, responses);
  if (over) {
    throw new HttpError(
      409,
      "responses_exceed_audience",
      `${over.responses} responses arrived for an audience of ${over.audience}: more than the people the survey was for, so the ${what} are withheld. Someone answered who was not counted; if the audience was set too low, raise it (the raise is shown publicly).`,
    );
  }
  if (responses < k) {
    throw new HttpError(
      409,
      "too_few_responses",
      `Fewer than ${k} people have answered this survey: what they wrote is not shown until ${k} have.`,
    );
  }
  return { responses, k };
}

/** The most comments per question one read returns: everything at once up to here, a random sample beyond. */
export const COMMENT_CAP = 1000;

/**
 * GET /api/admin/surveys/{id}/comments: the free-text answers, per question,
 * and nothing else of the responses — no day, no language, no other answer —
 * in a new random order on every read, and only for a question at least k
 * people answered (one comment shown, among few, is its writer's). The read
 * and its audit row are one batch.
 */
export async function hrComments(env: AppEnv, survey: Survey, admin: Admin, now: Date): Promise<Comments> {
  const { responses, k } = await coverage(env, survey, dayOf(now), "comments");
  const free = survey.questions.filter((q) => FREE_TEXT_TYPES.includes(q.type));
  const answered = await countAnswered(
    env,
    survey,
    free.map((q) => q.name),
  );
  const shown = free.filter((q) => (answered.get(q.name) ?? 0) >= k);
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
      shown.map((q) => q.name),
      COMMENT_CAP,
    ),
  ]);
  const rows = read!.results as { question: string; text: string; total: number }[];
  return {
    id: survey.id,
    k,
    responses,
    cap: COMMENT_CAP,
    questions: free.map((q) => {
      if (!shown.includes(q)) return { name: q.name, title: q.title as Survey["title"], count: null, comments: [] };
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
 * name), and free text, which beside the rest of a person's answers would
 * say who wrote it to whoever knows some of them (it is read, apart, in the
 * comments). No day, no language. The audit row is written with the read of
 * the rows.
 */
export async function hrExport(env: AppEnv, survey: Survey, admin: Admin, now: Date, locale: Locale): Promise<Response> {
  // past their term the answers are deleted (src/server/retention.ts): a file of empty rows would say otherwise
  const { answerDays } = parseTerms(env).terms;
  if (pastTerm(survey.closes, answerDays, dayOf(now)) || (await answersDeleted(env, survey.id)))
    throw new HttpError(
      409,
      "answers_deleted",
      `This survey's answers are deleted ${answerDays} days after it closed (retention); its results keep their figures.`,
    );
  const { responses } = await coverage(env, survey, dayOf(now), "answers");
  const columns = survey.questions.filter((q) => !(survey.segments ?? []).includes(q.name) && !FREE_TEXT_TYPES.includes(q.type));
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
    responseIdsStatement(env, survey),
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

const notInvitation = () =>
  new HttpError(409, "survey_not_invitation_only", "This survey is open to everyone and takes no invitation codes.");

/**
 * POST /api/admin/surveys/{id}/tokens: new codes, as long as the codes that
 * can still be used (issued and not withdrawn) stay within the audience.
 */
export async function hrCreateCodes(
  env: AppEnv,
  survey: Survey,
  admin: Admin,
  now: Date,
  count: number,
): Promise<{ surveyId: string; codes: string[] }> {
  if (survey.access !== "invitation") throw notInvitation();
  const { audience } = (await readAudiences(env, [survey])).get(survey.id)!;
  const made = await createTokens(env, survey, count, { actor: admin.actor, at: now.toISOString() });
  if (made === "audience_reached") {
    const { issued, withdrawn } = (await countTokens(env, [survey.id])).get(survey.id)!;
    const left = Math.max(0, audience - (issued - withdrawn));
    throw new HttpError(
      409,
      "audience_reached",
      `This survey is for ${audience} people and ${issued - withdrawn} of its codes can still be used: at most ${left} more can be issued. If the audience is larger, raise it first (the raise is shown publicly).`,
    );
  }
  return { surveyId: survey.id, codes: made.codes };
}

/**
 * DELETE /api/admin/surveys/{id}/tokens: withdraws codes (every one not yet
 * withdrawn, or the one typed from a lost slip). The answer is the same
 * whether a code was used or not.
 */
export async function hrWithdrawCodes(env: AppEnv, survey: Survey, admin: Admin, now: Date, code?: string): Promise<{ withdrawn: number }> {
  if (survey.access !== "invitation") throw notInvitation();
  return { withdrawn: await withdrawTokens(env, survey.id, { actor: admin.actor, at: now.toISOString() }, code) };
}

/**
 * POST /api/admin/surveys/{id}/tokens/replace {code}: the code typed by HR
 * (from the slip of someone whose code was used up on a page that closed, or
 * lost) is withdrawn and one new code minted in its place, audited as one
 * action. The answer is the same whether the old code was used or not.
 */
export async function hrReplaceCode(
  env: AppEnv,
  survey: Survey,
  admin: Admin,
  now: Date,
  code: string,
): Promise<{ surveyId: string; code: string }> {
  if (survey.access !== "invitation") throw notInvitation();
  const replaced = await replaceToken(env, survey.id, code, { actor: admin.actor, at: now.toISOString() });
  if (replaced === "not_found") {
    throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
      fields: { code: "No code of this survey matches it, or it was withdrawn already: check the code." },
    });
  }
  return { surveyId: survey.id, code: replaced.code };
}

/**
 * PATCH /api/admin/surveys/{id} {audience}: raises the survey's audience —
 * never lowers it — with its audit row; the raise is shown on the survey's
 * public page. `from` is the audience HR was looking at: if another HR person
 * raised it meanwhile, 409 and nothing changes.
 */
export async function hrRaiseAudience(env: AppEnv, survey: Survey, admin: Admin, now: Date, to: number): Promise<HrSurvey> {
  const { audience } = (await readAudiences(env, [survey])).get(survey.id)!;
  if (to <= audience) {
    throw new HttpError(422, "validation_failed", "Some fields are missing or invalid.", {
      fields: { audience: `The audience can only be raised: it is ${audience} now.` },
    });
  }
  const outcome = await raiseAudience(env, survey, { from: audience, to, on: dayOf(now) }, { actor: admin.actor, at: now.toISOString() });
  if (outcome === "changed") throw new HttpError(409, "audience_changed", "Someone raised this survey's audience meanwhile: look again.");
  return hrSurvey(env, survey, now);
}
