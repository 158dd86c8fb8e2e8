// HR's side of the suggestion box, between the routes in
// functions/api/admin/ideas/ and the SQL in db/ideas.ts: the inbox, one idea,
// answers and changes. Every write goes in one batch with its audit row, so
// the log cannot miss a change and a failed change leaves no row. The demo
// seeder calls these same functions (actor "demo").
import { dayOf } from "../lib/clock.ts";
import { findIdentifying, type IdentifyingFinding } from "../lib/identifying.ts";
import {
  STATUS_TRANSITIONS,
  canMove,
  visibleText,
  type AdminIdea,
  type IdeaStatus,
  type InboxPage,
  type TAdminMessageInput,
  type TIdeaPatch,
  type TInboxQuery,
} from "../lib/ideas/model.ts";
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
  type IdeaState,
} from "./db/ideas.ts";
import { HttpError } from "./http.ts";

type AdminEnv = Pick<AppEnv, "DB"> & Partial<Pick<AppEnv, "ACK_PROMISE_DAYS" | "MIN_GROUP_SIZE">>;

function promise(env: AdminEnv, now: Date) {
  const config = readConfig(env);
  return { today: dayOf(now), ackPromiseDays: config.ackPromiseDays, minGroupSize: config.minGroupSize };
}

const notFound = () => new HttpError(404, "not_found", "No idea with this id.");

/**
 * The idea as HR may act on it: one received before today. An idea that
 * arrived today is, for HR, not there yet — asked for, answered or changed,
 * it is 404 exactly as an unknown id — and appears tomorrow.
 */
async function ideaForHr(env: AdminEnv, id: string, now: Date): Promise<Idea | null> {
  const idea = await readIdea(env, id);
  return idea && idea.receivedOn < dayOf(now) ? idea : null;
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

function invalid(code: string, message: string, fields: Record<string, string>, details?: Record<string, unknown>): HttpError {
  return new HttpError(422, code, message, { fields, details });
}

/** Identifying details left in the moderated text, with the field each was found in. */
export function identifyingIn(publish: { title: string; body: string }): (IdentifyingFinding & { field: "title" | "body" })[] {
  return [
    ...findIdentifying(publish.title).map((f) => ({ ...f, field: "title" as const })),
    ...findIdentifying(publish.body).map((f) => ({ ...f, field: "body" as const })),
  ];
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

/**
 * One HR change: status (with a public note), publication of a moderated
 * version, reward, duplicate link. Checked against the idea as stored; the
 * stored version must be the one HR saw (409 edit_conflict otherwise, and the
 * database refuses a stale write even when two changes race).
 */
export async function updateIdea(env: AdminEnv, admin: Admin, id: string, patch: TIdeaPatch, now: Date): Promise<AdminIdea> {
  const idea = await ideaForHr(env, id, now);
  if (!idea) throw notFound();
  if (patch.version !== idea.version) throw await conflict(env, id, now);

  const today = dayOf(now);
  // a note of only blanks or invisible characters is no note, as for the author's verdict comment
  const note = patch.note !== undefined && visibleText(patch.note) !== "" ? patch.note : null;
  const next: IdeaState = {
    status: idea.status,
    published: idea.published,
    publicTitle: idea.publicTitle,
    publicBody: idea.publicBody,
    publishedOn: idea.publishedOn,
    rewarded: idea.rewarded,
    rewardNote: idea.rewardNote,
    duplicateOf: idea.duplicateOf,
  };
  const records: AuditRecord[] = [];

  // --- duplicate link and status, which must agree: "duplicate" ⇔ a link to the original
  let target: IdeaStatus | undefined = patch.status;
  if (typeof patch.duplicateOf === "string") {
    const original = patch.duplicateOf.toLowerCase();
    if (target !== undefined && target !== "duplicate") {
      throw invalid("validation_failed", "An idea marked as a duplicate has the status duplicate.", {
        status: "Leave it out or send duplicate.",
      });
    }
    if (original === id) throw invalid("validation_failed", "An idea cannot duplicate itself.", { duplicateOf: "Choose another idea." });
    const other = await ideaForHr(env, original, now);
    if (!other) throw invalid("validation_failed", "No idea with that id.", { duplicateOf: "No idea with this id." });
    if (other.status === "duplicate") {
      throw invalid("validation_failed", "That idea is itself a duplicate: link to the original instead.", {
        duplicateOf: `Link to ${other.duplicateOf ?? "the original"} instead.`,
      });
    }
    next.duplicateOf = original;
    if (idea.status !== "duplicate") target = "duplicate";
    if (original !== idea.duplicateOf) records.push(audit(admin, now, "idea.duplicate", id, { of: original }));
  } else if (patch.duplicateOf === null) {
    if (target === "duplicate")
      throw invalid("validation_failed", "A duplicate needs the original it repeats.", { duplicateOf: "Send the original's id." });
    if (idea.status === "duplicate" && target === undefined) target = "under_review";
    next.duplicateOf = null;
    if (idea.duplicateOf) records.push(audit(admin, now, "idea.duplicate.clear", id, { was: idea.duplicateOf }));
  } else if (target === "duplicate" && !idea.duplicateOf) {
    throw invalid("validation_failed", "Say which idea this one duplicates.", { duplicateOf: "Send the original's id." });
  } else if (target !== undefined && target !== "duplicate" && idea.duplicateOf) {
    next.duplicateOf = null; // reopening a duplicate ends the link
    records.push(audit(admin, now, "idea.duplicate.clear", id, { was: idea.duplicateOf }));
  }

  const moves = target !== undefined && target !== idea.status;
  if (target !== undefined && !moves && patch.status !== undefined) {
    throw invalid("invalid_transition", `The idea is already ${idea.status}.`, { status: "Choose another status." });
  }
  if (moves && !canMove(idea.status, target!)) {
    const allowed = STATUS_TRANSITIONS[idea.status];
    throw invalid("invalid_transition", `An idea cannot move from ${idea.status} to ${target}.`, {
      status: `From ${idea.status}: ${allowed.join(", ")}.`,
    });
  }
  if (moves) {
    next.status = target!;
    records.push(audit(admin, now, "idea.status", id, { from: idea.status, to: target, note }));
  }

  // --- publication: only with the author's consent, only without identifying details (unless HR confirms)
  if (patch.publish === false) {
    if (idea.published) {
      next.published = false;
      next.publishedOn = null;
      records.push(audit(admin, now, "idea.unpublish", id));
    }
  } else if (patch.publish) {
    if (!idea.publishConsent) {
      throw new HttpError(
        409,
        "no_publish_consent",
        "The author did not agree to publication; this idea can be answered but not published.",
      );
    }
    const findings = identifyingIn(patch.publish);
    if (findings.length > 0 && patch.publish.confirm !== true) {
      const fields: Record<string, string> = {};
      for (const f of findings)
        fields[`publish.${f.field}`] ??=
          "May identify the author: " +
          findings
            .filter((g) => g.field === f.field)
            .map((g) => g.text)
            .join(", ");
      throw invalid(
        "identifying_details",
        "The moderated text still contains details that may identify the author. Remove them, or confirm that they are safe to publish.",
        fields,
        { spans: findings.map(({ field, kind, start, end, text }) => ({ field, kind, start, end, text })) },
      );
    }
    next.published = true;
    next.publicTitle = patch.publish.title;
    next.publicBody = patch.publish.body;
    next.publishedOn = idea.published ? idea.publishedOn : today;
    records.push(
      audit(admin, now, "idea.publish", id, {
        title: patch.publish.title,
        ...(findings.length > 0 ? { confirmedIdentifying: findings.map((f) => f.kind) } : {}),
      }),
    );
  }

  // --- reward, with its public note
  if (patch.rewarded === false) {
    if (idea.rewarded) records.push(audit(admin, now, "idea.unreward", id));
    next.rewarded = false;
    next.rewardNote = null;
  } else if (patch.rewarded) {
    next.rewarded = true;
    next.rewardNote = patch.rewarded.note;
    records.push(audit(admin, now, "idea.reward", id, { note: patch.rewarded.note }));
  }

  if (records.length === 0) {
    // nothing would change: say so instead of stepping the version for nothing
    return adminIdea(env, id, now);
  }
  try {
    await auditedBatch(env, () => [
      updateStateStatement(env, id, idea.version, next),
      ...(moves ? [statusHistoryStatement(env, id, next.status, today, note)] : []),
      ...records.map((audit) => ({ audit })),
    ]);
  } catch (err) {
    if (/edit_conflict/.test(String(err))) throw await conflict(env, id, now);
    throw err;
  }
  return adminIdea(env, id, now);
}
