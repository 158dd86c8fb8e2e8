// The HR audit log's vocabulary and query shape, shared by the API and the
// console. HR actions are accountable: each row names who acted and when, to
// the second. Employees never appear in it.
import { z } from "zod";
import { isDay } from "../clock.ts";
import type { Verdict } from "../ideas/vocabulary.ts";

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
  "survey.comments.read",
  "survey.responses.export",
] as const;

/** Reads of what people wrote: each is on the record, and listed publicly on /results/access/. */
export const READ_ACTIONS = ["survey.comments.read", "survey.responses.export"] as const satisfies readonly AuditAction[];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
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
}

const day = z.string().refine(isDay, "A day written YYYY-MM-DD.");

/** GET /api/admin/audit query: every filter optional, days inclusive (UTC). */
export const ZAuditQuery = z
  .strictObject({
    actor: z.string().min(1).max(200).optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    target: z.string().min(1).max(100).optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "`to` is before `from`." });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
