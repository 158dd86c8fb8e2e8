// The HR audit log's query shape, for the API. HR actions are accountable:
// each row names who acted and when, to the second. Employees never appear
// in it. The vocabulary (actions, entries) is zod-free in ./vocabulary.ts, for
// the console; it is re-exported here for the server.
import { z } from "zod";
import { isDay } from "../clock.ts";
import { AUDIT_ACTIONS } from "./vocabulary.ts";

export { AUDIT_ACTIONS, READ_ACTIONS, type AuditAction, type AuditEntry, type AuditPage, type AuthorEvent } from "./vocabulary.ts";

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

/** GET /api/read-log query: `at`, a row of the audit log whose hash to give (to check a head recorded earlier). */
export const ZReadLogQuery = z.strictObject({
  at: z.coerce
    .number()
    .int("A whole number: the row recorded with the head.")
    .min(1)
    .max(2 ** 31)
    .optional(),
});
export type TReadLogQuery = z.infer<typeof ZReadLogQuery>;
