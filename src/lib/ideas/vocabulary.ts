// The suggestion box's words: categories, statuses, verdicts and limits.
// Kept free of zod so the browser islands can import them without the
// validation library; the schemas live in model.ts.

export const IDEA_CATEGORIES = ["reward_policy", "process", "training", "tools", "team", "other"] as const;
export type IdeaCategory = (typeof IDEA_CATEGORIES)[number];

/** The normal path, in order; declined and duplicate end it early. */
export const IDEA_FLOW = ["received", "under_review", "planned", "in_progress", "done"] as const;
export const IDEA_STATUSES = [...IDEA_FLOW, "declined", "duplicate"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/**
 * The moves HR may make, stated once for the API (others are 422) and the
 * console (it offers only these). Open ideas go forward along the flow
 * (steps may be skipped) or end as declined / duplicate; a plan that stalls
 * may step back one; a closed idea can be reopened for review. Nothing goes
 * back to "received": that is the day the idea arrived, not a state to return to.
 */
export const STATUS_TRANSITIONS: Readonly<Record<IdeaStatus, readonly IdeaStatus[]>> = {
  received: ["under_review", "planned", "in_progress", "done", "declined", "duplicate"],
  under_review: ["planned", "in_progress", "done", "declined", "duplicate"],
  planned: ["under_review", "in_progress", "done", "declined", "duplicate"],
  in_progress: ["planned", "done", "declined", "duplicate"],
  done: ["under_review"],
  declined: ["under_review"],
  duplicate: ["under_review"],
};

export function canMove(from: IdeaStatus, to: IdeaStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** Statuses after which HR has given its answer and the author's verdict means something. */
export const CLOSED_STATUSES: readonly IdeaStatus[] = ["done", "declined", "duplicate"];

/**
 * HR has answered an idea once it has closed it or written to its author
 * (publicly or privately): from then on the author may give a verdict. The
 * server enforces it; the tracking page offers the verdict form by it.
 */
export function hrHasAnswered(status: IdeaStatus, hrMessages: number): boolean {
  return CLOSED_STATUSES.includes(status) || hrMessages > 0;
}

/**
 * Whether an idea takes a new "me too": not once it is settled (done,
 * declined) or folded into another idea (duplicate). A support already given
 * can always be withdrawn. The board offers the button by it; the server
 * refuses a support otherwise (409 support_closed).
 */
export function takesSupport(status: IdeaStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

export const VERDICTS = ["resolved", "not_resolved"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const MESSAGE_AUTHORS = ["author", "hr"] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];
/** private: only HR and the author see it; public: also on the board once the idea is published. */
export const MESSAGE_VISIBILITIES = ["private", "public"] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

export const BOARD_SORTS = ["recent", "support"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

/** Per-field limits: the form shows them, the server enforces them (422). */
export const LIMITS = {
  titleMin: 3,
  titleMax: 120,
  bodyMin: 10,
  bodyMax: 4000,
  replyMax: 4000,
  verdictCommentMax: 1000,
  turnstileTokenMax: 2048,
  supportTokenMin: 16,
  supportTokenMax: 128,
  /** HR's public note on a status change, and the public note on what a reward was. */
  statusNoteMax: 1000,
  rewardNoteMax: 300,
  /** HR's free-text search in the console. */
  searchMax: 100,
  /** Author replies per idea: a conversation, not a channel for floods. */
  authorMessagesMax: 100,
} as const;

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}

/**
 * What a reader sees of a text, for length rules: without whitespace at the
 * ends and without invisible format characters (zero-width spaces and
 * joiners, bidi controls: Unicode Cf). Text itself is stored verbatim.
 */
export function visibleText(s: string): string {
  return s.replace(/\p{Cf}/gu, "").trim();
}
