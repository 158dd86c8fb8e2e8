// HR's publications before they reach the repository: the draft's shape, its
// states and the requests the console sends. Free of server code, so the
// console can import the types.
import { z } from "zod";
import { CYCLE_ID_PATTERN } from "../results/period.ts";
import { templateRefinement, ZFromTemplate } from "./template-create.ts";

export const DRAFT_STATES = ["draft", "approved", "building", "live"] as const;
export type DraftState = (typeof DRAFT_STATES)[number];
export const DRAFT_KINDS = ["survey", "policy", "honour", "results", "forum"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** What HR may do with drafts: read them, or also draft, or also approve (someone else's). */
export const ROLES = ["read", "draft", "approve"] as const;
export type Role = (typeof ROLES)[number];

export interface Draft {
  id: string;
  kind: DraftKind;
  /** The file in the repository the draft writes. */
  path: string;
  /** The file's content, as it will be committed. */
  body: Record<string, unknown>;
  state: DraftState;
  version: number;
  author: string;
  approver: string | null;
  publisher: string | null;
  /** The commit that published it. */
  commitSha: string | null;
  /** A policy draft: the version file it supersedes once published. */
  supersedes: string | null;
  /** An honour draft: who in HR confirmed the named person's consent, and on which day. */
  consent: { by: string; day: string } | null;
  createdAt: string;
  updatedAt: string;
}

const version = z.int("The version of the draft you edited.").min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");

const fileSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, "lower-case letters, digits and hyphens, as in q4-outstanding-li-wei");

/**
 * POST /api/admin/drafts: a new survey from a template (a shipped survey,
 * `template`, with the new survey's `id` and maybe its `title`); or the next run of the series `from` belongs to; or a
 * new policy version drafted from the version in force (`policy`, its id);
 * or an honour (its file's name is `<date>-<slug>.json`, its content `body`);
 * or a cycle's results (`results`, the cycle id; `body`, the file: the
 * aggregates the browser computed from the KPI export, never its rows);
 * or a staff forum (`forum`, its id <yyyy-mm-dd>-<slug>): announced with its
 * `body`, or without one drafted from the forum file the repository has.
 */
export const ZDraftCreate = z
  .strictObject({
    from: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/, "a survey id")
      .optional(),
    policy: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a policy version id, YYYY-MM")
      .optional(),
    honour: fileSlug.optional(),
    results: z.string().regex(CYCLE_ID_PATTERN, "a cycle id: 2026-10, 2026-Q3, 2026-H1 or 2025").optional(),
    forum: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9][a-z0-9-]{0,60}$/, "a forum id: <yyyy-mm-dd>-<slug>")
      .optional(),
    body: z.record(z.string(), z.unknown()).optional(),
    ...ZFromTemplate.shape,
  })
  .superRefine((v, ctx) => {
    const given = (["from", "policy", "honour", "results", "forum", "template"] as const).filter((k) => v[k] !== undefined);
    if (given.length !== 1)
      for (const k of given.length === 0 ? (["from"] as const) : given)
        ctx.addIssue({ code: "custom", path: [k], message: "send one of from, policy, honour, results, forum or template" });
    templateRefinement(v, ctx);
    const withBody = v.honour ?? v.results;
    if (v.forum === undefined && (withBody === undefined) !== (v.body === undefined))
      ctx.addIssue({
        code: "custom",
        path: [withBody === undefined ? "body" : v.honour !== undefined ? "honour" : "results"],
        message: "an honour or a cycle's results is sent with its body",
      });
  });
/** PATCH /api/admin/drafts/{id}: what HR adjusts on a next run; the rest is carried over. */
export const ZDraftPatch = z.strictObject({
  version,
  opens: day.optional(),
  closes: day.optional(),
  audience: z.int().min(1).max(1_000_000).optional(),
  /** A policy version's, an honour's, a cycle's results' or a forum's whole content, as HR edited it in the form. */
  body: z.record(z.string(), z.unknown()).optional(),
});
/** POST …/approve and …/publish: the version HR looked at. */
export const ZDraftStep = z.strictObject({ version });

export type TDraftCreate = z.infer<typeof ZDraftCreate>;
export type TDraftPatch = z.infer<typeof ZDraftPatch>;
