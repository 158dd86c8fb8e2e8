// The retention run (docs/operations.md#retention): deletes what employees
// wrote once it is past its term, for real — rows deleted, texts emptied —
// and records each kind's count in the hash-chained audit log, in the same
// batch as the deletion. The scheduled job calls runRetention once a day;
// `npm run retention` calls it by hand and the tests call it with the clock
// moved past each term. Figures stay: survey results are read from their
// daily tallies (src/server/db/tallies.ts), rolled up before a survey's
// answers go, and the board counts ideas and supports, which stay.
import { dayOf } from "#lib/clock.ts";
import { commentsEnd, cutoff, pastTerm, readTerms, RETENTION_KINDS, type RetentionKind, type RetentionTerms } from "#lib/retention.ts";
import { FREE_TEXT_TYPES } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { auditedBatch, type BatchItem } from "./db/audit.ts";
import { rollUp } from "./db/tallies.ts";
import {
  countAnswers,
  countComments,
  countIdeaTextsBefore,
  countRetryRecords,
  deleteAnswers,
  deleteComments,
  deleteIdeaTextsBefore,
  deleteRetryRecords,
} from "./db/retention.ts";
import type { RetentionVars } from "./config.ts";

export const RETENTION_ACTOR = "retention";

export interface RetentionReport {
  day: string;
  terms: RetentionTerms;
  /** What was deleted, per kind: ideas whose texts were emptied, comments (answers) deleted, other answers deleted, retry records deleted. */
  deleted: Record<RetentionKind, number>;
}

type RetentionEnv = { DB: D1Database } & RetentionVars;

const freeText = (survey: (typeof SURVEYS)[number]) => survey.questions.filter((q) => FREE_TEXT_TYPES.includes(q.type)).map((q) => q.name);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The audit detail of a survey kind: the surveys and the smallest of their
 * counts, by which the public page suppresses a run's count that would tell
 * a small survey's count to whoever knows the others' (docs/anonymity.md).
 */
const perSurvey = (counts: Record<string, number>) => ({
  surveys: Object.keys(counts).sort(),
  smallest: Math.min(...Object.values(counts)),
});

/** An audited batch built by `build`, unless it has nothing to delete (D1 refuses an empty batch). */
async function deleteAudited(env: RetentionEnv, build: () => Promise<BatchItem[]>): Promise<void> {
  let first: BatchItem[] | undefined = await build();
  if (first.length === 0) return;
  await auditedBatch(env, async () => {
    const items = first ?? (await build());
    first = undefined;
    return items;
  });
}

/**
 * Deletes everything past its term on the day of `now`; one audit row per
 * kind that deleted something. The entry point of the scheduled Worker and
 * of `npm run retention`; throws, deleting nothing, on a malformed term.
 */
export async function runRetention(env: RetentionEnv, now: Date): Promise<RetentionReport> {
  const terms = readTerms(env);
  const today = dayOf(now);
  const at = now.toISOString();
  const deleted = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as Record<RetentionKind, number>;
  const audit = (kind: RetentionKind, count: number, detail: Record<string, unknown>) => ({
    audit: {
      at,
      actor: RETENTION_ACTOR,
      action: "retention.delete" as const,
      targetType: "retention" as const,
      targetId: kind,
      detail: { count, ...detail },
    },
  });

  // idea texts and private replies, N days after the idea was closed
  const ideasBefore = cutoff(today, terms.ideaTextDays);
  await deleteAudited(env, async () => {
    const n = await countIdeaTextsBefore(env, ideasBefore);
    deleted.ideaTexts = n;
    return n === 0
      ? []
      : [...deleteIdeaTextsBefore(env, ideasBefore), { ...audit("ideaTexts", n, { closedBefore: ideasBefore }), changed: n }];
  });

  // survey comments, N days after the next run of the series closed
  await deleteAudited(env, async () => {
    const items: BatchItem[] = [];
    const surveys: Record<string, number> = {};
    for (const survey of SURVEYS) {
      const { end, term } = commentsEnd(survey, SURVEYS, terms);
      if (!pastTerm(end, term, today)) continue;
      const questions = freeText(survey);
      if (questions.length === 0) continue;
      const count = await countComments(env, survey.id, questions);
      if (count === 0) continue;
      surveys[survey.id] = count;
      items.push(deleteComments(env, survey.id, questions));
    }
    const n = sum(surveys);
    deleted.surveyComments = n;
    return n === 0 ? [] : [...items, audit("surveyComments", n, perSurvey(surveys))];
  });

  // the other answers (what HR's CSV export holds), N days after the survey closed: the
  // results are first rolled up into the daily tallies they are read from, which stay
  const answersPast = SURVEYS.filter((s) => pastTerm(s.closes, terms.answerDays, today));
  for (const survey of answersPast) await rollUp(env, survey, today);
  await deleteAudited(env, async () => {
    const items: BatchItem[] = [];
    const surveys: Record<string, number> = {};
    for (const survey of answersPast) {
      const count = await countAnswers(env, survey.id, freeText(survey));
      if (count === 0) continue;
      surveys[survey.id] = count;
      items.push(...deleteAnswers(env, survey.id, freeText(survey), today));
    }
    const n = sum(surveys);
    deleted.surveyAnswers = n;
    return n === 0 ? [] : [...items, audit("surveyAnswers", n, perSurvey(surveys))];
  });

  // retry records: sealed receipts after N days, survey submission ids N days after the survey closed
  const retryBefore = cutoff(today, terms.retryDays);
  const closedSurveys = SURVEYS.filter((s) => pastTerm(s.closes, terms.retryDays, today)).map((s) => s.id);
  await deleteAudited(env, async () => {
    const n = await countRetryRecords(env, retryBefore, closedSurveys);
    deleted.retryRecords = n;
    return n === 0 ? [] : [...deleteRetryRecords(env, retryBefore, closedSurveys), audit("retryRecords", n, { before: retryBefore })];
  });

  return { day: today, terms, deleted };
}
