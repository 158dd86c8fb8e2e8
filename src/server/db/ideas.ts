// SQL for the suggestion box: ideas, their status history, messages and
// supports. Functions take `env` first; rows become domain objects in one
// mapper per shape. Writes that belong together go in one batch.
import {
  IDEA_STATUSES,
  LIMITS,
  takesSupport,
  type AdminIdea,
  type BoardIdea,
  type InboxItem,
  type InboxPage,
  type TInboxQuery,
  type TBoardQuery,
  type BoardStats,
  type IdeaCategory,
  type IdeaMessage,
  type IdeaStatus,
  type MessageAuthor,
  type MessageVisibility,
  type StatusChange,
  type TIdeaInput,
  type Verdict,
} from "#lib/ideas/model.ts";
import type { AuthorEvent } from "#lib/audit/model.ts";
import type { IdeaState } from "#lib/ideas/transitions.ts";
import { adminView, boardView, promise, textDeletedAfter, type IdeaParts, type StoredIdea } from "#lib/ideas/views.ts";
import { isPublishable } from "#lib/anonymity/threshold.ts";
import { participationSteps, type DayCount } from "#lib/anonymity/participation.ts";
import type { DbEnv } from "../config.ts";
import { addDays, daysBetween } from "#lib/clock.ts";
import { decodeCursor, encodeCursor } from "../cursor.ts";
import { Where } from "./where.ts";
import { dayModifier } from "../commit-day.ts";
import { recordedK, recordedKStatement } from "./published-k.ts";

// ---------------------------------------------------------------- rows

interface IdeaRow {
  id: string;
  receipt_hash: string;
  category: string;
  title: string;
  body: string;
  publish_consent: number;
  status: string;
  received_on: string;
  published: number;
  public_title: string | null;
  public_body: string | null;
  published_on: string | null;
  rewarded: number;
  duplicate_of: string | null;
  verdict: string | null;
  verdict_comment: string | null;
  verdict_on: string | null;
  verdict_before: string | null;
  verdict_before_comment: string | null;
  verdict_before_on: string | null;
  version: number;
  reward_note: string | null;
}

interface HistoryRow {
  idea_id: string;
  seq: number;
  status: string;
  on_day: string;
  note: string | null;
}

interface MessageRow {
  idea_id: string;
  seq: number;
  author: string;
  visibility: string;
  body: string;
  on_day: string;
}

/** An idea as stored: the views (src/lib/ideas/views.ts) say what each reader sees of it. */
export type Idea = StoredIdea;

function rowToIdea(row: IdeaRow): Idea {
  return {
    id: row.id,
    category: row.category as IdeaCategory,
    title: row.title,
    body: row.body,
    publishConsent: Boolean(row.publish_consent),
    status: row.status as IdeaStatus,
    receivedOn: row.received_on,
    published: Boolean(row.published),
    publicTitle: row.public_title,
    publicBody: row.public_body,
    publishedOn: row.published_on,
    rewarded: Boolean(row.rewarded),
    duplicateOf: row.duplicate_of,
    verdict: row.verdict as Verdict | null,
    verdictComment: row.verdict_comment,
    verdictOn: row.verdict_on,
    verdictBefore: row.verdict_before as Verdict | null,
    verdictBeforeComment: row.verdict_before_comment,
    verdictBeforeOn: row.verdict_before_on,
    rewardNote: row.reward_note,
    version: row.version,
  };
}

function rowToStatusChange(row: HistoryRow): StatusChange {
  return { status: row.status as IdeaStatus, on: row.on_day, note: row.note };
}

function rowToMessage(row: MessageRow): IdeaMessage {
  return { from: row.author as MessageAuthor, visibility: row.visibility as MessageVisibility, body: row.body, on: row.on_day };
}

function groupBy<R extends { idea_id: string }>(rows: R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.idea_id);
    if (list) list.push(row);
    else map.set(row.idea_id, [row]);
  }
  return map;
}

// ---------------------------------------------------------------- "me too" counts

/**
 * What a published "me too" count is computed from: the day the count is read
 * on, and the k the board steps with when it has recorded none yet
 * (MIN_GROUP_SIZE; the board records its k on its first read).
 */
export interface SupportSteps {
  today: string;
  minGroupSize: number;
}

interface SupportDayRow {
  idea_id: string;
  day: string;
  n: number;
}

/** Supports per idea and day, before `today` (bound as ?2), of one idea (?1). */
const supportDaysOf = (env: DbEnv, ideaId: string, today: string) =>
  env.DB.prepare("SELECT idea_id, on_day AS day, COUNT(*) AS n FROM idea_supports WHERE idea_id = ?1 AND on_day < ?2 GROUP BY on_day").bind(
    ideaId,
    today,
  );

/**
 * The "me too" count every reader sees — the board, the tracking page, the
 * answer to a support, HR's console: like every participation count, whole
 * past days only and in steps of at least k (src/lib/anonymity/participation.ts), so a
 * count polled twice never tells when someone supported an idea.
 */
function supportCounts(days: D1Result, today: string, k: number): Map<string, number> {
  const byIdea = new Map<string, DayCount[]>();
  for (const r of days.results as unknown as SupportDayRow[]) {
    const list = byIdea.get(r.idea_id) ?? [];
    list.push({ day: r.day, responses: r.n });
    byIdea.set(r.idea_id, list);
  }
  return new Map([...byIdea].map(([id, perDay]) => [id, participationSteps(perDay, today, k).total]));
}

// ---------------------------------------------------------------- author side

/** "receipt_taken": the receipt hash already exists (retry with a new code); "submission_taken": a concurrent retry stored it. */
export type InsertOutcome = "stored" | "receipt_taken" | "submission_taken";

/**
 * The idea, its first status and (when the client sent a submission id) the
 * replay record, in one batch. Replay records of ideas received before
 * `forgetSubmissionsBefore` are deleted on the way: a retry comes within
 * minutes, so keeping the sealed receipts longer would only keep a link
 * between an idea and whoever still holds its submission id.
 */
export async function insertIdea(
  env: DbEnv,
  idea: {
    id: string;
    receiptHash: string;
    input: TIdeaInput;
    /** Days the clock is pinned away from the real date (0 when deployed): the day itself is read at commit. */
    dayOffset?: number;
    /** Demo data and tests only: the day to store, as is. */
    day?: string;
    submission?: { hash: string; sealedReceipt: string };
    forgetSubmissionsBefore?: string;
  },
): Promise<InsertOutcome> {
  const { id, receiptHash, input, dayOffset = 0, day: fixedDay, submission, forgetSubmissionsBefore } = idea;
  // The day is read by the batch itself, at commit: an idea whose request
  // began before midnight and committed after it carries the later day, so a
  // past day's count never changes (src/lib/anonymity/participation.ts).
  const day = dayModifier(dayOffset);
  try {
    await env.DB.batch([
      // the day is the idea's received_on (a primary-key look-up per record): no second copy of it to keep in step
      ...(forgetSubmissionsBefore
        ? [
            env.DB.prepare(
              "DELETE FROM idea_submissions WHERE (SELECT received_on FROM ideas WHERE ideas.id = idea_submissions.idea_id) < ?1",
            ).bind(forgetSubmissionsBefore),
          ]
        : []),
      env.DB.prepare(
        `INSERT INTO ideas (id, receipt_hash, category, title, body, publish_consent, status, received_on)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', COALESCE(?8, date('now', ?7)))`,
      ).bind(id, receiptHash, input.category, input.title, input.body, input.publishConsent ? 1 : 0, day, fixedDay ?? null),
      env.DB.prepare(
        "INSERT INTO idea_status_history (idea_id, seq, status, on_day, note) SELECT ?1, 1, 'received', received_on, NULL FROM ideas WHERE id = ?1",
      ).bind(id),
      ...(submission
        ? [
            env.DB.prepare("INSERT INTO idea_submissions (submission_hash, idea_id, sealed_receipt) VALUES (?1, ?2, ?3)").bind(
              submission.hash,
              id,
              submission.sealedReceipt,
            ),
          ]
        : []),
    ]);
    return "stored";
  } catch (err) {
    if (/UNIQUE constraint failed: ideas\.receipt_hash/.test(String(err))) return "receipt_taken";
    if (/UNIQUE constraint failed: idea_submissions\.submission_hash/.test(String(err))) return "submission_taken";
    throw err;
  }
}

/** The sealed receipt of an earlier submission with this id hash, and the day its idea was received, if any. */
export async function findSubmission(env: DbEnv, submissionHash: string): Promise<{ sealedReceipt: string; receivedOn: string } | null> {
  const row = await env.DB.prepare(
    "SELECT s.sealed_receipt, i.received_on FROM idea_submissions s JOIN ideas i ON i.id = s.idea_id WHERE s.submission_hash = ?1",
  )
    .bind(submissionHash)
    .first<{ sealed_receipt: string; received_on: string }>();
  return row === null ? null : { sealedReceipt: row.sealed_receipt, receivedOn: row.received_on };
}

/** The one lookup a receipt allows: by its hash, through the unique index. */
export async function findIdeaByReceiptHash(env: DbEnv, receiptHash: string): Promise<Idea | null> {
  const row = await env.DB.prepare("SELECT * FROM ideas WHERE receipt_hash = ?1").bind(receiptHash).first<IdeaRow>();
  return row === null ? null : rowToIdea(row);
}

export async function readIdea(env: DbEnv, id: string): Promise<Idea | null> {
  const row = await env.DB.prepare("SELECT * FROM ideas WHERE id = ?1").bind(id).first<IdeaRow>();
  return row === null ? null : rowToIdea(row);
}

/** An idea's timeline, its whole conversation and its published "me too" count: what every view is built from. */
export async function readIdeaParts(env: DbEnv, ideaId: string, steps: SupportSteps): Promise<IdeaParts> {
  const [history, messages, supports, k] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM idea_status_history WHERE idea_id = ?1 ORDER BY seq").bind(ideaId),
    env.DB.prepare("SELECT * FROM idea_messages WHERE idea_id = ?1 ORDER BY seq").bind(ideaId),
    supportDaysOf(env, ideaId, steps.today),
    recordedKStatement(env, "board"),
  ]);
  return {
    history: (history!.results as unknown as HistoryRow[]).map(rowToStatusChange),
    messages: (messages!.results as unknown as MessageRow[]).map(rowToMessage),
    supportCount: supportCounts(supports!, steps.today, recordedK(k!, steps.minGroupSize)).get(ideaId) ?? 0,
  };
}

function nextSeq(table: "idea_messages" | "idea_status_history"): string {
  return `(SELECT COALESCE(MAX(seq), 0) + 1 FROM ${table} WHERE idea_id = ?1)`;
}

/** An anonymous reply from the author; false when the conversation already holds the maximum number of replies. */
export async function addAuthorMessage(env: DbEnv, ideaId: string, body: string, day: string): Promise<boolean> {
  const result = await env.DB.prepare(
    `INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day)
       SELECT ?1, ${nextSeq("idea_messages")}, 'author', 'private', ?2, ?3
       WHERE (SELECT COUNT(*) FROM idea_messages WHERE idea_id = ?1 AND author = 'author') < ?4`,
  )
    .bind(ideaId, body, day, LIMITS.authorMessagesMax)
    .run();
  return result.meta.changes === 1;
}

export async function countHrMessages(env: DbEnv, ideaId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM idea_messages WHERE idea_id = ?1 AND author = 'hr'")
    .bind(ideaId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The author's verdict on HR's answer; saying it again replaces it. The
 * verdict it replaces, if it was given on an earlier day, is kept as
 * `verdict_before`: HR and the board go on seeing it until the day
 * boundary (shownVerdictSql), so a verdict changed today shows no change today.
 */
export async function setVerdict(env: DbEnv, ideaId: string, verdict: Verdict, comment: string | null, day: string): Promise<void> {
  await env.DB.prepare(
    `UPDATE ideas SET
       verdict_before = CASE WHEN verdict_on < ?4 THEN verdict ELSE verdict_before END,
       verdict_before_comment = CASE WHEN verdict_on < ?4 THEN verdict_comment ELSE verdict_before_comment END,
       verdict_before_on = CASE WHEN verdict_on < ?4 THEN verdict_on ELSE verdict_before_on END,
       verdict = ?2, verdict_comment = ?3, verdict_on = ?4
     WHERE id = ?1`,
  )
    .bind(ideaId, verdict, comment, day)
    .run();
}

/**
 * The SQL form of the verdict rule (src/lib/ideas/views.ts, shownVerdict), for
 * an idea aliased `i`, with `today` a parameter: what the inbox filters and
 * counts by and the author's side of the log lists.
 */
export function shownVerdictSql(today: string): { verdict: string; comment: string; on: string } {
  const pick = (now: string, before: string) =>
    `CASE WHEN i.verdict_on < ${today} THEN i.${now} WHEN i.verdict_before_on < ${today} THEN i.${before} END`;
  return {
    verdict: pick("verdict", "verdict_before"),
    comment: pick("verdict_comment", "verdict_before_comment"),
    on: pick("verdict_on", "verdict_before_on"),
  };
}

// ---------------------------------------------------------------- public board

/** The most ideas one board answer carries; `truncated` says when more matched. */
export const BOARD_MAX = 500;

/**
 * Published ideas for the board, with HR's moderated text, public answers
 * and timeline: newest first, or most supported first by the published
 * (stepped) "me too" count, at most `max` of them. Two calls: the ids of every
 * matching idea with their supports per past day, to order them by counts a
 * reader may see (an order by the exact count would move when one person
 * supports an idea); then the page itself.
 */
export async function listBoard(
  env: DbEnv,
  query: TBoardQuery,
  options: { today: string; stepK: number },
  max = BOARD_MAX,
): Promise<{ ideas: BoardIdea[]; truncated: boolean }> {
  const filters = ["i.published = 1"];
  const params: string[] = [];
  if (query.status) {
    params.push(query.status);
    filters.push(`i.status = ?${params.length}`);
  }
  if (query.category) {
    params.push(query.category);
    filters.push(`i.category = ?${params.length}`);
  }
  const where = filters.join(" AND ");
  if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be a positive integer");
  const [matching, days] = await env.DB.batch([
    env.DB.prepare(`SELECT i.id, i.published_on FROM ideas i WHERE ${where}`).bind(...params),
    env.DB.prepare(
      `SELECT s.idea_id, s.on_day AS day, COUNT(*) AS n FROM idea_supports s JOIN ideas i ON i.id = s.idea_id
         WHERE ${where} AND s.on_day < ?${params.length + 1} GROUP BY s.idea_id, s.on_day`,
    ).bind(...params, options.today),
  ]);
  const counts = supportCounts(days!, options.today, options.stepK);
  const count = (id: string) => counts.get(id) ?? 0;
  const byDay = (a: { published_on: string }, b: { published_on: string }) => b.published_on.localeCompare(a.published_on);
  const ordered = (matching!.results as { id: string; published_on: string }[]).sort(
    (a, b) =>
      (query.sort === "support" ? count(b.id) - count(a.id) || byDay(a, b) : byDay(a, b) || count(b.id) - count(a.id)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const page = ordered.slice(0, max).map((r) => r.id);
  const ids = JSON.stringify(page);
  const [ideas, history, messages] = await env.DB.batch([
    env.DB.prepare(
      `SELECT i.*, (SELECT d.published FROM ideas d WHERE d.id = i.duplicate_of) AS duplicate_published
         FROM ideas i WHERE i.id IN (SELECT value FROM json_each(?1))`,
    ).bind(ids),
    env.DB.prepare(
      "SELECT h.* FROM idea_status_history h WHERE h.idea_id IN (SELECT value FROM json_each(?1)) ORDER BY h.idea_id, h.seq",
    ).bind(ids),
    env.DB.prepare("SELECT m.* FROM idea_messages m WHERE m.idea_id IN (SELECT value FROM json_each(?1)) ORDER BY m.idea_id, m.seq").bind(
      ids,
    ),
  ]);
  const historyById = groupBy(history!.results as unknown as HistoryRow[]);
  const messagesById = groupBy(messages!.results as unknown as MessageRow[]);
  const rowsById = new Map(
    (ideas!.results as unknown as (IdeaRow & { duplicate_published: number | null })[]).map((row) => [row.id, row] as const),
  );
  const list = page.flatMap((id): BoardIdea[] => {
    const row = rowsById.get(id);
    // unpublished between the two calls: left out (boardView), as it would be a moment later
    const shown =
      row &&
      boardView(
        rowToIdea(row),
        {
          history: (historyById.get(id) ?? []).map(rowToStatusChange),
          messages: (messagesById.get(id) ?? []).map(rowToMessage),
          supportCount: count(id),
          duplicatePublished: row.duplicate_published === 1,
        },
        options.today,
      );
    return shown ? [shown] : [];
  });
  return { ideas: list, truncated: ordered.length > max };
}

export type SupportOutcome = "added" | "already" | "closed" | "not_found";

/**
 * One support per idea and browser token hash, dated the day it commits;
 * only published ideas that are still open (not done, declined or a
 * duplicate) can be supported. The count returned is the published one
 * (supportCounts): a support given today is not in it yet.
 */
export async function addSupport(
  env: DbEnv,
  ideaId: string,
  tokenHash: string,
  options: SupportSteps & { dayOffset: number },
): Promise<{ outcome: SupportOutcome; count: number }> {
  // the statuses are fixed words from the vocabulary, not input: safe to write into the statement
  const closed = IDEA_STATUSES.filter((s) => !takesSupport(s))
    .map((s) => `'${s}'`)
    .join(", ");
  const [inserted, state, days, k] = await env.DB.batch([
    env.DB.prepare(
      `INSERT OR IGNORE INTO idea_supports (idea_id, token_hash, on_day)
         SELECT id, ?2, date('now', ?3) FROM ideas WHERE id = ?1 AND published = 1 AND status NOT IN (${closed})`,
    ).bind(ideaId, tokenHash, dayModifier(options.dayOffset)),
    env.DB.prepare("SELECT published, status FROM ideas WHERE id = ?1").bind(ideaId),
    supportDaysOf(env, ideaId, options.today),
    recordedKStatement(env, "board"),
  ]);
  const row = state!.results[0] as { published: number; status: IdeaStatus } | undefined;
  if (row?.published !== 1) return { outcome: "not_found", count: 0 };
  const count = supportCounts(days!, options.today, recordedK(k!, options.minGroupSize)).get(ideaId) ?? 0;
  if (inserted!.meta.changes === 1) return { outcome: "added", count };
  return { outcome: takesSupport(row.status) ? "already" : "closed", count };
}

export type WithdrawOutcome = "removed" | "not_supported" | "not_found";

/** Takes back this token's support of a published idea, whatever its status; the count returned is the published one. */
export async function removeSupport(
  env: DbEnv,
  ideaId: string,
  tokenHash: string,
  options: SupportSteps,
): Promise<{ outcome: WithdrawOutcome; count: number }> {
  const [deleted, state, days, k] = await env.DB.batch([
    env.DB.prepare(
      `DELETE FROM idea_supports
         WHERE idea_id = ?1 AND token_hash = ?2 AND EXISTS (SELECT 1 FROM ideas WHERE id = ?1 AND published = 1)`,
    ).bind(ideaId, tokenHash),
    env.DB.prepare("SELECT published FROM ideas WHERE id = ?1").bind(ideaId),
    supportDaysOf(env, ideaId, options.today),
    recordedKStatement(env, "board"),
  ]);
  const row = state!.results[0] as { published: number } | undefined;
  if (row?.published !== 1) return { outcome: "not_found", count: 0 };
  const count = supportCounts(days!, options.today, recordedK(k!, options.minGroupSize)).get(ideaId) ?? 0;
  return { outcome: deleted!.meta.changes === 1 ? "removed" : "not_supported", count };
}

/**
 * The first day HR moved an idea past "received" or answered it (null while
 * unacknowledged), for an idea aliased `i`: one definition for the inbox and
 * the board's acknowledgement figures.
 */
export const ACK_ON_SQL = `(SELECT MIN(d) FROM (
    SELECT MIN(m.on_day) AS d FROM idea_messages m WHERE m.idea_id = i.id AND m.author = 'hr'
    UNION ALL
    SELECT MIN(h.on_day) FROM idea_status_history h WHERE h.idea_id = i.id AND h.status <> 'received'))`;

/**
 * Board transparency figures, all on one base: the ideas received up to the
 * last step (`receivedUpTo`), a participation count that leaves out today and
 * moves in steps of at least `stepK` (src/lib/anonymity/participation.ts) — polled, a
 * count that moves by one tells when someone sent an idea. No figure counts
 * an idea outside that base, so none can exceed it.
 *
 * - Acknowledgement: an idea is acknowledged on the first day HR moved it
 *   past "received" or answered it. Due are the base's whole steps whose last
 *   day is more than the promised days ago (all their ideas' windows have
 *   passed, so whether each was acknowledged in time is settled). Counting
 *   overdue ideas one by one would move the figure by the number of ideas
 *   that arrived on one day; counted by steps it moves by a step at a time.
 * - The median days to a first HR answer, over the base's answered ideas.
 * - Verdicts on the base's published ideas (an unpublished idea's verdict is
 *   its author's and HR's business), in steps by the day they were given.
 *
 * A share or median over fewer than k ideas is withheld, like any
 * small-group aggregate. SQL counts per day; the steps are cut here, by the
 * one rule every participation count goes through.
 */
export async function boardStats(
  env: DbEnv,
  options: { today: string; ackPromiseDays: number; minGroupSize: number; stepK: number },
): Promise<BoardStats> {
  const [perDay, firstAnswers, verdictRows] = await env.DB.batch([
    // per past day of arrival: the ideas, and how many of them HR acknowledged within the promise
    env.DB.prepare(
      `WITH acks AS (SELECT i.received_on, ${ACK_ON_SQL} AS ack_on FROM ideas i WHERE i.received_on < ?1)
       SELECT received_on AS day, COUNT(*) AS n,
         COALESCE(SUM(ack_on IS NOT NULL AND julianday(ack_on) - julianday(received_on) <= ?2), 0) AS ack_within
       FROM acks GROUP BY received_on`,
    ).bind(options.today, options.ackPromiseDays),
    // per day of arrival: how many ideas HR first answered after how many days
    env.DB.prepare(
      `WITH d AS (
         SELECT i.received_on AS day, julianday(MIN(m.on_day)) - julianday(i.received_on) AS days
         FROM ideas i JOIN idea_messages m ON m.idea_id = i.id AND m.author = 'hr'
         WHERE i.received_on < ?1
         GROUP BY i.id
       )
       SELECT day, days, COUNT(*) AS n FROM d GROUP BY day, days`,
    ).bind(options.today),
    // verdicts on published ideas given before today, per day of arrival and day of verdict
    env.DB.prepare(
      `SELECT received_on AS day, verdict_on, COUNT(*) AS n, SUM(verdict = 'resolved') AS resolved
         FROM ideas WHERE published = 1 AND verdict IS NOT NULL AND verdict_on < ?1 AND received_on < ?1
         GROUP BY received_on, verdict_on`,
    ).bind(options.today),
  ]);
  const k = options.minGroupSize;
  const days = perDay!.results as { day: string; n: number; ack_within: number }[];
  const base = participationSteps(
    days.map((r) => ({ day: r.day, responses: r.n })),
    options.today,
    options.stepK,
  );
  const inBase = (day: string) => day < base.before;

  const dueSteps = base.steps.filter((s) => daysBetween(s.day, options.today) > options.ackPromiseDays);
  const dueBefore = dueSteps.length > 0 ? addDays(dueSteps.at(-1)!.day, 1) : "";
  const ackDue = dueSteps.reduce((n, s) => n + s.responses, 0);
  const ackWithin = days.filter((r) => r.day < dueBefore).reduce((n, r) => n + r.ack_within, 0);

  const answers = (firstAnswers!.results as { day: string; days: number; n: number }[]).filter((r) => inBase(r.day));
  const answered = answers.reduce((n, r) => n + r.n, 0);

  const verdictDays = new Map<string, { n: number; resolved: number }>();
  for (const r of verdictRows!.results as { day: string; verdict_on: string; n: number; resolved: number }[]) {
    if (!inBase(r.day)) continue;
    const sum = verdictDays.get(r.verdict_on) ?? { n: 0, resolved: 0 };
    verdictDays.set(r.verdict_on, { n: sum.n + r.n, resolved: sum.resolved + r.resolved });
  }
  const verdictSteps = participationSteps(
    [...verdictDays].map(([day, v]) => ({ day, responses: v.n })),
    options.today,
    options.stepK,
  );
  const resolved = [...verdictDays].filter(([day]) => day < verdictSteps.before).reduce((n, [, v]) => n + v.resolved, 0);

  const ackShown = isPublishable(ackDue, k);
  const answeredShown = isPublishable(answered, k);
  const verdictsShown = isPublishable(verdictSteps.total, k);
  return {
    received: base.total,
    receivedUpTo: base.steps.at(-1)?.day ?? null,
    ackPromiseDays: options.ackPromiseDays,
    ackDue,
    ackWithinPromise: ackShown ? ackWithin : null,
    ackShare: ackShown ? ackWithin / ackDue : null,
    answered,
    medianDaysToFirstAnswer: answeredShown ? median(answers.map((r) => ({ value: r.days, n: r.n }))) : null,
    verdicts: verdictSteps.total,
    resolved: verdictsShown ? resolved : null,
    resolvedShare: verdictsShown ? resolved / verdictSteps.total : null,
    minGroupSize: k,
  };
}

/** The median of values given with their multiplicity (the mean of the middle two for an even count). */
function median(counts: { value: number; n: number }[]): number | null {
  const sorted = [...counts].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, c) => n + c.n, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.n;
      if (rank < seen) return c.value;
    }
    return sorted.at(-1)!.value;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

// ---------------------------------------------------------------- HR side
// The console's reads, and its writes as statements: the service
// (src/server/admin-ideas.ts) puts each in one batch with its audit row.

/** Writes HR's next state (src/lib/ideas/transitions.ts) in one UPDATE that also steps `version` (the trigger refuses a stale one). */
export function updateStateStatement(env: DbEnv, ideaId: string, readVersion: number, next: IdeaState): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE ideas SET version = ?2 + 1, status = ?3, published = ?4, public_title = ?5, public_body = ?6, published_on = ?7,
       rewarded = ?8, reward_note = ?9, duplicate_of = ?10
     WHERE id = ?1`,
  ).bind(
    ideaId,
    readVersion,
    next.status,
    next.published ? 1 : 0,
    next.publicTitle,
    next.publicBody,
    next.publishedOn,
    next.rewarded ? 1 : 0,
    next.rewardNote,
    next.duplicateOf,
  );
}

/** Steps `version` by one whatever it is: a change that does not depend on the state HR saw (an answer). */
export function stepVersionStatement(env: DbEnv, ideaId: string): D1PreparedStatement {
  return env.DB.prepare("UPDATE ideas SET version = version + 1 WHERE id = ?1").bind(ideaId);
}

export function statusHistoryStatement(
  env: DbEnv,
  ideaId: string,
  status: IdeaStatus,
  day: string,
  note: string | null,
): D1PreparedStatement {
  return env.DB.prepare(
    `INSERT INTO idea_status_history (idea_id, seq, status, on_day, note) VALUES (?1, ${nextSeq("idea_status_history")}, ?2, ?3, ?4)`,
  ).bind(ideaId, status, day, note);
}

export function hrMessageStatement(
  env: DbEnv,
  ideaId: string,
  visibility: MessageVisibility,
  body: string,
  day: string,
): D1PreparedStatement {
  return env.DB.prepare(
    `INSERT INTO idea_messages (idea_id, seq, author, visibility, body, on_day)
     VALUES (?1, ${nextSeq("idea_messages")}, 'hr', ?2, ?3, ?4)`,
  ).bind(ideaId, visibility, body, day);
}

interface AdminExtrasRow {
  ack_on: string | null;
  dup_id: string | null;
  dup_title: string | null;
  dup_status: string | null;
}

/**
 * Everything HR sees of one idea (src/lib/ideas/views.ts, adminView), or null
 * — also for an idea received today, which reaches HR tomorrow. `today` and
 * the promise decide "overdue".
 */
export async function readAdminIdea(
  env: DbEnv,
  id: string,
  options: SupportSteps & { ackPromiseDays: number; ideaTextDays: number },
): Promise<AdminIdea | null> {
  const [ideaRows, history, messages, supports, k] = await env.DB.batch([
    env.DB.prepare(
      `SELECT i.*, ${ACK_ON_SQL} AS ack_on, d.id AS dup_id, d.title AS dup_title, d.status AS dup_status
       FROM ideas i LEFT JOIN ideas d ON d.id = i.duplicate_of WHERE i.id = ?1`,
    ).bind(id),
    env.DB.prepare("SELECT * FROM idea_status_history WHERE idea_id = ?1 ORDER BY seq").bind(id),
    env.DB.prepare("SELECT * FROM idea_messages WHERE idea_id = ?1 ORDER BY seq").bind(id),
    // HR reads the count the board shows: polling the console tells no one when someone supported an idea either
    supportDaysOf(env, id, options.today),
    recordedKStatement(env, "board"),
  ]);
  const row = ideaRows!.results[0] as (IdeaRow & AdminExtrasRow) | undefined;
  if (!row) return null;
  return adminView(
    rowToIdea(row),
    {
      history: (history!.results as unknown as HistoryRow[]).map(rowToStatusChange),
      messages: (messages!.results as unknown as MessageRow[]).map(rowToMessage),
      supportCount: supportCounts(supports!, options.today, recordedK(k!, options.minGroupSize)).get(id) ?? 0,
      acknowledgedOn: row.ack_on,
      duplicate: row.dup_id ? { id: row.dup_id, title: row.dup_title!, status: row.dup_status as IdeaStatus } : null,
    },
    options,
  );
}

/**
 * The author's replies and verdict on one idea, newest day first, to the day
 * only (see AuthorEvent), as HR sees them: from before today, of an idea
 * received before today.
 */
export async function readAuthorSide(env: DbEnv, ideaId: string, today: string): Promise<AuthorEvent[]> {
  const shown = shownVerdictSql("?2");
  const [replies, verdicts] = await env.DB.batch<{ on_day: string; verdict?: Verdict }>([
    env.DB.prepare(
      `SELECT m.on_day FROM idea_messages m JOIN ideas i ON i.id = m.idea_id
       WHERE m.idea_id = ?1 AND m.author = 'author' AND m.on_day < ?2 AND i.received_on < ?2 ORDER BY m.seq`,
    ).bind(ideaId, today),
    env.DB.prepare(
      `SELECT * FROM (SELECT ${shown.on} AS on_day, ${shown.verdict} AS verdict FROM ideas i WHERE i.id = ?1 AND i.received_on < ?2)
       WHERE verdict IS NOT NULL`,
    ).bind(ideaId, today),
  ]);
  // newest first; within a day the verdict (the author's last word) leads, then the replies, newest first
  const events: AuthorEvent[] = [
    ...verdicts!.results.map((r): AuthorEvent => ({ on: r.on_day, kind: "verdict", verdict: r.verdict! })),
    ...replies!.results.map((r): AuthorEvent => ({ on: r.on_day, kind: "reply" })).reverse(),
  ];
  return events.sort((a, b) => b.on.localeCompare(a.on));
}

export const INBOX_PAGE = 50;

interface InboxRow {
  id: string;
  category: string;
  title: string;
  status: string;
  received_on: string;
  published: number;
  rewarded: number;
  verdict: string | null;
  ack_on: string | null;
  answered: number;
  awaiting: number;
  rank: number;
}

/**
 * The inbox, in the order HR should work through it: open ideas nobody has
 * answered yet, or whose author wrote last (rank 0), then other open ideas
 * (1), then closed ones (2); oldest first within each. Keyset paging on
 * (rank, received_on, id). Search is a substring match (instr) over the
 * original and moderated text and the id: FTS5's tokenizers cannot find a
 * two-character Chinese word inside a sentence, and at 10,000 ideas a search
 * costs about three times a health check (`npm run bench admin`).
 */
export async function listInbox(
  env: DbEnv,
  query: TInboxQuery,
  options: SupportSteps & { ackPromiseDays: number; ideaTextDays: number },
): Promise<InboxPage> {
  // ?1 today, ?2 the promise in days: used by the ranking below
  const where = new Where(options.today, options.ackPromiseDays);
  if (query.status) where.add((n) => `status = ?${n}`, query.status);
  if (query.category) where.add((n) => `category = ?${n}`, query.category);
  if (query.verdict) where.add((n) => `verdict = ?${n}`, query.verdict);
  if (query.overdue !== undefined) where.add(() => (query.overdue ? "overdue = 1" : "overdue = 0"));
  if (query.q !== undefined && query.q.trim() !== "") {
    where.add(
      (n) =>
        `(id = lower(?${n}) OR instr(lower(title), lower(?${n})) > 0 OR instr(lower(body), lower(?${n})) > 0
          OR instr(lower(COALESCE(public_title, '')), lower(?${n})) > 0 OR instr(lower(COALESCE(public_body, '')), lower(?${n})) > 0)`,
      query.q.trim(),
    );
  }
  if (query.cursor) {
    const [rank, day, id] = decodeCursor(query.cursor, ["n", "s", "s"] as const);
    where.add(
      (r, d, i) => `(rank > ?${r} OR (rank = ?${r} AND received_on > ?${d}) OR (rank = ?${r} AND received_on = ?${d} AND id > ?${i}))`,
      rank,
      day,
      id,
    );
  }
  const limit = query.limit ?? INBOX_PAGE;
  // What employees did today is left out until tomorrow — ideas, replies, verdicts (see readAdminIdea) —
  // so the counts, filters and order move only at the day boundary, or with HR's own changes.
  const base = `WITH base AS (
      SELECT i.id, i.category, i.title, i.body, i.public_title, i.public_body, i.status, i.received_on, i.published, i.rewarded,
        ${shownVerdictSql("?1").verdict} AS verdict,
        ${ACK_ON_SQL} AS ack_on,
        EXISTS (SELECT 1 FROM idea_messages m WHERE m.idea_id = i.id AND m.author = 'hr') AS answered,
        COALESCE((SELECT m.author = 'author' FROM idea_messages m
                  WHERE m.idea_id = i.id AND (m.author = 'hr' OR m.on_day < ?1) ORDER BY m.seq DESC LIMIT 1), 0) AS awaiting
      FROM ideas i WHERE i.received_on < ?1
    ), ranked AS (
      SELECT *, (ack_on IS NULL AND julianday(?1) - julianday(received_on) > ?2) AS overdue,
        CASE WHEN status IN ('done', 'declined', 'duplicate') THEN 2 WHEN answered = 0 OR awaiting = 1 THEN 0 ELSE 1 END AS rank
      FROM base
    )`;
  const pageSql = `SELECT r.* FROM ranked r ${where} ORDER BY rank, received_on, id LIMIT ${limit + 1}`;
  const [page, counts, supports, k] = await env.DB.batch([
    env.DB.prepare(`${base} ${pageSql}`).bind(...where.params),
    env.DB.prepare(
      `${base} SELECT status, COUNT(*) AS n, SUM(overdue) AS overdue, SUM(verdict = 'not_resolved') AS contested FROM ranked GROUP BY status`,
    ).bind(options.today, options.ackPromiseDays),
    // the page's supports per past day (?1 is today): HR reads the counts the board shows
    env.DB.prepare(
      `${base}, shown AS (${pageSql})
       SELECT s.idea_id, s.on_day AS day, COUNT(*) AS n FROM idea_supports s
       WHERE s.on_day < ?1 AND s.idea_id IN (SELECT id FROM shown) GROUP BY s.idea_id, s.on_day`,
    ).bind(...where.params),
    recordedKStatement(env, "board"),
  ]);
  const supportCount = supportCounts(supports!, options.today, recordedK(k!, options.minGroupSize));
  const rows = page!.results as unknown as InboxRow[];
  const ideas = rows.slice(0, limit).map((row): InboxItem => ({
    id: row.id,
    category: row.category as IdeaCategory,
    title: row.title,
    textDeletedAfterDays: textDeletedAfter(row.title, options.ideaTextDays),
    status: row.status as IdeaStatus,
    receivedOn: row.received_on,
    ...promise(row.received_on, row.ack_on, options.today, options.ackPromiseDays),
    acknowledged: row.ack_on !== null,
    answered: Boolean(row.answered),
    awaitingReply: Boolean(row.awaiting),
    published: Boolean(row.published),
    rewarded: Boolean(row.rewarded),
    verdict: row.verdict as Verdict | null,
    supportCount: supportCount.get(row.id) ?? 0,
  }));
  const tally = Object.fromEntries(IDEA_STATUSES.map((s) => [s, 0])) as InboxPage["counts"];
  tally.total = tally.overdue = tally.contested = 0;
  for (const c of counts!.results as unknown as { status: IdeaStatus; n: number; overdue: number; contested: number }[]) {
    tally[c.status] = c.n;
    tally.total += c.n;
    tally.overdue += c.overdue;
    tally.contested += c.contested;
  }
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { counts: tally, ideas, nextCursor: last ? encodeCursor([last.rank, last.received_on, last.id]) : null };
}

/**
 * The titles HR sees in the inbox of these ideas (those received before
 * today, as everywhere in the console), for the audit log: a title, never
 * anything of who wrote it.
 */
export async function ideaTitles(env: DbEnv, ids: readonly string[], today: string): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 90) chunks.push(unique.slice(i, i + 90)); // D1 binds at most 100 parameters
  if (chunks.length === 0) return new Map();
  const answers = await env.DB.batch(
    chunks.map((chunk) =>
      env.DB.prepare(`SELECT id, title FROM ideas WHERE received_on < ?1 AND id IN (${chunk.map((_, i) => `?${i + 2}`).join(", ")})`).bind(
        today,
        ...chunk,
      ),
    ),
  );
  return new Map(answers.flatMap((a) => (a.results as { id: string; title: string }[]).map((r) => [r.id, r.title] as const)));
}

/**
 * What waits in HR's inbox, for the daily digest (src/server/digest.ts),
 * counted as the inbox counts (listInbox above): only what arrived before
 * today; ideas and authors' replies new from `since`; open ideas nobody in
 * HR answered or whose author wrote last; ideas past the acknowledgement
 * promise. Counts only: no title, no text.
 */
export async function ideaDigestCounts(
  env: DbEnv,
  since: string,
  today: string,
  ackPromiseDays: number,
): Promise<{ received: number; replies: number; waiting: number; overdue: number }> {
  const row = await env.DB.prepare(
    `WITH base AS (
      SELECT i.status, i.received_on, ${ACK_ON_SQL} AS ack_on,
        EXISTS (SELECT 1 FROM idea_messages m WHERE m.idea_id = i.id AND m.author = 'hr') AS answered,
        COALESCE((SELECT m.author = 'author' FROM idea_messages m
                  WHERE m.idea_id = i.id AND (m.author = 'hr' OR m.on_day < ?2) ORDER BY m.seq DESC LIMIT 1), 0) AS awaiting
      FROM ideas i WHERE i.received_on < ?2
    )
    SELECT COALESCE(SUM(received_on >= ?1), 0) AS received,
      COALESCE(SUM(status NOT IN ('done', 'declined', 'duplicate') AND (answered = 0 OR awaiting = 1)), 0) AS waiting,
      COALESCE(SUM(ack_on IS NULL AND julianday(?2) - julianday(received_on) > ?3), 0) AS overdue,
      (SELECT COUNT(*) FROM idea_messages m JOIN ideas i ON i.id = m.idea_id
        WHERE m.author = 'author' AND m.on_day >= ?1 AND m.on_day < ?2 AND i.received_on < ?2) AS replies
    FROM base`,
  )
    .bind(since, today, ackPromiseDays)
    .first<{ received: number; replies: number; waiting: number; overdue: number }>();
  return { received: row?.received ?? 0, replies: row?.replies ?? 0, waiting: row?.waiting ?? 0, overdue: row?.overdue ?? 0 };
}
