// HR's publications before they reach the repository: the draft's shape, its
// states and the requests the console sends. Free of server code, so the
// console can import the types.
import { z } from "zod";

export const DRAFT_STATES = ["draft", "approved", "building", "live"] as const;
export type DraftState = (typeof DRAFT_STATES)[number];
export const DRAFT_KINDS = ["survey"] as const;
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
  createdAt: string;
  updatedAt: string;
}

const version = z.int("The version of the draft you edited.").min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD");

/** POST /api/admin/drafts: the next run of the series `from` belongs to. */
export const ZDraftCreate = z.strictObject({
  from: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, "a survey id"),
});
/** PATCH /api/admin/drafts/{id}: what HR adjusts on a next run; the rest is carried over. */
export const ZDraftPatch = z.strictObject({
  version,
  opens: day.optional(),
  closes: day.optional(),
  audience: z.int().min(1).max(1_000_000).optional(),
});
/** POST …/approve and …/publish: the version HR looked at. */
export const ZDraftStep = z.strictObject({ version });

export type TDraftCreate = z.infer<typeof ZDraftCreate>;
export type TDraftPatch = z.infer<typeof ZDraftPatch>;
