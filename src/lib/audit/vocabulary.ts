// The HR audit log's words and shapes: its actions and the entries the API
// answers with. Kept free of zod so the console (a browser island, under a
// CSP that refuses zod's `new Function` probe) can import them; the query
// schema lives in model.ts.
import type { Verdict } from "../ideas/vocabulary.ts";
import type { TSurveyText } from "../surveys/schema.ts";

export const AUDIT_ACTIONS = [
  "idea.answer",
  "idea.status",
  "idea.publish",
  "idea.unpublish",
  "idea.reward",
  "idea.unreward",
  "idea.duplicate",
  "idea.duplicate.clear",
  "survey.tokens.create",
  "survey.tokens.delete",
  "survey.tokens.replace",
  "survey.audience.raise",
  "survey.comments.read",
  "survey.responses.export",
  "draft.create",
  "draft.update",
  "draft.approve",
  "draft.publish",
  "draft.return",
  "draft.consent",
  "retention.delete",
] as const;

/** Reads of what people wrote: each is on the record, and listed publicly on /results/access/. */
export const READ_ACTIONS = ["survey.comments.read", "survey.responses.export"] as const satisfies readonly AuditAction[];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  /** The row's place in the hash chain (src/lib/audit/chain.ts), its link to the row before, and its own hash. */
  seq: number | null;
  prevHash: string | null;
  /** Null on rows written before the chain: a verifier computes theirs. */
  hash: string | null;
  /** ISO timestamp with time of day: HR actions are accountable, not anonymous. */
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * What the author of an idea did, to the day. Employees are anonymous, so
 * their replies and verdict are never rows of the log (a row would carry a
 * time of day, and its place among HR's rows would narrow it further); HR
 * reads them beside the log when it looks at one idea.
 */
export type AuthorEvent = { on: string; kind: "reply" } | { on: string; kind: "verdict"; verdict: Verdict };

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
  /** Only on the first page of a query for one idea (`target`). */
  authorSide?: AuthorEvent[];
  /**
   * What the page's ids name, so the log reads as titles rather than ids: the
   * title HR sees in the inbox of each idea an entry targets or points to
   * (duplicate of, was), and each survey's title. Never anything about who
   * wrote an idea: the log has no such thing to give.
   */
  titles?: { ideas: Record<string, string>; surveys: Record<string, TSurveyText> };
}
