// SQL for content_drafts: HR's publications before they reach the
// repository. Each write carries the version it was made on and changes
// nothing when the stored one moved (the caller answers 409); each is
// audited in the same batch (auditedBatch).
import type { Draft, DraftKind, DraftState } from "#lib/publishing/model.ts";
import type { DbEnv } from "../config.ts";

interface DraftRow {
  id: string;
  kind: string;
  path: string;
  body: string;
  base_sha: string | null;
  state: string;
  version: number;
  author: string;
  approver: string | null;
  publisher: string | null;
  commit_sha: string | null;
  created_at: string;
  updated_at: string;
  supersedes: string | null;
  consent_by: string | null;
  consent_day: string | null;
}

export interface StoredDraft extends Draft {
  /** The file's blob sha when the draft was made (null: a new file). */
  baseSha: string | null;
}

function toDraft(row: DraftRow): StoredDraft {
  return {
    id: row.id,
    kind: row.kind as DraftKind,
    path: row.path,
    body: JSON.parse(row.body) as Record<string, unknown>,
    baseSha: row.base_sha,
    state: row.state as DraftState,
    version: row.version,
    author: row.author,
    approver: row.approver,
    publisher: row.publisher,
    commitSha: row.commit_sha,
    supersedes: row.supersedes,
    consent: row.consent_by && row.consent_day ? { by: row.consent_by, day: row.consent_day } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function readDraft(env: DbEnv, id: string): Promise<StoredDraft | null> {
  const row = await env.DB.prepare("SELECT * FROM content_drafts WHERE id = ?1").bind(id).first<DraftRow>();
  return row ? toDraft(row) : null;
}

/** The newest drafts first; the console shows a page of them. */
export async function listDrafts(env: DbEnv, limit = 50): Promise<StoredDraft[]> {
  const { results } = await env.DB.prepare("SELECT * FROM content_drafts ORDER BY updated_at DESC, id LIMIT ?1")
    .bind(limit)
    .all<DraftRow>();
  return results.map(toDraft);
}

/** Whether a draft not yet published already writes `path` (a new survey's id must be free). */
export async function draftWritesPath(env: DbEnv, path: string): Promise<boolean> {
  const row = await env.DB.prepare("SELECT 1 AS found FROM content_drafts WHERE path = ?1 AND state IN ('draft', 'approved') LIMIT 1")
    .bind(path)
    .first<{ found: number }>();
  return row !== null;
}

export function insertDraftStatement(
  env: DbEnv,
  d: {
    id: string;
    kind: DraftKind;
    path: string;
    body: unknown;
    baseSha: string | null;
    author: string;
    at: string;
    supersedes?: string | null;
  },
): D1PreparedStatement {
  return env.DB.prepare(
    `INSERT INTO content_drafts (id, kind, path, body, base_sha, author, created_at, updated_at, supersedes)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)`,
  ).bind(d.id, d.kind, d.path, JSON.stringify(d.body), d.baseSha, d.author, d.at, d.supersedes ?? null);
}

/**
 * A new body on a draft not yet published; sends it back to "draft" (an
 * approval was of the old body) and drops a recorded consent (it was to be
 * named as the old body named them).
 */
export function updateBodyStatement(env: DbEnv, id: string, version: number, body: unknown, at: string): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE content_drafts SET body = ?3, state = 'draft', approver = NULL, consent_by = NULL, consent_day = NULL,
       version = version + 1, updated_at = ?4
     WHERE id = ?1 AND version = ?2 AND state IN ('draft', 'approved')`,
  ).bind(id, version, JSON.stringify(body), at);
}

/** An honour's named person agreed to be named as the draft names them: who in HR confirmed it, and the day. */
export function consentStatement(env: DbEnv, id: string, version: number, by: string, day: string, at: string): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE content_drafts SET consent_by = ?3, consent_day = ?4, version = version + 1, updated_at = ?5
     WHERE id = ?1 AND version = ?2 AND kind = 'honour' AND state IN ('draft', 'approved')`,
  ).bind(id, version, by, day, at);
}

export function approveStatement(env: DbEnv, id: string, version: number, approver: string, at: string): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE content_drafts SET state = 'approved', approver = ?3, version = version + 1, updated_at = ?4
     WHERE id = ?1 AND version = ?2 AND state = 'draft' AND author <> ?3`,
  ).bind(id, version, approver, at);
}

export function publishedStatement(
  env: DbEnv,
  id: string,
  version: number,
  publisher: string,
  commitSha: string,
  at: string,
): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE content_drafts SET state = 'building', publisher = ?3, commit_sha = ?4, version = version + 1, updated_at = ?5
     WHERE id = ?1 AND version = ?2 AND state = 'approved'`,
  ).bind(id, version, publisher, commitSha, at);
}

/** The file moved in the repository since the draft was made: back to "draft", against the file as it is now. */
export function returnedStatement(env: DbEnv, id: string, version: number, baseSha: string | null, at: string): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE content_drafts SET state = 'draft', approver = NULL, base_sha = ?3, version = version + 1, updated_at = ?4
     WHERE id = ?1 AND version = ?2 AND state = 'approved'`,
  ).bind(id, version, baseSha, at);
}
