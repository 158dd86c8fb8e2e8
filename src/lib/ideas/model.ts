// The suggestion box's vocabulary and input shapes, shared by the pages (what
// the form offers) and the functions (what the server accepts), so the two
// agree by construction. Server-owned fields (ids, dates, status) are never
// taken from a body.
import { z } from "zod";
import { LOCALES } from "../../i18n/config.ts";

export const IDEA_CATEGORIES = ["reward_policy", "process", "training", "tools", "team", "other"] as const;
export type IdeaCategory = (typeof IDEA_CATEGORIES)[number];

/** The normal path, in order; declined and duplicate end it early. */
export const IDEA_FLOW = ["received", "under_review", "planned", "in_progress", "done"] as const;
export const IDEA_STATUSES = [...IDEA_FLOW, "declined", "duplicate"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

/** Statuses after which HR has given its answer and the author's verdict means something. */
export const CLOSED_STATUSES: readonly IdeaStatus[] = ["done", "declined", "duplicate"];

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
  /** Author replies per idea: a conversation, not a channel for floods. */
  authorMessagesMax: 100,
} as const;

// Text is stored exactly as sent (hostile text included: it is only ever
// rendered as text). Length rules count what a reader sees, so whitespace
// alone does not pass a minimum.
const text = (min: number, max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters.`)
    .refine((s) => s.trim().length >= min, `At least ${min} characters.`);

const receipt = z.string().min(1, "Enter your receipt code.").max(64, "That is not a receipt code.");

export const ZIdeaInput = z.strictObject({
  category: z.enum(IDEA_CATEGORIES),
  title: text(LIMITS.titleMin, LIMITS.titleMax),
  body: text(LIMITS.bodyMin, LIMITS.bodyMax),
  publishConsent: z.boolean(),
  locale: z.enum(LOCALES).optional(),
  turnstileToken: z.string().max(LIMITS.turnstileTokenMax).optional(),
});
export type TIdeaInput = z.infer<typeof ZIdeaInput>;

export const ZTrackInput = z.strictObject({ receipt });
export type TTrackInput = z.infer<typeof ZTrackInput>;

export const ZReplyInput = z.strictObject({ receipt, body: text(1, LIMITS.replyMax) });
export type TReplyInput = z.infer<typeof ZReplyInput>;

export const ZVerdictInput = z.strictObject({
  receipt,
  verdict: z.enum(VERDICTS),
  comment: z.string().max(LIMITS.verdictCommentMax, `At most ${LIMITS.verdictCommentMax} characters.`).optional(),
});
export type TVerdictInput = z.infer<typeof ZVerdictInput>;

export const ZSupportInput = z.strictObject({
  // a random value the browser keeps in localStorage; the server stores only its hash
  token: z
    .string()
    .min(LIMITS.supportTokenMin, "The support token is too short.")
    .max(LIMITS.supportTokenMax, "The support token is too long.")
    .regex(/^[A-Za-z0-9_-]+$/, "The support token has unexpected characters."),
});
export type TSupportInput = z.infer<typeof ZSupportInput>;

/** GET /api/ideas query: unknown values are 422, not silently ignored. */
export const ZBoardQuery = z.strictObject({
  status: z.enum(IDEA_STATUSES).optional(),
  category: z.enum(IDEA_CATEGORIES).optional(),
  sort: z.enum(BOARD_SORTS).optional(),
});
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

// --- what the API returns

export interface StatusChange {
  status: IdeaStatus;
  /** YYYY-MM-DD: dates only, never a time of day. */
  on: string;
  note: string | null;
}

export interface IdeaMessage {
  from: MessageAuthor;
  visibility: MessageVisibility;
  body: string;
  on: string;
}

/** One idea as its author sees it on the tracking page. */
export interface TrackedIdea {
  id: string;
  category: IdeaCategory;
  title: string;
  body: string;
  locale: string;
  status: IdeaStatus;
  receivedOn: string;
  publishConsent: boolean;
  published: boolean;
  publicTitle: string | null;
  publicBody: string | null;
  rewarded: boolean;
  verdict: Verdict | null;
  verdictComment: string | null;
  supportCount: number;
  history: StatusChange[];
  messages: IdeaMessage[];
}

/** One idea on the public board: HR's moderated text only. */
export interface BoardIdea {
  id: string;
  category: IdeaCategory;
  title: string;
  body: string;
  status: IdeaStatus;
  publishedOn: string;
  rewarded: boolean;
  verdict: Verdict | null;
  supportCount: number;
  duplicateOf: string | null;
  history: StatusChange[];
  answers: { body: string; on: string }[];
}

/**
 * Board transparency figures. Shares and medians describing fewer than the
 * minimum group size are null (suppressed), like every other aggregate.
 */
export interface BoardStats {
  received: number;
  ackPromiseDays: number;
  /** ideas whose acknowledgement window has passed, or that were acknowledged already */
  ackDue: number;
  ackWithinPromise: number | null;
  ackShare: number | null;
  answered: number;
  medianDaysToFirstAnswer: number | null;
  verdicts: number;
  resolved: number | null;
  resolvedShare: number | null;
  minGroupSize: number;
}

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}
