// HR's side of the suggestion box, between the routes in
// functions/api/admin/ideas/ and the SQL in db/ideas.ts: the inbox, one idea,
// answers, and one intent at a time (status, duplicate, publication, reward),
// decided by src/lib/ideas/transitions.ts. Every write goes in one batch with
// its audit rows, so the log cannot miss a change and a failed change leaves
// no row. The demo seeder calls these same functions (actor "demo").
import { parseTerms, type RetentionVars } from "#lib/retention.ts";
import { dayOf } from "#lib/clock.ts";
import type {
  AdminIdea,
  InboxPage,
  TAdminMessageInput,
  TDuplicateIntent,
  TInboxQuery,
  TPublicationIntent,
  TRewardIntent,
  TStatusIntent,
} from "#lib/ideas/model.ts";
import { decide, isRefusal, type Intent } from "#lib/ideas/transitions.ts";
import { hrSees } from "#lib/ideas/views.ts";
import type { Admin } from "./auth.ts";
import { readConfig, type AppEnv } from "./config.ts";
import { auditedBatch, type AuditRecord } from "./db/audit.ts";
import {
  hrMessageStatement,
  listInbox,
  readAdminIdea,
  readIdea,
  statusHistoryStatement,
  type Idea,
  stepVersionStatement,
  updateStateStatement,
} from "./db/ideas.ts";
import { HttpError } from "./http.ts";

type AdminEnv = Pick<AppEnv, "DB"> & Partial<Pick<AppEnv, "ACK_PROMISE_DAYS" | "MIN_GROUP_SIZE">> & RetentionVars;

function promise(env: AdminEnv, now: Date) {
  const config = readConfig(env);
  // the term shown for an idea whose texts retention deleted (never a 500 for a malformed one: its default)
  const { ideaTextDays } = parseTerms(env).terms;
  return { today: dayOf(now), ackPromiseDays: config.ackPromiseDays, minGroupSize: config.minGroupSize, ideaTextDays };
}

const notFound = () => new HttpError(404, "not_found", "No idea with this id.");

/**
 * The idea as HR may act on it (views.ts, hrSees): an idea that arrived today
 * is, for HR, not there yet — asked for, answered or changed, it is 404
 * exactly as an unknown id — and appears tomorrow.
 */
async function ideaForHr(env: AdminEnv, id: string, now: Date): Promise<Idea | null> {
  const idea = await readIdea(env, id);
  return idea && hrSees(idea, dayOf(now)) ? idea : null;
}

export function inbox(env: AdminEnv, query: TInboxQuery, now: Date): Promise<InboxPage> {
  return listInbox(env, query, promise(env, now));
}

export async function adminIdea(env: AdminEnv, id: string, now: Date): Promise<AdminIdea> {
  const idea = await readAdminIdea(env, id, promise(env, now));
  if (!idea) throw notFound();
  return idea;
}

/**
 * A private (author only) or public (author, and the board once published)
 * answer. It steps the idea's `version` like any change: a PATCH prepared on
 * a screen that did not show this answer is 409, so no one changes the
 * status of an idea without having seen its latest answer.
 */
export async function answerIdea(env: AdminEnv, admin: Admin, id: string, input: TAdminMessageInput, now: Date): Promise<AdminIdea> {
  const idea = await ideaForHr(env, id, now);
  if (!idea) throw notFound();
  await auditedBatch(env, () => [
    stepVersionStatement(env, id),
    hrMessageStatement(env, id, input.visibility, input.body, dayOf(now)),
    { audit: audit(admin, now, "idea.answer", id, { visibility: input.visibility }) },
  ]);
  return adminIdea(env, id, now);
}

function audit(admin: Admin, now: Date, action: AuditRecord["action"], ideaId: string, detail?: Record<string, unknown>): AuditRecord {
  return { at: now.toISOString(), actor: admin.actor, action, targetType: "idea", targetId: ideaId, detail };
}

async function conflict(env: AdminEnv, id: string, now: Date): Promise<HttpError> {
  const current = await adminIdea(env, id, now);
  return new HttpError(
    409,
    "edit_conflict",
    "Someone else changed this idea after you opened it. Review the current state and try again.",
    {
      details: { current },
    },
  );
}

/** An intent as a route sends it: a duplicate link names its original by id, which the service looks up. */
type Requested = Exclude<Intent, { kind: "duplicate" }> | { kind: "duplicate"; of: string; note?: string };

/**
 * One HR intent, checked against the idea as stored: the stored version must
 * be the one HR saw (409 edit_conflict otherwise, and the database refuses a
 * stale write even when two changes race). An intent that changes nothing
 * answers the idea as it is, without stepping its version.
 */
async function act(env: AdminEnv, admin: Admin, id: string, version: number, requested: Requested, now: Date): Promise<AdminIdea> {
  const idea = await ideaForHr(env, id, now);
  if (!idea) throw notFound();
  if (version !== idea.version) throw await conflict(env, id, now);
  const intent: Intent =
    requested.kind === "duplicate" ? { ...requested, original: await ideaForHr(env, requested.of.toLowerCase(), now) } : requested;
  const today = dayOf(now);
  const outcome = decide(idea, intent, today);
  if (isRefusal(outcome)) {
    const { status, code, message, fields, details } = outcome;
    throw new HttpError(status, code, message, { ...(fields ? { fields } : {}), ...(details ? { details } : {}) });
  }
  if (outcome.audit.length === 0) return adminIdea(env, id, now);
  try {
    await auditedBatch(env, () => [
      updateStateStatement(env, id, idea.version, outcome.next),
      ...(outcome.history ? [statusHistoryStatement(env, id, outcome.history.status, today, outcome.history.note)] : []),
      ...outcome.audit.map(({ action, detail }) => ({ audit: audit(admin, now, action, id, detail) })),
    ]);
  } catch (err) {
    if (/edit_conflict/.test(String(err))) throw await conflict(env, id, now);
    throw err;
  }
  return adminIdea(env, id, now);
}

export function changeStatus(env: AdminEnv, admin: Admin, id: string, input: TStatusIntent, now: Date): Promise<AdminIdea> {
  return act(env, admin, id, input.version, { kind: "status", to: input.status, note: input.note }, now);
}

export function setDuplicate(env: AdminEnv, admin: Admin, id: string, input: TDuplicateIntent, now: Date): Promise<AdminIdea> {
  const intent: Requested =
    input.duplicateOf === null ? { kind: "unduplicate" } : { kind: "duplicate", of: input.duplicateOf, note: input.note };
  return act(env, admin, id, input.version, intent, now);
}

export function setPublication(env: AdminEnv, admin: Admin, id: string, input: TPublicationIntent, now: Date): Promise<AdminIdea> {
  const intent: Requested = input.publish === false ? { kind: "unpublish" } : { kind: "publish", ...input.publish };
  return act(env, admin, id, input.version, intent, now);
}

export function setReward(env: AdminEnv, admin: Admin, id: string, input: TRewardIntent, now: Date): Promise<AdminIdea> {
  const intent: Requested = input.rewarded === false ? { kind: "unreward" } : { kind: "reward", note: input.rewarded.note };
  return act(env, admin, id, input.version, intent, now);
}
