// The retention run (docs/operations.md#retention): deletes what employees
// wrote once it is past its term, for real — rows deleted, texts emptied —
// and records each kind's count in the hash-chained audit log, in the same
// batch as the deletion. The scheduled job calls runRetention once a day;
// `npm run retention` calls it by hand and the tests call it with the clock
// moved past each term. Figures stay: survey results are rolled up from the
// answers that are not free text, and the board counts ideas and supports,
// which stay.
import { dayOf } from "#lib/clock.ts";
import { commentsEnd, cutoff, pastTerm, readTerms, RETENTION_KINDS, type RetentionKind, type RetentionTerms } from "#lib/retention.ts";
import { FREE_TEXT_TYPES } from "#lib/surveys/questions.ts";
import { SURVEYS } from "#lib/surveys/registry.ts";
import { auditedBatch, type BatchItem } from "./db/audit.ts";
import {
  countComments,
  countIdeaTextsBefore,
  countRetryRecords,
  deleteComments,
  deleteIdeaTextsBefore,
  deleteRetryRecords,
} from "./db/retention.ts";
import type { RetentionVars } from "./config.ts";

export const RETENTION_ACTOR = "retention";

export interface RetentionReport {
  day: string;
  terms: RetentionTerms;
  /** What was deleted, per kind: ideas whose texts were emptied, comments (answers) deleted, retry records deleted. */
  deleted: Record<RetentionKind, number>;
}

type RetentionEnv = { DB: D1Database } & RetentionVars;

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

/** Deletes everything past its term on the day of `now`; one audit row per kind that deleted something. */
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
    const surveys: string[] = [];
    let n = 0;
    for (const survey of SURVEYS) {
      const { end, term } = commentsEnd(survey, SURVEYS, terms);
      if (!pastTerm(end, term, today)) continue;
      const questions = survey.questions.filter((q) => FREE_TEXT_TYPES.includes(q.type)).map((q) => q.name);
      if (questions.length === 0) continue;
      const count = await countComments(env, survey.id, questions);
      if (count === 0) continue;
      n += count;
      surveys.push(survey.id);
      items.push(deleteComments(env, survey.id, questions));
    }
    deleted.surveyComments = n;
    return n === 0 ? [] : [...items, audit("surveyComments", n, { surveys })];
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
