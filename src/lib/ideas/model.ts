// The suggestion box's vocabulary and input shapes, shared by the pages (what
// the form offers) and the functions (what the server accepts), so the two
// agree by construction. Server-owned fields (ids, dates, status) are never
// taken from a body.
import { z } from "zod";
import { LOCALES } from "../../i18n/config.ts";

import {
  BOARD_SORTS,
  IDEA_CATEGORIES,
  IDEA_STATUSES,
  LIMITS,
  VERDICTS,
  type IdeaCategory,
  type IdeaStatus,
  type MessageAuthor,
  type MessageVisibility,
  type Verdict,
} from "./vocabulary.ts";

export * from "./vocabulary.ts";

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

