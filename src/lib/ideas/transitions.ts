// How HR's handling changes an idea, as a pure function: (the idea as stored,
// one intent) → (the next state, the status-history row, the audit rows), or
// a refusal. The service (src/server/admin-ideas.ts) reads the idea, checks
// the version HR saw and writes what this decides in one audited batch; who
// sees the result is src/lib/ideas/views.ts.
import type { AuditAction } from "../audit/vocabulary.ts";
import { findIdentifying, type IdentifyingFinding } from "../text/identifying.ts";
import type { AdminIdea } from "./model.ts";
import { STATUS_TRANSITIONS, canMove, visibleText, type IdeaStatus } from "./vocabulary.ts";

/** What HR's handling may change, written back in one UPDATE: as HR sees it, but the duplicate link an id. */
export type IdeaState = Pick<
  AdminIdea,
  "status" | "published" | "publicTitle" | "publicBody" | "publishedOn" | "rewarded" | "rewardNote"
> & {
  duplicateOf: string | null;
};

/** The idea as a transition reads it: its state and the author's consent to publication. */
export interface IdeaFacts extends IdeaState {
  id: string;
  publishConsent: boolean;
}

/** The idea a duplicate link points to, as HR may see it (null: unknown, or not yet HR's). */
export interface Original {
  id: string;
  status: IdeaStatus;
  duplicateOf: string | null;
}

/** One thing HR does to an idea; an answer (a message) is not here: it changes no state. */
export type Intent =
  | { kind: "status"; to: IdeaStatus; note?: string }
  | { kind: "duplicate"; of: string; original: Original | null; note?: string }
  | { kind: "unduplicate" }
  | { kind: "publish"; title: string; body: string; confirm?: boolean }
  | { kind: "unpublish" }
  | { kind: "reward"; note: string }
  | { kind: "unreward" };
export type IntentKind = Intent["kind"];

/** What an intent leads to; no audit rows means nothing changes (the version is not stepped for nothing). */
export interface Change {
  next: IdeaState;
  /** The status-history row, when the status moves. */
  history: { status: IdeaStatus; note: string | null } | null;
  audit: { action: AuditAction; detail?: Record<string, unknown> }[];
}

export interface Refusal {
  status: 409 | 422;
  code: "validation_failed" | "invalid_transition" | "identifying_details" | "no_publish_consent";
  message: string;
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
}

/** Where an intent other than a status move leaves the status: "stays", a status, or "refused". */
type Next = IdeaStatus | "stays" | "refused";

/**
 * The transition table. A status move (`status`) follows STATUS_TRANSITIONS
 * (from × to, in ./vocabulary.ts, which the console also reads); the other
 * intents, from each status:
 *
 *   from          duplicate     unduplicate    publish unpublish reward unreward
 *   received      duplicate     stays          stays   stays     stays  stays
 *   under_review  duplicate     stays          …
 *   planned       duplicate     stays
 *   in_progress   duplicate     stays
 *   done          refused       stays
 *   declined      refused       stays
 *   duplicate     stays (relink) under_review
 *
 * "duplicate" ⇔ a link to the original: marking a duplicate moves the status
 * there, clearing the link of a duplicate reopens it for review, and a status
 * move out of duplicate ends the link. Publication and reward leave the
 * status alone; publication further needs the author's consent.
 */
export const INTENT_TABLE: Readonly<Record<IdeaStatus, Readonly<Record<Exclude<IntentKind, "status">, Next>>>> = {
  received: { duplicate: "duplicate", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  under_review: { duplicate: "duplicate", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  planned: { duplicate: "duplicate", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  in_progress: { duplicate: "duplicate", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  done: { duplicate: "refused", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  declined: { duplicate: "refused", unduplicate: "stays", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
  duplicate: { duplicate: "stays", unduplicate: "under_review", publish: "stays", unpublish: "stays", reward: "stays", unreward: "stays" },
};

/** Where `intent` takes an idea in `from`: the next status, or "refused". */
export function nextStatus(
  from: IdeaStatus,
  intent: { kind: "status"; to: IdeaStatus } | { kind: Exclude<IntentKind, "status"> },
): IdeaStatus | "refused" {
  if (intent.kind === "status") return intent.to !== from && canMove(from, intent.to) ? intent.to : "refused";
  const next = INTENT_TABLE[from][intent.kind];
  return next === "stays" ? from : next;
}

/** Identifying details left in the moderated text, with the field each was found in. */
export function identifyingIn(publish: { title: string; body: string }): (IdentifyingFinding & { field: "title" | "body" })[] {
  return [
    ...findIdentifying(publish.title).map((f) => ({ ...f, field: "title" as const })),
    ...findIdentifying(publish.body).map((f) => ({ ...f, field: "body" as const })),
  ];
}

const invalid = (code: Refusal["code"], message: string, fields: Record<string, string>, details?: Record<string, unknown>): Refusal => ({
  status: 422,
  code,
  message,
  fields,
  ...(details ? { details } : {}),
});

const cannotMove = (from: IdeaStatus, to: IdeaStatus): Refusal =>
  invalid("invalid_transition", `An idea cannot move from ${from} to ${to}.`, {
    status: `From ${from}: ${STATUS_TRANSITIONS[from].join(", ")}.`,
  });

/** A note of only blanks or invisible characters is no note, as for the author's verdict comment. */
const noteOf = (note: string | undefined) => (note !== undefined && visibleText(note) !== "" ? note : null);

function stateOf(idea: IdeaFacts): IdeaState {
  const { status, published, publicTitle, publicBody, publishedOn, rewarded, rewardNote, duplicateOf } = idea;
  return { status, published, publicTitle, publicBody, publishedOn, rewarded, rewardNote, duplicateOf };
}

/** What `intent` does to `idea` on `today`, or why it is refused. */
export function decide(idea: IdeaFacts, intent: Intent, today: string): Change | Refusal {
  const next = stateOf(idea);
  const change: Change = { next, history: null, audit: [] };
  const move = (to: IdeaStatus, note: string | null) => {
    next.status = to;
    change.history = { status: to, note };
    change.audit.push({ action: "idea.status", detail: { from: idea.status, to, note } });
  };
  switch (intent.kind) {
    case "status": {
      if (intent.to === idea.status) {
        return invalid("invalid_transition", `The idea is already ${idea.status}.`, { status: "Choose another status." });
      }
      if (intent.to === "duplicate") {
        return invalid("validation_failed", "Say which idea this one duplicates.", { status: "Mark a duplicate with the original's id." });
      }
      if (nextStatus(idea.status, intent) === "refused") return cannotMove(idea.status, intent.to);
      if (idea.duplicateOf) {
        next.duplicateOf = null; // reopening a duplicate ends the link
        change.audit.push({ action: "idea.duplicate.clear", detail: { was: idea.duplicateOf } });
      }
      move(intent.to, noteOf(intent.note));
      return change;
    }
    case "duplicate": {
      const original = intent.of.toLowerCase();
      if (original === idea.id)
        return invalid("validation_failed", "An idea cannot duplicate itself.", { duplicateOf: "Choose another idea." });
      if (!intent.original) return invalid("validation_failed", "No idea with that id.", { duplicateOf: "No idea with this id." });
      if (intent.original.status === "duplicate") {
        return invalid("validation_failed", "That idea is itself a duplicate: link to the original instead.", {
          duplicateOf: `Link to ${intent.original.duplicateOf ?? "the original"} instead.`,
        });
      }
      const to = nextStatus(idea.status, intent);
      if (to === "refused") return cannotMove(idea.status, "duplicate");
      next.duplicateOf = original;
      if (original !== idea.duplicateOf) change.audit.push({ action: "idea.duplicate", detail: { of: original } });
      if (to !== idea.status) move(to, noteOf(intent.note));
      return change;
    }
    case "unduplicate": {
      next.duplicateOf = null;
      if (idea.duplicateOf) change.audit.push({ action: "idea.duplicate.clear", detail: { was: idea.duplicateOf } });
      const to = nextStatus(idea.status, intent);
      if (to !== "refused" && to !== idea.status) move(to, null);
      return change;
    }
    case "publish": {
      if (!idea.publishConsent) {
        return {
          status: 409,
          code: "no_publish_consent",
          message: "The author did not agree to publication; this idea can be answered but not published.",
        };
      }
      const findings = identifyingIn(intent);
      if (findings.length > 0 && intent.confirm !== true) {
        const fields: Record<string, string> = {};
        for (const f of findings)
          fields[`publish.${f.field}`] ??=
            "May identify the author: " +
            findings
              .filter((g) => g.field === f.field)
              .map((g) => g.text)
              .join(", ");
        return invalid(
          "identifying_details",
          "The moderated text still contains details that may identify the author. Remove them, or confirm that they are safe to publish.",
          fields,
          { spans: findings.map(({ field, kind, start, end, text }) => ({ field, kind, start, end, text })) },
        );
      }
      next.published = true;
      next.publicTitle = intent.title;
      next.publicBody = intent.body;
      next.publishedOn = idea.published ? idea.publishedOn : today;
      change.audit.push({
        action: "idea.publish",
        detail: { title: intent.title, ...(findings.length > 0 ? { confirmedIdentifying: findings.map((f) => f.kind) } : {}) },
      });
      return change;
    }
    case "unpublish": {
      if (idea.published) {
        next.published = false;
        next.publishedOn = null;
        change.audit.push({ action: "idea.unpublish" });
      }
      return change;
    }
    case "reward": {
      next.rewarded = true;
      next.rewardNote = intent.note;
      change.audit.push({ action: "idea.reward", detail: { note: intent.note } });
      return change;
    }
    case "unreward": {
      if (idea.rewarded) change.audit.push({ action: "idea.unreward" });
      next.rewarded = false;
      next.rewardNote = null;
      return change;
    }
  }
}

export function isRefusal(outcome: Change | Refusal): outcome is Refusal {
  return "code" in outcome;
}
